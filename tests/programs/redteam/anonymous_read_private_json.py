"""An untagged (so private) bucket whose BucketPolicy, built with json.dumps, lets anyone read."""

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
                    "Version": "2012-10-17",
                    "Statement": [
                        {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": f"{arn}/*"}
                    ],
                }
            )
        ),
    )
