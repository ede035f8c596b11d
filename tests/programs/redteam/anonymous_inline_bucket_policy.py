"""The deprecated inline `Bucket.policy`, with the wildcard in a list of AWS principals."""

import json

import pulumi_aws as aws


def program() -> None:
    aws.s3.Bucket(
        "uploads",
        bucket="corp-uploads",
        policy=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Principal": {"AWS": ["*"]},
                        "Action": ["s3:GetObject"],
                        "Resource": ["arn:aws:s3:::corp-uploads/*"],
                    }
                ],
            }
        ),
    )
