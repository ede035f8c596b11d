"""IRSA for any service account of the cluster (StringLike system:serviceaccount:*) with an audience."""

import json

import pulumi_aws as aws

ISSUER = "oidc.eks.us-east-1.amazonaws.com/id/ABCDEF0123456789"


def program() -> None:
    aws.iam.Role(
        "app",
        assume_role_policy=json.dumps(
            {
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Principal": {"Federated": f"arn:aws:iam::123456789012:oidc-provider/{ISSUER}"},
                        "Action": "sts:AssumeRoleWithWebIdentity",
                        "Condition": {
                            "StringLike": {f"{ISSUER}:sub": "system:serviceaccount:*"},
                            "StringEquals": {f"{ISSUER}:aud": "sts.amazonaws.com"},
                        },
                    }
                ]
            }
        ),
    )
