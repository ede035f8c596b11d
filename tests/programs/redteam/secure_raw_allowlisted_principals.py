"""Secure baseline (principals the program does not create, allowlisted): the private bucket's policy lets in
`role/legacy-partner-access` (listed in `allowedPrincipals`), the app role by reference and `"*"` pinned by
`aws:PrincipalArn` to the app role's exact ARN; the media role trusts `role/ci-deployer` (listed) and ECS tasks
of the account. With the allowlist in the policy config, nothing is reported.
"""

import json

import pulumi_aws as aws
from _baseline import ACCOUNT, SERVICE_TRUST, media_objects, secure_bucket, tls_only


def program() -> None:
    aws.Provider("main", allowed_account_ids=[ACCOUNT], region="us-east-1")
    bucket = secure_bucket("media", with_policy=False)
    role = aws.iam.Role(
        "app",
        name="corp-app",
        tags={"media-storage:app": "shop"},
        assume_role_policy=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    *json.loads(SERVICE_TRUST)["Statement"],
                    {
                        "Effect": "Allow",
                        "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:role/ci-deployer"},
                        "Action": "sts:AssumeRole",
                    },
                ],
            }
        ),
    )
    aws.iam.RolePolicy("app-media", role=role.id, policy=media_objects("corp-media"))
    aws.s3.BucketPolicy(
        "media-policy",
        bucket=bucket.id,
        policy=role.arn.apply(
            lambda arn: json.dumps(
                {
                    "Version": "2012-10-17",
                    "Statement": [
                        tls_only("corp-media"),
                        {
                            "Sid": "Partner",
                            "Effect": "Allow",
                            "Principal": {"AWS": [f"arn:aws:iam::{ACCOUNT}:role/legacy-partner-access", arn]},
                            "Action": "s3:GetObject",
                            "Resource": "arn:aws:s3:::corp-media/*",
                        },
                        {
                            "Sid": "AppByArn",
                            "Effect": "Allow",
                            "Principal": "*",
                            "Action": "s3:GetObject",
                            "Resource": "arn:aws:s3:::corp-media/*",
                            "Condition": {"ArnEquals": {"aws:PrincipalArn": arn}},
                        },
                    ],
                }
            )
        ),
    )
