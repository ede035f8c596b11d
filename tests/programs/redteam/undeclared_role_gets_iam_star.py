"""Class 2 + 3 (principal the program does not create, IAM escalation): a `RolePolicy` gives `iam:*` on `*`
to `legacy-ci`, a role the program does not create (its trust cannot be judged).

Why it is dangerous: `iam:*` is full control of every principal: attach AdministratorAccess to itself, rewrite
the media role's trust, create keys for the media user. Why it passed (before the fix, red-team review): `_report_undeclared_principals` only
fires when `_grant_reaches_media`, i.e. when a statement may match `s3:` actions; `iam:*` does not match, and
the escalation check only applies to holders that already reach media.

Caught by: `iam-s3-least-privilege`, mandatory (IAM-escalation grants reach media; an undeclared principal
receiving them cannot be judged).
"""

import json

import pulumi_aws as aws
from _baseline import ACCOUNT, app_role, secure_bucket


def program() -> None:
    aws.Provider("main", allowed_account_ids=[ACCOUNT], region="us-east-1")
    secure_bucket("media")
    app_role()
    aws.iam.RolePolicy(
        "legacy-iam",
        role="legacy-ci",
        policy=json.dumps(
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:*", "Resource": "*"}]}
        ),
    )
