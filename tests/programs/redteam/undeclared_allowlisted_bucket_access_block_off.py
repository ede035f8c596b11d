"""A bucket allowlisted in allowedUndeclaredBuckets whose public access block the program turns off:
the allowlist waives declaring it, not judging its block."""

import pulumi_aws as aws


def program() -> None:
    aws.s3.BucketPublicAccessBlock(
        "assets-block",
        bucket="corp-static-assets",
        block_public_acls=True,
        ignore_public_acls=True,
        block_public_policy=False,
        restrict_public_buckets=False,
    )
