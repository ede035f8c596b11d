"""The media app's (tagged) role, assumable by "*" in an organization: any account of it (class 5)."""

import json

import pulumi_aws as aws


def program() -> None:
    aws.iam.Role(
        "app",
        name="corp-app",
        tags={"media-storage:app": "shop"},
        assume_role_policy=json.dumps(
            {
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Principal": "*",
                        "Action": "sts:AssumeRole",
                        "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}},
                    }
                ]
            }
        ),
    )
