"""The account-wide public access block turned off for policies, in a program with no public media, class 6."""

import pulumi_aws as aws


def program() -> None:
    aws.s3.BucketV2("media", bucket="corp-media")
    aws.s3.AccountPublicAccessBlock(
        "account",
        block_public_acls=True,
        ignore_public_acls=True,
        block_public_policy=False,
        restrict_public_buckets=False,
    )
