"""Replication to a declared private bucket, but the replicas are encrypted with another account's key, class 6."""

import pulumi_aws as aws


def program() -> None:
    aws.Provider("main", allowed_account_ids=["123456789012"])
    source = aws.s3.BucketV2("media", bucket="corp-media")
    replica = aws.s3.BucketV2("media-replica", bucket="corp-media-replica")
    aws.s3.BucketReplicationConfig(
        "media-replication",
        bucket=source.id,
        role="arn:aws:iam::123456789012:role/replication",
        rules=[
            {
                "status": "Enabled",
                "filter": {},
                "source_selection_criteria": {"sse_kms_encrypted_objects": {"status": "Enabled"}},
                "destination": {
                    "bucket": replica.arn,
                    "encryption_configuration": {
                        "replica_kms_key_id": "arn:aws:kms:us-east-1:999999999999:key/1111aaaa-0000-4000-8000-000000000002"
                    },
                },
            }
        ],
    )
