"""Class 1 + 2 (trust names a principal the program does not create): the tagged media role trusts
`arn:aws:iam::123456789012:role/legacy-partner-access`, an own-account role the program does not create.

Why it is dangerous: who may act as `legacy-partner-access` (its own trust: another account? `*`?) is
invisible to the pack, yet it gets the media role in one hop. Why it passed (before the fix, red-team review): trusts are compared by account
only; the pack fails closed on an IAM *grant* to a principal the program does not create ("the pack cannot
judge who may act as them", e.g. `GroupPolicy(group="Contractors")` is reported), but the same principal in
a media role's trust, which hands over the same access, is accepted.

Caught by: `iam-role-trust-own-accounts`, mandatory, also in a first preview (create the role in the program, or list its ARN in `allowedPrincipals`).
"""

import json

import pulumi_aws as aws
from _baseline import ACCOUNT, media_objects, secure_bucket


def program() -> None:
    aws.Provider("main", allowed_account_ids=[ACCOUNT], region="us-east-1")
    secure_bucket("media")
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
                        "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:role/legacy-partner-access"},
                        "Action": "sts:AssumeRole",
                    }
                ],
            }
        ),
    )
    aws.iam.RolePolicy("app-media", role=role.id, policy=media_objects("corp-media"))
