"""A public bucket that lets anyone upload, not only read."""

import json

import pulumi_aws as aws


def program() -> None:
    bucket = aws.s3.BucketV2("public", bucket="corp-public", tags={"media-storage:visibility": "public"})
    aws.s3.BucketPolicy(
        "public-policy",
        bucket=bucket.id,
        policy=bucket.arn.apply(
            lambda arn: json.dumps(
                {
                    "Statement": [
                        {
                            "Effect": "Allow",
                            "Principal": "*",
                            "Action": ["s3:GetObject", "s3:PutObject"],
                            "Resource": f"{arn}/*",
                        }
                    ]
                }
            )
        ),
    )
