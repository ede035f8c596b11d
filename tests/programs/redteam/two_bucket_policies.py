"""Two BucketPolicy resources on one bucket: the TLS-only one may be silently replaced by the other, class 6."""

import json

import pulumi_aws as aws


def program() -> None:
    bucket = aws.s3.BucketV2("media", bucket="corp-media")
    arn = "arn:aws:s3:::corp-media"
    tls = {
        "Effect": "Deny",
        "Principal": "*",
        "Action": "s3:*",
        "Resource": [arn, f"{arn}/*"],
        "Condition": {"Bool": {"aws:SecureTransport": "false"}},
    }
    aws.s3.BucketPolicy("media-tls", bucket=bucket.id, policy=json.dumps({"Statement": [tls]}))
    aws.s3.BucketPolicy(
        "media-deny-delete",
        bucket="corp-media",
        policy=json.dumps(
            {"Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:DeleteBucket", "Resource": arn}]}
        ),
    )
