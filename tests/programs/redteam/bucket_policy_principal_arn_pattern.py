"""Class 5 (`*` pinned to a pattern of own-account principals): the private bucket grants `"*"` s3:GetObject when
`ArnLike aws:PrincipalArn "arn:aws:iam::123456789012:role/corp-*"`.

Why it is dangerous: every role of the account whose name starts with corp- (today's and tomorrow's, created by
anyone with iam:CreateRole) reads private media with no identity policy at all. The account part pins the
account, so it is not anonymous; but who they are cannot be judged. Caught by: `s3-no-foreign-principals`,
mandatory (pin aws:PrincipalArn to exact ARNs of roles the program creates).
"""

import json

import pulumi_aws as aws
from _baseline import ACCOUNT, app_role, secure_bucket, tls_only


def program() -> None:
    aws.Provider("main", allowed_account_ids=[ACCOUNT], region="us-east-1")
    bucket = secure_bucket("media", with_policy=False)
    app_role()
    aws.s3.BucketPolicy(
        "media-policy",
        bucket=bucket.id,
        policy=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    tls_only("corp-media"),
                    {
                        "Sid": "CorpRoles",
                        "Effect": "Allow",
                        "Principal": "*",
                        "Action": "s3:GetObject",
                        "Resource": "arn:aws:s3:::corp-media/*",
                        "Condition": {"ArnLike": {"aws:PrincipalArn": f"arn:aws:iam::{ACCOUNT}:role/corp-*"}},
                    },
                ],
            }
        ),
    )
