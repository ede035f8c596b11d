"""The deprecated BucketV2's inline replicationConfigurations (lists of blocks) sending replicas to another account, class 6."""

import pulumi_aws as aws


def program() -> None:
    aws.Provider("main", allowed_account_ids=["123456789012"])
    replica = aws.s3.BucketV2("media-replica", bucket="corp-media-replica")
    aws.s3.BucketV2(
        "media",
        bucket="corp-media",
        replication_configurations=[
            {
                "role": "arn:aws:iam::123456789012:role/replication",
                "rules": [
                    {"status": "Enabled", "destinations": [{"bucket": replica.arn, "account_id": "999999999999"}]}
                ],
            }
        ],
    )
