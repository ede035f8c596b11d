"""Class 3 (dangerous explicit actions) through a bucket policy: the private bucket's policy grants the media
role `corp-app` `s3:*` (including s3:PutBucketPolicy, s3:PutBucketAcl, s3:DeleteBucket,
s3:PutReplicationConfiguration, s3:PutLifecycleConfiguration) on the bucket and its objects.

Why it is dangerous: same-account bucket-policy grants need no IAM policy, so the app (or whoever compromises
it) can rewrite the bucket policy to let another account in (a named-account grant is not "public", so the
public access block does not stop it), replicate or expire the media, or delete the bucket. Why it passed (before the fix, red-team review):
wildcard / bucket-control actions are only judged in IAM documents (`iam-s3-least-privilege`); bucket-policy
statements are only judged for anonymous and foreign principals, and this principal is own-account.

Caught by: `iam-s3-least-privilege` (or a bucket-policy equivalent), mandatory.
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
    bucket = secure_bucket("media", with_policy=False)
    app_role()
    aws.s3.BucketPolicy(
        "media-policy",
        bucket=bucket.id,
        policy=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    tls_only("corp-media"),
                    {
                        "Sid": "App",
                        "Effect": "Allow",
                        "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:role/corp-app"},
                        "Action": "s3:*",
                        "Resource": ["arn:aws:s3:::corp-media", "arn:aws:s3:::corp-media/*"],
                    },
                ],
            }
        ),
    )
