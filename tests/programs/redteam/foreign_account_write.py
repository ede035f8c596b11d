"""A bucket policy that lets another AWS account's root write private media."""

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
                        "Principal": {"AWS": "arn:aws:iam::999999999999:root"},
                        "Action": "s3:PutObject",
                        "Resource": "arn:aws:s3:::corp-uploads/*",
                    }
                ]
            }
        ),
    )
