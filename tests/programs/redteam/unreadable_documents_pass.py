"""Fail closed (class 1 + 3): documents the pack cannot parse are skipped instead of failing. The media role's
trust policy is valid JSON preceded by a UTF-8 BOM (`"\\ufeff{...}"`) letting `{"AWS": "*"}` assume it, and a
second role's inline policy grants `s3:*` on `*` in JSON with trailing commas.

Why it matters: `json_document` returns None for text Python's `json.loads` rejects, and then
`iam-role-trust-own-accounts` judges no trust statement and `iam-s3-least-privilege` `continue`s ("unknown
until the buckets exist") although the value is fully known. Whether AWS / the provider accepts these exact
bytes is not verified here (the provider may reject them at deploy, which would make this a robustness issue
rather than an exposure), but any parser differential between Python and IAM lands on "pass".

Caught by: `iam-role-trust-own-accounts` / `iam-s3-least-privilege`, mandatory: a known document that cannot
be read must be a violation ("cannot judge"), not a pass.
"""

import json

import pulumi_aws as aws
from _baseline import ACCOUNT, SERVICE_TRUST, media_objects, secure_bucket


def program() -> None:
    aws.Provider("main", allowed_account_ids=[ACCOUNT], region="us-east-1")
    secure_bucket("media")
    trust = "\ufeff" + json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"}],
        }
    )
    role = aws.iam.Role("app", name="corp-app", tags={"media-storage:app": "shop"}, assume_role_policy=trust)
    aws.iam.RolePolicy("app-media", role=role.id, policy=media_objects("corp-media"))
    worker = aws.iam.Role("worker", name="corp-worker", assume_role_policy=SERVICE_TRUST)
    aws.iam.RolePolicy(
        "worker-s3",
        role=worker.id,
        policy='{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*",},]}',
    )
