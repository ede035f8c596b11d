"""A RolePolicy granting media access to a role the program does not create (a literal name):
whoever may assume that role cannot be judged (class 2, a principal it does not create)."""

import json

import pulumi_aws as aws


def program() -> None:
    aws.s3.BucketV2("uploads", bucket="corp-uploads")
    aws.iam.RolePolicy(
        "legacy-media",
        role="legacy-app-role",
        policy=json.dumps(
            {"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::corp-uploads/*"}]}
        ),
    )
