"""A public bucket's anonymous read that covers every bucket's objects ("arn:aws:s3:::*/*")."""

import json

import pulumi_aws as aws


def program() -> None:
    bucket = aws.s3.BucketV2("public", bucket="corp-public", tags={"media-storage:visibility": "public"})
    aws.s3.BucketPolicy(
        "public-policy",
        bucket=bucket.id,
        policy=json.dumps(
            {
                "Statement": [
                    {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::*/*"}
                ]
            }
        ),
    )
