"""Class 1 (trust) + 8 (policy as an object): the media role `corp-app` trusts another account's role of
the same name, `arn:aws:iam::999999999999:role/corp-app`, with the trust policy given as an object.

Why it is dangerous: account 999999999999 (not the program's; the provider pins 123456789012) can assume
the role and read/write private media. Why it passed (before the fix, red-team review): `aws_accounts._of_created_resources` counts as "own"
the account of ANY bare IAM ARN inside any input whose last path segment equals the name of a role/user/
group/policy the program creates. An object-valued `assumeRolePolicy` exposes the principal ARN as a bare
string, so the foreign principal whitelists its own account.

Caught by: `iam-role-trust-own-accounts`, mandatory.
"""

import pulumi_aws as aws
from _baseline import ACCOUNT, media_objects, secure_bucket


def program() -> None:
    aws.Provider("main", allowed_account_ids=[ACCOUNT], region="us-east-1")
    secure_bucket("media")
    role = aws.iam.Role(
        "app",
        name="corp-app",
        tags={"media-storage:app": "shop"},
        assume_role_policy={
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Principal": {"AWS": "arn:aws:iam::999999999999:role/corp-app"},
                    "Action": "sts:AssumeRole",
                }
            ],
        },
    )
    aws.iam.RolePolicy("app-media", role=role.id, policy=media_objects("corp-media"))
