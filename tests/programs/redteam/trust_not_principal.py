"""A trust with Allow + NotPrincipal: everyone but one account may assume the media role."""

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
                        "NotPrincipal": {"AWS": "arn:aws:iam::123456789012:root"},
                        "Action": "sts:AssumeRole",
                    }
                ]
            }
        ),
    )
