"""The media app's (tagged) role gets AdministratorAccess through RolePolicyAttachmentsExclusive."""

import json

import pulumi_aws as aws


def program() -> None:
    role = aws.iam.Role(
        "app",
        name="corp-app",
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
    )
    aws.iam.RolePolicyAttachmentsExclusive(
        "app-exclusive", role_name=role.name, policy_arns=["arn:aws:iam::aws:policy/AdministratorAccess"]
    )
