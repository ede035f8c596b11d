"""An expiration for the prefix "tmp" (no slash): it also deletes "tmp-invoices/...", not just tmp/, class 7."""

import pulumi_aws as aws


def program() -> None:
    bucket = aws.s3.BucketV2("media", bucket="corp-media")
    aws.s3.BucketLifecycleConfiguration(
        "media-lifecycle",
        bucket=bucket.id,
        rules=[{"id": "temporary", "status": "Enabled", "filter": {"prefix": "tmp"}, "expiration": {"days": 1}}],
    )
