"""Foreign principals through ACLs: the private bucket `corp-media` (v7 `aws.s3.Bucket`, ACLs enabled with
`ObjectWriter` ownership) has inline `grants` giving a foreign canonical user FULL_CONTROL, and an
`aws.s3.ObjectCopy` grants the same canonical user READ on a copied object.

Why it is dangerous: canonical-user grants are cross-account grants that the public access block does NOT
neutralise (ignore_public_acls only ignores AllUsers/AuthenticatedUsers): the bucket grant lets the other
account list every key and overwrite or delete private media (and rewrite the bucket ACL), the object grant
lets it read the copied object. Why it passed (before the fix, red-team review): `s3-no-public-acls` flags a CanonicalUser grant only when an
`accessControlPolicy.owner.id` is present to compare with; `Bucket.grants` and `ObjectCopy.grants` carry no
owner, so any canonical id is accepted. Only the advisory `s3-acls-disabled` fires.

Caught by: `s3-no-public-acls`, mandatory ("grants ... another account", as documented).
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
    foreign = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"
    bucket = aws.s3.Bucket(
        "media",
        bucket="corp-media",
        tags={"media-storage:visibility": "private"},
        grants=[{"type": "CanonicalUser", "id": foreign, "permissions": ["FULL_CONTROL"]}],
        opts=pulumi.ResourceOptions(protect=True),
    )
    aws.s3.BucketPublicAccessBlock(
        "media-block",
        bucket=bucket.id,
        block_public_acls=True,
        ignore_public_acls=True,
        block_public_policy=True,
        restrict_public_buckets=True,
    )
    aws.s3.BucketOwnershipControls("media-ownership", bucket=bucket.id, rule={"object_ownership": "ObjectWriter"})
    aws.s3.BucketPolicy(
        "media-policy",
        bucket=bucket.id,
        policy=json.dumps({"Version": "2012-10-17", "Statement": [tls_only("corp-media")]}),
    )
    app_role()
    aws.s3.ObjectCopy(
        "shared-report",
        bucket=bucket.id,
        key="shared/report.pdf",
        source="corp-media/reports/report.pdf",
        grants=[{"type": "CanonicalUser", "id": foreign, "permissions": ["READ"]}],
    )
