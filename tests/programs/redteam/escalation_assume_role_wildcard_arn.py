"""Class 3 (IAM escalation): the tagged media role may `sts:AssumeRole` on `arn:aws:iam::*:role/*`.

Why it is dangerous: the app (or whoever compromises it) can assume any role in any account whose trust
admits it, e.g. every role trusting this account's root (a common default), including admin roles. Why it
passes: `_escalations` drops sts:AssumeRole whenever `Resource` is not literally `"*"` ("named roles are judged
by their trust"), but a wildcard ARN names no role; only `"*"` is caught (escalation_assume_any_role).

Caught by: `iam-s3-least-privilege`, mandatory (treat any wildcard in an sts:AssumeRole resource as `*`).
"""

import json

import pulumi_aws as aws
from _baseline import ACCOUNT, app_role, secure_bucket


def program() -> None:
    aws.Provider("main", allowed_account_ids=[ACCOUNT], region="us-east-1")
    secure_bucket("media")
    role = app_role()
    aws.iam.RolePolicy(
        "app-assume",
        role=role.id,
        policy=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "arn:aws:iam::*:role/*"}],
            }
        ),
    )
