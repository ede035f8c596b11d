"""Class 2 + 5 (grant to the whole own account): the private bucket's policy lets in
`{"AWS": ["arn:aws:iam::123456789012:root", "123456789012"]}`, the program's own account by root ARN and by id.

Why it is dangerous: an account principal in a bucket policy delegates to the account's IAM: every user and role
of the account whose identity policy allows s3:GetObject (any admin, any `s3:*` role, whoever may assume them)
reads private media, none of them judged. Caught by: `s3-no-foreign-principals`, mandatory, unless
`arn:aws:iam::123456789012:root` is listed in `allowedPrincipals`.
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
                        "Sid": "WholeAccount",
                        "Effect": "Allow",
                        "Principal": {"AWS": [f"arn:aws:iam::{ACCOUNT}:root", ACCOUNT]},
                        "Action": "s3:GetObject",
                        "Resource": "arn:aws:s3:::corp-media/*",
                    },
                ],
            }
        ),
    )
