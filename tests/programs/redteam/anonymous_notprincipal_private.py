"""`NotPrincipal` with Allow: everyone but one role, on a private bucket."""

import json

import pulumi_aws as aws


def program() -> None:
    bucket = aws.s3.BucketV2("uploads", bucket="corp-uploads")
    aws.s3.BucketPolicy(
        "uploads-policy",
        bucket=bucket.bucket,
        policy=json.dumps(
            {
                "Statement": [
                    {
                        "Effect": "Allow",
                        "NotPrincipal": {"AWS": "arn:aws:iam::123456789012:role/admin"},
                        "Action": "s3:GetObject",
                        "Resource": "arn:aws:s3:::corp-uploads/*",
                    }
                ]
            }
        ),
    )
