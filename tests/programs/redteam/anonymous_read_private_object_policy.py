"""A BucketPolicy whose `policy` is given as an object, not JSON text (the SDK accepts both)."""

import pulumi_aws as aws


def program() -> None:
    bucket = aws.s3.BucketV2("uploads", bucket="corp-uploads")
    aws.s3.BucketPolicy(
        "uploads-policy",
        bucket=bucket.id,
        policy={
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Principal": {"AWS": "*"},
                    "Action": "s3:GetObject",
                    "Resource": "arn:aws:s3:::corp-uploads/*",
                }
            ],
        },
    )
