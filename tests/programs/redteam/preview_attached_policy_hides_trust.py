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

import pulumi
import pulumi_aws as aws

ACCOUNT = "123456789012"  # the program's own account (the provider's allowedAccountIds)
SERVICE_TRUST = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"Service": "ecs-tasks.amazonaws.com"},
                "Action": "sts:AssumeRole",
                "Condition": {"StringEquals": {"aws:SourceAccount": ACCOUNT}},
            }
        ],
    }
)


def tls_only(name: str) -> dict:
    return {
        "Sid": "TlsOnly",
        "Effect": "Deny",
        "Principal": "*",
        "Action": "s3:*",
        "Resource": [f"arn:aws:s3:::{name}", f"arn:aws:s3:::{name}/*"],
        "Condition": {"Bool": {"aws:SecureTransport": "false"}},
    }


def media_objects(name: str) -> str:
    return json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": f"arn:aws:s3:::{name}/*"}
            ],
        }
    )


def secure_bucket(name: str, visibility: str = "private", with_policy: bool = True) -> aws.s3.BucketV2:
    """A media bucket done right (access block, TLS-only policy, ACLs off, encryption, versioning, lifecycle)."""
    bucket = aws.s3.BucketV2(
        name,
        bucket=f"corp-{name}",
        tags={"media-storage:visibility": visibility},
        opts=pulumi.ResourceOptions(protect=True),
    )
    private = visibility == "private"
    aws.s3.BucketPublicAccessBlock(
        f"{name}-block",
        bucket=bucket.id,
        block_public_acls=True,
        ignore_public_acls=True,
        block_public_policy=private,
        restrict_public_buckets=private,
    )
    aws.s3.BucketOwnershipControls(
        f"{name}-ownership", bucket=bucket.id, rule={"object_ownership": "BucketOwnerEnforced"}
    )
    aws.s3.BucketServerSideEncryptionConfigurationV2(
        f"{name}-encryption",
        bucket=bucket.id,
        rules=[{"apply_server_side_encryption_by_default": {"sse_algorithm": "AES256"}}],
    )
    aws.s3.BucketVersioningV2(f"{name}-versioning", bucket=bucket.id, versioning_configuration={"status": "Enabled"})
    aws.s3.BucketLifecycleConfigurationV2(
        f"{name}-lifecycle",
        bucket=bucket.id,
        rules=[
            {
                "id": "abort",
                "status": "Enabled",
                "filter": {},
                "abort_incomplete_multipart_upload": {"days_after_initiation": 7},
            }
        ],
    )
    if with_policy:
        aws.s3.BucketPolicy(
            f"{name}-policy",
            bucket=bucket.id,
            policy=json.dumps({"Version": "2012-10-17", "Statement": [tls_only(f"corp-{name}")]}),
        )
    return bucket


def app_role() -> aws.iam.Role:
    """The legitimate media role: ECS tasks of this account, object read/write on corp-media."""
    role = aws.iam.Role("app", name="corp-app", assume_role_policy=SERVICE_TRUST, tags={"media-storage:app": "shop"})
    aws.iam.RolePolicy("app-media", role=role.id, policy=media_objects("corp-media"))
    return role


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
