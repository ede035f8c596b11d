"""One document grants media access and iam:Put*Policy (a pattern that covers Put{User,Role,Group}Policy)."""

import json

import pulumi_aws as aws


def program() -> None:
    aws.s3.BucketV2("uploads", bucket="corp-uploads")
    aws.iam.Policy(
        "app",
        policy=json.dumps(
            {
                "Statement": [
                    {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::corp-uploads/*"},
                    {"Effect": "Allow", "Action": "iam:Put*Policy", "Resource": "*"},
                ]
            }
        ),
    )
