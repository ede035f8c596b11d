"""A TLS-only Deny with a second condition (conditions are ANDed: it denies almost nothing)."""

import json

import pulumi_aws as aws


def program() -> None:
    bucket = aws.s3.BucketV2("uploads", bucket="corp-uploads")
    aws.s3.BucketPolicy(
        "uploads-policy",
        bucket=bucket.id,
        policy=bucket.arn.apply(
            lambda arn: json.dumps(
                {
                    "Statement": [
                        {
                            "Effect": "Deny",
                            "Principal": "*",
                            "Action": "s3:*",
                            "Resource": [arn, f"{arn}/*"],
                            "Condition": {
                                "Bool": {"aws:SecureTransport": "false"},
                                "StringEquals": {"aws:SourceVpce": "vpce-0123"},
                            },
                        }
                    ]
                }
            )
        ),
    )
