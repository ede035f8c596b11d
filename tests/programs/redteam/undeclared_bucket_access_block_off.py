"""Turning off the public access block of a bucket the program does not declare (args class), class 4."""

import pulumi_aws as aws


def program() -> None:
    aws.s3.BucketPublicAccessBlock(
        "legacy-block",
        aws.s3.BucketPublicAccessBlockArgs(
            bucket="corp-legacy-media",
            block_public_acls=False,
            ignore_public_acls=False,
            block_public_policy=False,
            restrict_public_buckets=False,
        ),
    )
