"""A role for EKS Pod Identity with no account and no service-account pin."""

import json

import pulumi_aws as aws


def program() -> None:
    aws.iam.Role(
        "app",
        assume_role_policy=json.dumps(
            {
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Principal": {"Service": "pods.eks.amazonaws.com"},
                        "Action": ["sts:AssumeRole", "sts:TagSession"],
                    }
                ]
            }
        ),
    )
