"""A BucketPolicy that names the declared private bucket by a literal string, not a reference."""

import json

import pulumi_aws as aws


def program() -> None:
    aws.s3.BucketV2("uploads", bucket="corp-uploads")
    aws.s3.BucketPolicy(
        "uploads-policy",
        bucket="corp-uploads",
        policy=json.dumps(
            {
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Principal": "*",
                        "Action": "s3:GetObject",
                        "Resource": "arn:aws:s3:::corp-uploads/*",
                    }
                ]
            }
        ),
    )
