"""A "*" principal pinned by aws:PrincipalAccount to an account that is not the program's."""

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
                        "Principal": "*",
                        "Action": "s3:GetObject",
                        "Resource": "arn:aws:s3:::corp-uploads/*",
                        "Condition": {"StringEquals": {"aws:PrincipalAccount": "999999999999"}},
                    }
                ]
            }
        ),
    )
