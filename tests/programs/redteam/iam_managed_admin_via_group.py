"""The media app's (tagged) user gets AdministratorAccess through a group membership."""

import pulumi_aws as aws


def program() -> None:
    aws.s3.BucketV2("uploads", bucket="corp-uploads")
    user = aws.iam.User("app", name="corp-app", tags={"media-storage:app": "shop"})
    group = aws.iam.Group("admins", name="corp-admins")
    aws.iam.GroupPolicyAttachment(
        "admins-admin", group=group.name, policy_arn="arn:aws:iam::aws:policy/AdministratorAccess"
    )
    aws.iam.UserGroupMembership("app-admins", user=user.name, groups=[group.name])
