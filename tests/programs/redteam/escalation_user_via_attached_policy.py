"""Class 2 + 3 (untagged principal, IAM escalation): an untagged user reaches media through a declared
`aws.iam.Policy` attached with `UserPolicyAttachment`, and a separate `UserPolicy` gives it
`iam:AttachUserPolicy` on `*`.

Why it is dangerous: whoever holds the user's keys attaches AdministratorAccess to itself (and anything else).
Why it passed (before the fix, red-team review): `_is_media_holder` judges a user by its tag or by `_user_reaches_media`, which only reads
`UserPolicy` documents, never managed-policy attachments (nor group membership); the escalation document
itself grants no s3:, so `_report_escalation` stays silent.

Caught by: `iam-s3-least-privilege` (escalation by a principal that reaches media), mandatory.
"""

import json

import pulumi_aws as aws
from _baseline import ACCOUNT, media_objects, secure_bucket


def program() -> None:
    aws.Provider("main", allowed_account_ids=[ACCOUNT], region="us-east-1")
    secure_bucket("media")
    user = aws.iam.User("uploader", name="corp-uploader")
    media = aws.iam.Policy("media-rw", name="corp-media-rw", policy=media_objects("corp-media"))
    aws.iam.UserPolicyAttachment("uploader-media", user=user.name, policy_arn=media.arn)
    aws.iam.UserPolicy(
        "uploader-iam",
        user=user.name,
        policy=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [{"Effect": "Allow", "Action": "iam:AttachUserPolicy", "Resource": "*"}],
            }
        ),
    )
