"""Secure baseline: a private bucket replicated, inventoried, analysed and logged only into private
buckets the program declares, in its own account (the provider's allowedAccountIds), encrypted with
its own KMS key, with an access point only a role the program creates may use, and lifecycle rules that
delete nothing but temporary uploads and versions older than 30 days."""

import json

import pulumi
import pulumi_aws as aws

ACCOUNT = "111122223333"


def private_bucket(name: str, provider: aws.Provider, key: aws.kms.Key) -> aws.s3.BucketV2:
    opts = pulumi.ResourceOptions(provider=provider)
    bucket = aws.s3.BucketV2(
        name,
        bucket=f"corp-{name}",
        tags={"media-storage:visibility": "private"},
        opts=pulumi.ResourceOptions(provider=provider, protect=True),
    )
    aws.s3.BucketPublicAccessBlock(
        f"{name}-block",
        bucket=bucket.id,
        block_public_acls=True,
        ignore_public_acls=True,
        block_public_policy=True,
        restrict_public_buckets=True,
        opts=opts,
    )
    aws.s3.BucketOwnershipControls(
        f"{name}-ownership", bucket=bucket.id, rule={"object_ownership": "BucketOwnerEnforced"}, opts=opts
    )
    aws.s3.BucketServerSideEncryptionConfiguration(
        f"{name}-encryption",
        bucket=bucket.id,
        rules=[{"apply_server_side_encryption_by_default": {"sse_algorithm": "aws:kms", "kms_master_key_id": key.arn}}],
        opts=opts,
    )
    aws.s3.BucketVersioning(
        f"{name}-versioning", bucket=bucket.id, versioning_configuration={"status": "Enabled"}, opts=opts
    )
    aws.s3.BucketLifecycleConfiguration(
        f"{name}-lifecycle",
        bucket=bucket.id,
        rules=[
            {
                "id": "abort",
                "status": "Enabled",
                "filter": {},
                "abort_incomplete_multipart_upload": {"days_after_initiation": 7},
            },
            {
                "id": "old-versions",
                "status": "Enabled",
                "filter": {"prefix": ""},
                "noncurrent_version_expiration": {"noncurrent_days": 30},
                "expiration": {"expired_object_delete_marker": True},
            },
            {"id": "temporary", "status": "Enabled", "filter": {"prefix": "tmp/"}, "expiration": {"days": 1}},
            {
                "id": "colder",
                "status": "Enabled",
                "filter": {},
                "transitions": [{"days": 30, "storage_class": "STANDARD_IA"}],
            },
        ],
        opts=opts,
    )
    aws.s3.BucketPolicy(
        f"{name}-policy",
        bucket=bucket.id,
        policy=bucket.arn.apply(
            lambda arn: json.dumps(
                {
                    "Version": "2012-10-17",
                    "Statement": [
                        {
                            "Effect": "Deny",
                            "Principal": "*",
                            "Action": "s3:*",
                            "Resource": [arn, f"{arn}/*"],
                            "Condition": {"Bool": {"aws:SecureTransport": "false"}},
                        }
                    ],
                }
            )
        ),
        opts=opts,
    )
    return bucket


def program() -> None:
    provider = aws.Provider("main", region="eu-west-1", allowed_account_ids=[ACCOUNT])
    opts = pulumi.ResourceOptions(provider=provider)
    key = aws.kms.Key(
        "media-key",
        description="media",
        enable_key_rotation=True,
        policy=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:root"},
                        "Action": "kms:*",
                        "Resource": "*",
                    }
                ],
            }
        ),
        opts=opts,
    )
    media = private_bucket("media", provider, key)
    replica = private_bucket("media-replica", provider, key)
    reports = private_bucket("media-reports", provider, key)
    logs = private_bucket("media-logs", provider, key)

    replicator = aws.iam.Role(
        "replicator",
        name="media-replicator",
        assume_role_policy=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Principal": {"Service": "s3.amazonaws.com"},
                        "Action": "sts:AssumeRole",
                        "Condition": {"StringEquals": {"aws:SourceAccount": ACCOUNT}},
                    }
                ],
            }
        ),
        opts=opts,
    )
    aws.s3.BucketReplicationConfig(
        "media-replication",
        bucket=media.id,
        role=replicator.arn,
        rules=[
            {
                "id": "everything",
                "status": "Enabled",
                "filter": {},
                "delete_marker_replication": {"status": "Enabled"},
                "destination": {
                    "bucket": replica.arn,
                    "account": ACCOUNT,
                    "encryption_configuration": {"replica_kms_key_id": key.arn},
                },
            }
        ],
        opts=opts,
    )
    aws.s3.Inventory(
        "media-inventory",
        bucket=media.id,
        name="weekly",
        included_object_versions="Current",
        schedule={"frequency": "Weekly"},
        destination={"bucket": {"bucket_arn": reports.arn, "format": "CSV", "account_id": ACCOUNT}},
        opts=opts,
    )
    aws.s3.AnalyticsConfiguration(
        "media-analytics",
        bucket=media.id,
        name="storage-classes",
        storage_class_analysis={"data_export": {"destination": {"s3_bucket_destination": {"bucket_arn": reports.arn}}}},
        opts=opts,
    )
    aws.s3.BucketLogging("media-logging", bucket=media.id, target_bucket=logs.id, target_prefix="media/", opts=opts)
    reader = aws.iam.Role(
        "reader",
        name="media-reader",
        assume_role_policy=json.dumps(
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
        ),
        opts=opts,
    )
    aws.s3.AccessPoint(
        "media-internal",
        bucket=media.id,
        name="media-internal",
        policy=pulumi.Output.json_dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Principal": {"AWS": reader.arn},
                        "Action": "s3:GetObject",
                        "Resource": f"arn:aws:s3:eu-west-1:{ACCOUNT}:accesspoint/media-internal/object/*",
                    }
                ],
            }
        ),
        opts=opts,
    )
    aws.s3.AccountPublicAccessBlock(
        "account-block",
        block_public_acls=True,
        ignore_public_acls=True,
        block_public_policy=True,
        restrict_public_buckets=True,
        opts=opts,
    )
