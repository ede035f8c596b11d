"""A public access block with every flag off on a private bucket named by a literal."""

import pulumi_aws as aws


def program() -> None:
    aws.s3.BucketV2("uploads", bucket="corp-uploads")
    aws.s3.BucketPublicAccessBlock(
        "uploads-block",
        bucket="corp-uploads",
        block_public_acls=False,
        ignore_public_acls=False,
        block_public_policy=False,
        restrict_public_buckets=False,
    )
