"""An access point on private media whose inline policy lets anyone read it, public access block off, class 6."""

import json

import pulumi_aws as aws


def program() -> None:
    bucket = aws.s3.BucketV2("media", bucket="corp-media")
    aws.s3.AccessPoint(
        "media-share",
        bucket=bucket.id,
        name="media-share",
        public_access_block_configuration={
            "block_public_acls": True,
            "ignore_public_acls": True,
            "block_public_policy": False,
            "restrict_public_buckets": False,
        },
        policy=json.dumps(
            {
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Principal": "*",
                        "Action": "s3:GetObject",
                        "Resource": "arn:aws:s3:us-east-1:123456789012:accesspoint/media-share/object/*",
                    }
                ]
            }
        ),
    )
