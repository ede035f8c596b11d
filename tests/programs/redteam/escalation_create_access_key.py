"""The media app's (tagged) user may mint access keys (iam:CreateAccessKey), from a managed Policy."""

import json

import pulumi_aws as aws


def program() -> None:
    user = aws.iam.User("app", name="corp-app", tags={"media-storage:app": "shop"})
    policy = aws.iam.Policy(
        "keys",
        policy=json.dumps({"Statement": [{"Effect": "Allow", "Action": ["iam:CreateAccessKey"], "Resource": "*"}]}),
    )
    aws.iam.PolicyAttachment("keys", users=[user.name], policy_arn=policy.arn)
