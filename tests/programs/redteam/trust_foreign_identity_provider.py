"""A role trusting another account's OIDC provider (sub and aud exact), with S3 write access, in a
program whose provider names its own account."""

import json

import pulumi
import pulumi_aws as aws

ISSUER = "oidc.eks.us-east-1.amazonaws.com/id/FOREIGN0123"


def program() -> None:
    opts = pulumi.ResourceOptions(provider=aws.Provider("prod", allowed_account_ids=["123456789012"]))
    aws.s3.BucketV2("uploads", bucket="corp-uploads", opts=opts)
    role = aws.iam.Role(
        "irsa",
        opts=opts,
        assume_role_policy=json.dumps(
            {
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Principal": {"Federated": f"arn:aws:iam::999999999999:oidc-provider/{ISSUER}"},
                        "Action": "sts:AssumeRoleWithWebIdentity",
                        "Condition": {
                            "StringEquals": {
                                f"{ISSUER}:sub": "system:serviceaccount:shop:web",
                                f"{ISSUER}:aud": "sts.amazonaws.com",
                            }
                        },
                    }
                ]
            }
        ),
    )
    aws.iam.RolePolicy(
        "irsa-s3",
        opts=opts,
        role=role.name,
        policy=json.dumps(
            {"Statement": [{"Effect": "Allow", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::corp-uploads/*"}]}
        ),
    )
