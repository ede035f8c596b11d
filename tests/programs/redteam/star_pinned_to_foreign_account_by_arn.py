"""A "*" principal pinned by aws:PrincipalArn to a role of an account the program does not own,
next to a provider that names the program's account (class 5)."""

import json

import pulumi
import pulumi_aws as aws


def program() -> None:
    provider = aws.Provider("prod", region="us-east-1", allowed_account_ids=["123456789012"])
    bucket = aws.s3.BucketV2("uploads", bucket="corp-uploads", opts=pulumi.ResourceOptions(provider=provider))
    aws.s3.BucketPolicy(
        "uploads-policy",
        bucket=bucket.id,
        policy=json.dumps(
            {
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Principal": {"AWS": "*"},
                        "Action": "s3:GetObject",
                        "Resource": "arn:aws:s3:::corp-uploads/*",
                        "Condition": {"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::210987654321:role/reader"}},
                    }
                ]
            }
        ),
        opts=pulumi.ResourceOptions(provider=provider),
    )
