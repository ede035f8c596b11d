"""A private bucket that keeps no versions (advisory)."""

import pulumi_aws as aws


def program() -> None:
    bucket = aws.s3.BucketV2("uploads", bucket="corp-uploads")
    aws.s3.BucketVersioningV2("uploads-versioning", bucket=bucket.id, versioning_configuration={"status": "Suspended"})
