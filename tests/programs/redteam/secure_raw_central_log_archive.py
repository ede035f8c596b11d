"""Secure baseline with allowlists (the policy config of docs/policies.md): access logs go to the
organisation's log archive in another account of the organisation, and short-lived uploads under
uploads/tmp/ expire after a day; the deprecated Bucket's inline arguments, args classes."""

import json

import pulumi
import pulumi_aws as aws


def program() -> None:
    bucket = aws.s3.Bucket(
        "media",
        bucket="corp-media",
        tags={"media-storage:visibility": "private"},
        logging=aws.s3.BucketLoggingArgs(target_bucket="corp-log-archive", target_prefix="media/"),
        versioning=aws.s3.BucketVersioningArgs(enabled=True),
        lifecycle_rules=[
            aws.s3.BucketLifecycleRuleArgs(enabled=True, abort_incomplete_multipart_upload_days=7),
            aws.s3.BucketLifecycleRuleArgs(
                enabled=True, prefix="uploads/tmp/", expiration=aws.s3.BucketLifecycleRuleExpirationArgs(days=1)
            ),
            aws.s3.BucketLifecycleRuleArgs(
                enabled=True,
                noncurrent_version_expiration=aws.s3.BucketLifecycleRuleNoncurrentVersionExpirationArgs(days=90),
            ),
        ],
        server_side_encryption_configuration=aws.s3.BucketServerSideEncryptionConfigurationArgs(
            rule=aws.s3.BucketServerSideEncryptionConfigurationRuleArgs(
                apply_server_side_encryption_by_default=aws.s3.BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultArgs(
                    sse_algorithm="AES256"
                )
            )
        ),
        opts=pulumi.ResourceOptions(protect=True),
    )
    aws.s3.BucketPublicAccessBlock(
        "media-block",
        aws.s3.BucketPublicAccessBlockArgs(
            bucket=bucket.id,
            block_public_acls=True,
            ignore_public_acls=True,
            block_public_policy=True,
            restrict_public_buckets=True,
        ),
    )
    aws.s3.BucketOwnershipControls(
        "media-ownership",
        bucket=bucket.id,
        rule=aws.s3.BucketOwnershipControlsRuleArgs(object_ownership="BucketOwnerEnforced"),
    )
    aws.s3.BucketPolicy(
        "media-policy",
        bucket=bucket.id,
        policy=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Deny",
                        "Principal": "*",
                        "Action": "s3:*",
                        "Resource": ["arn:aws:s3:::corp-media", "arn:aws:s3:::corp-media/*"],
                        "Condition": {"Bool": {"aws:SecureTransport": "false"}},
                    }
                ],
            }
        ),
    )
