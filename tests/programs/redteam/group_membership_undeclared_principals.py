"""Class 2 (group membership, principals the program does not create): the media group `corp-editors`
(GroupPolicy on the private bucket's objects) gets the users `contractor-bob` (`GroupMembership.users`) and
`old-ci-user` (`UserGroupMembership.user`), which the program does not create; and the tagged media user
`corp-uploader` is put in the undeclared group `Admins` (whose policies cannot be read).

Why it is dangerous: users whose keys, MFA and other grants the pack cannot see receive media access, and the
media user inherits whatever `Admins` holds (e.g. AdministratorAccess), a silent escalation. Why it passed (before the fix, red-team review):
`_report_undeclared_principals` covers UserPolicy/RolePolicy/GroupPolicy and the attachment types, but not
`GroupMembership` / `UserGroupMembership`; undeclared groups are never resolved to policies.

Caught by: `iam-s3-least-privilege`, mandatory ("a grant that may reach media goes only to users, roles
and groups the program creates"; an undeclared group's grants cannot be judged).
"""

import pulumi_aws as aws
from _baseline import ACCOUNT, app_role, media_objects, secure_bucket


def program() -> None:
    aws.Provider("main", allowed_account_ids=[ACCOUNT], region="us-east-1")
    secure_bucket("media")
    app_role()
    group = aws.iam.Group("editors", name="corp-editors")
    aws.iam.GroupPolicy("editors-media", group=group.name, policy=media_objects("corp-media"))
    aws.iam.GroupMembership("editors-members", group=group.name, users=["contractor-bob"])
    aws.iam.UserGroupMembership("ci-groups", user="old-ci-user", groups=[group.name])
    uploader = aws.iam.User("uploader", name="corp-uploader", tags={"media-storage:app": "shop"})
    aws.iam.UserPolicy("uploader-media", user=uploader.name, policy=media_objects("corp-media"))
    aws.iam.UserGroupMembership("uploader-admins", user=uploader.name, groups=["Admins"])
