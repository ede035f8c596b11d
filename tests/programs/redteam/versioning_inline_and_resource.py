"""The deprecated Bucket's inline versioning on, and a BucketVersioning that suspends it: the last applied wins, class 6."""

import pulumi_aws as aws


def program() -> None:
    bucket = aws.s3.Bucket("media", bucket="corp-media", versioning=aws.s3.BucketVersioningArgs(enabled=True))
    aws.s3.BucketVersioning(
        "media-versioning",
        bucket=bucket.id,
        versioning_configuration=aws.s3.BucketVersioningVersioningConfigurationArgs(status="Suspended"),
    )
