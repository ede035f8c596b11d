"""Class 1 (trust), role chaining: `corp-hop` is assumable by anyone (`"*"`) and may sts:AssumeRole the media
role `corp-app`, whose trust names `corp-hop` (same account).

Why it is dangerous: anyone assumes corp-hop, then corp-app, then reads/writes private media. Why it passed (before the fix, red-team review):
`role_reaches_media(hop)` is false (its only grant is sts:AssumeRole of a named role, not s3), so the hop's
`*` trust is never judged; `_escalations` skips sts:AssumeRole on named roles ("judged by those roles'
trust"), and corp-app's trust names an own-account role, which is fine by itself. Nothing follows the chain.

Caught by: `iam-role-trust-own-accounts`, mandatory (a role that may assume a media role reaches media).
"""

import json

import pulumi_aws as aws
from _baseline import ACCOUNT, media_objects, secure_bucket


def program() -> None:
    aws.Provider("main", allowed_account_ids=[ACCOUNT], region="us-east-1")
    secure_bucket("media")
    hop = aws.iam.Role(
        "hop",
        name="corp-hop",
        assume_role_policy=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"}],
            }
        ),
    )
    app = aws.iam.Role(
        "app",
        name="corp-app",
        tags={"media-storage:app": "shop"},
        assume_role_policy=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:role/corp-hop"},
                        "Action": "sts:AssumeRole",
                    }
                ],
            }
        ),
    )
    aws.iam.RolePolicy("app-media", role=app.id, policy=media_objects("corp-media"))
    aws.iam.RolePolicy(
        "hop-assume",
        role=hop.id,
        policy=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": f"arn:aws:iam::{ACCOUNT}:role/corp-app"}
                ],
            }
        ),
    )
