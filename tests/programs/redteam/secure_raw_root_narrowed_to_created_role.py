"""Secure baseline (the account root narrowed to a role the program creates): the media role trusts
`arn:aws:iam::123456789012:root` only when `ArnEquals aws:PrincipalArn` is the ARN of `corp-ci`, a role the
program creates (trusted by ECS tasks of the account); the private bucket's policy lets in the account root
narrowed the same way. Both let in exactly corp-ci, whose own trust is judged: nothing to report.
"""

import json

import pulumi_aws as aws
from _baseline import ACCOUNT, SERVICE_TRUST, media_objects, secure_bucket, tls_only


def program() -> None:
    aws.Provider("main", allowed_account_ids=[ACCOUNT], region="us-east-1")
    bucket = secure_bucket("media", with_policy=False)
    aws.iam.Role("ci", name="corp-ci", assume_role_policy=SERVICE_TRUST)
    narrowed = {"ArnEquals": {"aws:PrincipalArn": f"arn:aws:iam::{ACCOUNT}:role/corp-ci"}}
    role = aws.iam.Role(
        "app",
        name="corp-app",
        tags={"media-storage:app": "shop"},
        assume_role_policy=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:root"},
                        "Action": "sts:AssumeRole",
                        "Condition": narrowed,
                    }
                ],
            }
        ),
    )
    aws.iam.RolePolicy("app-media", role=role.id, policy=media_objects("corp-media"))
    aws.s3.BucketPolicy(
        "media-policy",
        bucket=bucket.id,
        policy=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    tls_only("corp-media"),
                    {
                        "Sid": "CiReads",
                        "Effect": "Allow",
                        "Principal": {"AWS": ACCOUNT},
                        "Action": "s3:GetObject",
                        "Resource": "arn:aws:s3:::corp-media/*",
                        "Condition": narrowed,
                    },
                ],
            }
        ),
    )
