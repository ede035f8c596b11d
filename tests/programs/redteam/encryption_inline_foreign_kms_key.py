"""The deprecated Bucket's inline encryption (args classes) with a key alias ARN of some account, in a
program that names no account of its own: the pack cannot tell the key is the deployer's, so it fails
closed until allowedAccountIds or trustedAccounts says so, class 6."""

import pulumi_aws as aws


def program() -> None:
    aws.s3.Bucket(
        "media",
        bucket="corp-media",
        server_side_encryption_configuration=aws.s3.BucketServerSideEncryptionConfigurationArgs(
            rule=aws.s3.BucketServerSideEncryptionConfigurationRuleArgs(
                apply_server_side_encryption_by_default=aws.s3.BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultArgs(
                    sse_algorithm="aws:kms", kms_master_key_id="arn:aws:kms:us-east-1:888888888888:alias/media"
                )
            )
        ),
    )
