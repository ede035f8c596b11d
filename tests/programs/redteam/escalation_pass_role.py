"""A role that reaches media may pass any role to a service (iam:PassRole on *)."""

import json

import pulumi_aws as aws


def program() -> None:
    aws.s3.BucketV2("uploads", bucket="corp-uploads")
    role = aws.iam.Role(
        "app",
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
    aws.iam.RolePolicy(
        "app-s3",
        role=role.name,
        policy=json.dumps(
            {"Statement": [{"Effect": "Allow", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::corp-uploads/*"}]}
        ),
    )
    document = aws.iam.get_policy_document(statements=[{"actions": ["iam:PassRole"], "resources": ["*"]}])
    aws.iam.RolePolicy("app-pass", role=role.name, policy=document.json)
