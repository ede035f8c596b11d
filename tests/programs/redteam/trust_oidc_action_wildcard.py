"""Class 1 (trust): the media role trusts the account's GitHub OIDC provider with `Action: "sts:AssumeRole*"`
(or `sts:*`, `*`) and no `token.actions.githubusercontent.com:sub` / `:aud` condition.

Why it is dangerous: every GitHub Actions workflow of every repository on github.com can assume the role
(the classic "any repo" OIDC hole) and read/write private media. Why it passed (before the fix, red-team review): `iam-oidc-trust-exact`
only judges statements whose actions literally contain `sts:assumerolewithwebidentity` (or NotAction);
a wildcard action such as `sts:AssumeRole*` matches it in IAM but not in the check. The own-accounts check
accepts the provider because it is in the program's account.

Caught by: `iam-oidc-trust-exact`, mandatory (match actions with fnmatch as `_may_assume` does).
"""

import json

import pulumi_aws as aws
from _baseline import ACCOUNT, media_objects, secure_bucket


def program() -> None:
    aws.Provider("main", allowed_account_ids=[ACCOUNT], region="us-east-1")
    secure_bucket("media")
    role = aws.iam.Role(
        "deploy",
        name="corp-deploy",
        assume_role_policy=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Principal": {
                            "Federated": f"arn:aws:iam::{ACCOUNT}:oidc-provider/token.actions.githubusercontent.com"
                        },
                        "Action": "sts:AssumeRole*",
                    }
                ],
            }
        ),
    )
    aws.iam.RolePolicy("deploy-media", role=role.id, policy=media_objects("corp-media"))
