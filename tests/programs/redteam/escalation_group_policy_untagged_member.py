"""Class 2 + 3 (untagged group, IAM escalation): a group holds a GroupPolicy on the media bucket's objects and
another GroupPolicy with `iam:AttachGroupPolicy` on `*`; its member is an untagged user.

Why it is dangerous: any member attaches AdministratorAccess to the group and takes every bucket. Why it
passes: `_is_media_holder(group)` asks only whether a member is itself a media holder (tag or UserPolicy);
the group's own grants to S3 are never considered, and the escalation document grants no s3:.
(escalation_through_group in the corpus is only caught because its member is tagged.)

Caught by: `iam-s3-least-privilege`, mandatory.
"""

import json

import pulumi_aws as aws
from _baseline import ACCOUNT, media_objects, secure_bucket


def program() -> None:
    aws.Provider("main", allowed_account_ids=[ACCOUNT], region="us-east-1")
    secure_bucket("media")
    user = aws.iam.User("editor", name="corp-editor")
    group = aws.iam.Group("editors", name="corp-editors")
    aws.iam.UserGroupMembership("editor-groups", user=user.name, groups=[group.name])
    aws.iam.GroupPolicy("editors-media", group=group.name, policy=media_objects("corp-media"))
    aws.iam.GroupPolicy(
        "editors-iam",
        group=group.name,
        policy=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [{"Effect": "Allow", "Action": "iam:AttachGroupPolicy", "Resource": "*"}],
            }
        ),
    )
