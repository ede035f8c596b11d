"""Secure baseline: public media read anonymously, in an account whose public access block is managed by the
program and leaves off only what anonymous reads need (blockPublicPolicy, restrictPublicBuckets)."""

import json

import pulumi
import pulumi_aws as aws


def program() -> None:
    bucket = aws.s3.BucketV2(
        "public",
        bucket="corp-public-media",
        tags={"media-storage:visibility": "public"},
        opts=pulumi.ResourceOptions(protect=True),
    )
    account_block = aws.s3.AccountPublicAccessBlock(
        "account",
        block_public_acls=True,
        ignore_public_acls=True,
        block_public_policy=False,
        restrict_public_buckets=False,
    )
    aws.s3.BucketPublicAccessBlock(
        "public-block",
        bucket=bucket.id,
        block_public_acls=True,
        ignore_public_acls=True,
        block_public_policy=False,
        restrict_public_buckets=False,
    )
    aws.s3.BucketOwnershipControls(
        "public-ownership", bucket=bucket.id, rule={"object_ownership": "BucketOwnerEnforced"}
    )
    aws.s3.BucketServerSideEncryptionConfiguration(
        "public-encryption",
        bucket=bucket.id,
        rules=[{"apply_server_side_encryption_by_default": {"sse_algorithm": "AES256"}}],
    )
    aws.s3.BucketLifecycleConfiguration(
        "public-lifecycle",
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
    aws.s3.BucketPolicy(
        "public-policy",
        bucket=bucket.id,
        policy=bucket.arn.apply(
            lambda arn: json.dumps(
                {
                    "Version": "2012-10-17",
                    "Statement": [
                        {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": f"{arn}/*"},
                        {
                            "Effect": "Deny",
                            "Principal": "*",
                            "Action": "s3:*",
                            "Resource": [arn, f"{arn}/*"],
                            "Condition": {"Bool": {"aws:SecureTransport": "false"}},
                        },
                    ],
                }
            )
        ),
        opts=pulumi.ResourceOptions(depends_on=[account_block]),
    )
