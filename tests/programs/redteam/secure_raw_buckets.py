"""Secure baseline: a private and a public bucket built from raw resources, done right; the
public one's anonymous read is written with `get_policy_document_output`."""

import json

import pulumi
import pulumi_aws as aws

TLS_ONLY = {
    "sid": "TlsOnly",
    "effect": "Deny",
    "actions": ["s3:*"],
    "principals": [{"type": "*", "identifiers": ["*"]}],
    "conditions": [{"test": "Bool", "variable": "aws:SecureTransport", "values": ["false"]}],
}


def media_bucket(name: str, visibility: str) -> aws.s3.BucketV2:
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
    return bucket


def program() -> None:
    private = media_bucket("private", "private")
    public = media_bucket("public", "public")
    aws.s3.BucketPolicy(
        "private-policy",
        bucket=private.id,
        policy=private.arn.apply(
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
    )
    document = aws.iam.get_policy_document_output(
        statements=[
            {**TLS_ONLY, "resources": [public.arn, public.arn.apply(lambda arn: f"{arn}/*")]},
            {
                "sid": "PublicRead",
                "actions": ["s3:GetObject"],
                "resources": [public.arn.apply(lambda arn: f"{arn}/*")],
                "principals": [{"type": "*", "identifiers": ["*"]}],
            },
        ]
    )
    aws.s3.BucketPolicy("public-policy", bucket=public.id, policy=document.json)
    # The app's role: ECS tasks of this account only, reading and writing the two buckets' objects.
    account = aws.get_caller_identity_output().account_id
    role = aws.iam.Role(
        "app",
        assume_role_policy=account.apply(
            lambda account_id: json.dumps(
                {
                    "Version": "2012-10-17",
                    "Statement": [
                        {
                            "Effect": "Allow",
                            "Principal": {"Service": "ecs-tasks.amazonaws.com"},
                            "Action": "sts:AssumeRole",
                            "Condition": {"StringEquals": {"aws:SourceAccount": account_id}},
                        }
                    ],
                }
            )
        ),
    )
    grant = aws.iam.get_policy_document_output(
        statements=[
            {
                "actions": ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
                "resources": [bucket.arn.apply(lambda arn: f"{arn}/*") for bucket in (private, public)],
            }
        ]
    )
    aws.iam.RolePolicy("app-media", role=role.id, policy=grant.json)
