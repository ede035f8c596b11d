"""The app's user may rewrite the private bucket's policy (s3:PutBucketPolicy named explicitly)."""

import json

import pulumi_aws as aws


def program() -> None:
    bucket = aws.s3.BucketV2("uploads", bucket="corp-uploads")
    user = aws.iam.User("app", name="corp-app")
    aws.iam.UserPolicy(
        "app-policy",
        user=user.name,
        policy=bucket.arn.apply(
            lambda arn: json.dumps(
                {
                    "Statement": [
                        {"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": f"{arn}/*"},
                        {"Effect": "Allow", "Action": "s3:PutBucketPolicy", "Resource": arn},
                    ]
                }
            )
        ),
    )
