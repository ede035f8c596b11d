"""A bucket policy granting a canonical user (another account) reads of private media."""

import json

import pulumi_aws as aws


def program() -> None:
    bucket = aws.s3.BucketV2("uploads", bucket="corp-uploads")
    aws.s3.BucketPolicy(
        "uploads-policy",
        bucket=bucket.id,
        policy=json.dumps(
            {
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Principal": {
                            "CanonicalUser": "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"
                        },
                        "Action": "s3:GetObject",
                        "Resource": "arn:aws:s3:::corp-uploads/*",
                    }
                ]
            }
        ),
    )
