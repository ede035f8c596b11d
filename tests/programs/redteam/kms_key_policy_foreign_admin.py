"""The program's own KMS key encrypts private media, but its inline key policy lets another account
administer it (disable it, schedule its deletion): a takeover of the media without touching S3, class 6."""

import json

import pulumi_aws as aws


def program() -> None:
    aws.Provider("main", allowed_account_ids=["123456789012"])
    key = aws.kms.Key(
        "media-key",
        policy=json.dumps(
            {
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Principal": {"AWS": "arn:aws:iam::123456789012:root"},
                        "Action": "kms:*",
                        "Resource": "*",
                    },
                    {
                        "Effect": "Allow",
                        "Principal": {"AWS": "arn:aws:iam::666666666666:root"},
                        "Action": "kms:*",
                        "Resource": "*",
                    },
                ]
            }
        ),
    )
    bucket = aws.s3.BucketV2("media", bucket="corp-media")
    aws.s3.BucketServerSideEncryptionConfiguration(
        "media-encryption",
        bucket=bucket.id,
        rules=[{"apply_server_side_encryption_by_default": {"sse_algorithm": "aws:kms", "kms_master_key_id": key.arn}}],
    )
