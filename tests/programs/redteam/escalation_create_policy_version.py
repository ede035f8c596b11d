"""A role that reaches media may rewrite any managed policy (iam:CreatePolicyVersion with
iam:SetDefaultPolicyVersion), in a managed Policy attached by managed_policy_arns."""

import json

import pulumi_aws as aws


def program() -> None:
    aws.s3.BucketV2("uploads", bucket="corp-uploads")
    policy = aws.iam.Policy(
        "rewrite",
        policy=json.dumps(
            {
                "Statement": [
                    {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::corp-uploads/*"},
                    {
                        "Effect": "Allow",
                        "Action": ["iam:CreatePolicyVersion", "iam:SetDefaultPolicyVersion"],
                        "Resource": "*",
                    },
                ]
            }
        ),
    )
    aws.iam.Role(
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
        managed_policy_arns=[policy.arn],
    )
