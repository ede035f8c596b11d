"""Secure baseline (a red-team false positive): the private bucket lets `*` read only when
`ArnLike aws:PrincipalArn` holds the caller to `arn:aws:iam::123456789012:role/corp-*`: a wildcard after
an exact account still pins that account (the program's own), so this is not anonymous access. It is every
corp-* role of the account, though, which the program does not create: the pack fails closed on it
(bucket_policy_principal_arn_pattern.py) unless the whole account is vouched for, as here with
`allowedPrincipals: [arn:aws:iam::123456789012:root]`.
"""

import json

import pulumi
import pulumi_aws as aws
from _baseline import ACCOUNT, app_role, secure_bucket, tls_only


def program() -> None:
    main = aws.Provider("main", allowed_account_ids=[ACCOUNT], region="us-east-1")
    bucket = secure_bucket("media", with_policy=False)
    app_role()
    aws.s3.BucketPolicy(
        "media-policy",
        bucket=bucket.id,
        opts=pulumi.ResourceOptions(provider=main),
        policy=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    tls_only("corp-media"),
                    {
                        "Effect": "Allow",
                        "Principal": {"AWS": "*"},
                        "Action": "s3:GetObject",
                        "Resource": "arn:aws:s3:::corp-media/*",
                        "Condition": {"ArnLike": {"aws:PrincipalArn": f"arn:aws:iam::{ACCOUNT}:role/corp-*"}},
                    },
                ],
            }
        ),
    )
