"""The app's user (it holds S3 access) may attach any policy to itself: iam:AttachUserPolicy on *."""

import json

import pulumi_aws as aws


def program() -> None:
    aws.s3.BucketV2("uploads", bucket="corp-uploads")
    user = aws.iam.User("app", name="corp-app")
    aws.iam.UserPolicy(
        "app-s3",
        user=user.name,
        policy=json.dumps(
            {"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::corp-uploads/*"}]}
        ),
    )
    aws.iam.UserPolicy(
        "app-iam",
        user=user.name,
        policy=json.dumps({"Statement": [{"Effect": "Allow", "Action": "iam:AttachUserPolicy", "Resource": "*"}]}),
    )
