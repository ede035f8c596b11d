"""Default encryption with a KMS key of another account (V2 alias, dicts): its owner can make the media unreadable, class 6."""

import pulumi_aws as aws


def program() -> None:
    aws.Provider("main", allowed_account_ids=["123456789012"])
    bucket = aws.s3.BucketV2("media", bucket="corp-media")
    aws.s3.BucketServerSideEncryptionConfigurationV2(
        "media-encryption",
        bucket=bucket.id,
        rules=[
            {
                "apply_server_side_encryption_by_default": {
                    "sse_algorithm": "aws:kms",
                    "kms_master_key_id": "arn:aws:kms:eu-west-1:999999999999:key/0b5c1b9c-0000-4000-8000-000000000001",
                }
            }
        ],
    )
