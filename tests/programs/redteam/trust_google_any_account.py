"""Class 1 (trust): the media role trusts `accounts.google.com` for sts:AssumeRoleWithWebIdentity with no
`accounts.google.com:aud` / `:sub` condition (a role assumed by any Google account).

Why it is dangerous: any Google account holder (any OAuth client's ID token) can assume the role and read or
write private media. Why it passed (before the fix, red-team review): only `Federated` values with `:oidc-provider/` (OIDC check) or starting
with `arn:` (own-accounts check) are judged; built-in web identity providers are skipped entirely.

Caught by: `iam-oidc-trust-exact` (or `iam-role-trust-own-accounts`), mandatory.
"""

import json

import pulumi_aws as aws
from _baseline import ACCOUNT, media_objects, secure_bucket


def program() -> None:
    aws.Provider("main", allowed_account_ids=[ACCOUNT], region="us-east-1")
    secure_bucket("media")
    aws.iam.Role(
        "app",
        name="corp-app",
        tags={"media-storage:app": "shop"},
        assume_role_policy=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": {
                    "Effect": "Allow",
                    "Principal": {"Federated": "accounts.google.com"},
                    "Action": ["sts:AssumeRoleWithWebIdentity"],
                },
            }
        ),
        inline_policies=[{"name": "media", "policy": media_objects("corp-media")}],
    )
