"""The app's user gets s3:* on every bucket."""

import json

import pulumi_aws as aws


def program() -> None:
    aws.s3.BucketV2("uploads", bucket="corp-uploads")
    user = aws.iam.User("app", name="corp-app")
    aws.iam.UserPolicy(
        "app-policy",
        user=user.name,
        policy=json.dumps({"Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}),
    )
