"""Class 1 + 3 (trust, IAM escalation): a role assumable by anyone (`Principal: {"AWS": "*"}`) holds
`iam:*` on `*` (no s3: action at all).

Why it is dangerous: anyone assumes `corp-ops`, attaches AdministratorAccess (or AmazonS3FullAccess) to it
and reads or deletes all private media; it can also rewrite the media role's trust. Why it passed (before the fix, red-team review):
`role_reaches_media` and `_document_reaches_media` only count statements whose actions may match `s3:`;
`_report_escalation` only reports escalation by principals that already reach media. A principal that can
grant itself anything reaches media.

Caught by: `iam-role-trust-own-accounts` (treat IAM-escalation grants as reaching media) and/or
`iam-s3-least-privilege`, mandatory.
"""

import json

import pulumi_aws as aws
from _baseline import ACCOUNT, app_role, secure_bucket


def program() -> None:
    aws.Provider("main", allowed_account_ids=[ACCOUNT], region="us-east-1")
    secure_bucket("media")
    app_role()
    ops = aws.iam.Role(
        "ops",
        name="corp-ops",
        assume_role_policy=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"}],
            }
        ),
    )
    aws.iam.RolePolicy(
        "ops-iam",
        role=ops.id,
        policy=json.dumps(
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:*", "Resource": "*"}]}
        ),
    )
