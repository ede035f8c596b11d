"""A BucketPolicy opening a bucket the program never declares (named by a literal), class 4."""

import json

import pulumi_aws as aws


def program() -> None:
    aws.s3.BucketPolicy(
        "legacy-policy",
        bucket="corp-legacy-media",
        policy=json.dumps(
            {
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Principal": "*",
                        "Action": "s3:GetObject",
                        "Resource": "arn:aws:s3:::corp-legacy-media/*",
                    }
                ]
            }
        ),
    )
