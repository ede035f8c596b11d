"""The deprecated BucketV2's inline `versionings` and a BucketVersioningV2 on the same bucket, class 6."""

import pulumi_aws as aws


def program() -> None:
    bucket = aws.s3.BucketV2("media", bucket="corp-media", versionings=[{"enabled": True}])
    aws.s3.BucketVersioningV2("media-versioning", bucket=bucket.bucket, versioning_configuration={"status": "Enabled"})
