"""The media app's role may assume any role of the account (sts:AssumeRole on *)."""

import json

import pulumi_aws as aws


def program() -> None:
    aws.iam.Role(
        "app",
        tags={"media-storage:app": "shop"},
        assume_role_policy=json.dumps(
            {
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Principal": {"Service": "ecs-tasks.amazonaws.com"},
                        "Action": "sts:AssumeRole",
                        "Condition": {"StringEquals": {"aws:SourceAccount": "123456789012"}},
                    }
                ]
            }
        ),
        inline_policies=[
            {
                "name": "hop",
                "policy": json.dumps({"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}]}),
            }
        ],
    )
