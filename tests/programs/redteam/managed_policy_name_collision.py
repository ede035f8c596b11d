"""Class 2 (untagged principals, undeclared managed policies): the program declares a harmless customer policy
*named* `AdministratorAccess` (and one named `AmazonS3FullAccess`), then attaches the AWS managed
`arn:aws:iam::aws:policy/AdministratorAccess` to a role anyone may assume, `AmazonS3FullAccess` (through
`managedPolicyArns`) to a role a foreign account may assume, and `AmazonS3FullAccess` (through
`PolicyAttachment.users`) to an untagged user with an access key.

Why it is dangerous: anyone / account 999999999999 / whoever holds the key gets full S3 (every private bucket)
or full admin. Why it passed (before the fix, red-team review): `_declared_policy` resolves an attached ARN to a program `Policy` by the last path
segment alone (`arn.rsplit("/", 1)[-1]`), ignoring the account part (`aws` vs the program's account), so the
AWS managed policy is judged by the decoy's harmless document: no "undeclared managed policy", the roles do
not "reach media", and their trusts are never judged.

Caught by: `iam-s3-least-privilege` (undeclared AWS managed policy) and `iam-role-trust-own-accounts`,
mandatory. Match declared policies by full ARN / dependency, never by name across accounts.
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
    harmless = json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Action": "cloudwatch:PutMetricData", "Resource": "*"}],
        }
    )
    aws.iam.Policy("decoy-admin", name="AdministratorAccess", policy=harmless)
    aws.iam.Policy("decoy-s3", name="AmazonS3FullAccess", policy=harmless)
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
    aws.iam.RolePolicyAttachment("ops-admin", role=ops.name, policy_arn="arn:aws:iam::aws:policy/AdministratorAccess")
    aws.iam.Role(
        "partner",
        name="corp-partner",
        managed_policy_arns=["arn:aws:iam::aws:policy/AmazonS3FullAccess"],
        assume_role_policy=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Principal": {"AWS": "arn:aws:iam::999999999999:root"},
                        "Action": "sts:AssumeRole",
                    }
                ],
            }
        ),
    )
    ci = aws.iam.User("ci", name="corp-ci")
    aws.iam.AccessKey("ci-key", user=ci.name)
    aws.iam.PolicyAttachment("ci-s3", users=[ci.name], policy_arn="arn:aws:iam::aws:policy/AmazonS3FullAccess")
