"""Versioning on, but a lifecycle rule deletes overwritten and deleted versions after one day, class 7."""

import pulumi_aws as aws


def program() -> None:
    bucket = aws.s3.BucketV2("media", bucket="corp-media")
    aws.s3.BucketVersioning("media-versioning", bucket=bucket.id, versioning_configuration={"status": "Enabled"})
    aws.s3.BucketLifecycleConfiguration(
        "media-lifecycle",
        bucket=bucket.id,
        rules=[
            {
                "id": "versions",
                "status": "Enabled",
                "filter": {},
                "noncurrent_version_expiration": {"noncurrent_days": 1},
                "expiration": {"expired_object_delete_marker": True},
            }
        ],
    )
