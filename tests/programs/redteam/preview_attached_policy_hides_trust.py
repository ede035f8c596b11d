"""Preview fail-open (class 1, and 3): the standard attachment pattern
`RolePolicyAttachment(role=role.name, policy_arn=media_policy.arn)` gives a role the program's own
`aws.iam.Policy` on the private bucket's objects; the role's trust, fully known, lets anyone (`{"AWS": "*"}`)
assume it. A group gets a program `Policy` with `iam:Put*` by `GroupPolicyAttachment` the same way, and the
tagged media user is its member.

Why it is dangerous: the PR gate (a first `pulumi preview`) shows nothing for a world-assumable media role and
a media user that can grant itself anything. Why it passed in preview (before the fix, red-team review): `_role_attachments` and
`_policy_holders` drop attachments whose `policyArn` is unknown (`if isinstance(a, str)`) although the
dependency names the program's Policy, whose document is known; so the role does not "reach media" and the
group holds no policy. (`pulumi up` reports both.)

Caught by: `iam-role-trust-own-accounts` and `iam-s3-least-privilege`, mandatory (resolve an
unknown ARN through its dependency, as `_declared_policy` already can).
"""

import json

import pulumi_aws as aws
from _baseline import ACCOUNT, app_role, media_objects, secure_bucket


def program() -> None:
    aws.Provider("main", allowed_account_ids=[ACCOUNT], region="us-east-1")
    secure_bucket("media")
    app_role()
    media = aws.iam.Policy("media-rw", name="corp-media-rw", policy=media_objects("corp-media"))
    reader = aws.iam.Role(
        "reader",
        name="corp-reader",
        assume_role_policy=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"}],
            }
        ),
    )
    aws.iam.RolePolicyAttachment("reader-media", role=reader.name, policy_arn=media.arn)
    uploader = aws.iam.User("uploader", name="corp-uploader", tags={"media-storage:app": "shop"})
    aws.iam.UserPolicy("uploader-media", user=uploader.name, policy=media_objects("corp-media"))
    group = aws.iam.Group("uploaders", name="corp-uploaders")
    aws.iam.GroupMembership("uploaders-members", group=group.name, users=[uploader.name])
    escalate = aws.iam.Policy(
        "uploaders-iam",
        name="corp-uploaders-iam",
        policy=json.dumps(
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:Put*", "Resource": "*"}]}
        ),
    )
    aws.iam.GroupPolicyAttachment("uploaders-iam", group=group.name, policy_arn=escalate.arn)
