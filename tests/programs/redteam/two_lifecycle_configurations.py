"""Two lifecycle configurations on one bucket: the one that aborts uploads may be replaced by the other, class 6."""

import pulumi_aws as aws


def program() -> None:
    bucket = aws.s3.BucketV2("media", bucket="corp-media")
    aws.s3.BucketLifecycleConfiguration(
        "media-abort",
        bucket=bucket.id,
        rules=[
            {
                "id": "abort",
                "status": "Enabled",
                "filter": {},
                "abort_incomplete_multipart_upload": {"days_after_initiation": 7},
            }
        ],
    )
    aws.s3.BucketLifecycleConfigurationV2(
        "media-colder",
        bucket=bucket.id,
        rules=[
            {
                "id": "colder",
                "status": "Enabled",
                "filter": {},
                "transitions": [{"days": 90, "storage_class": "GLACIER"}],
            }
        ],
    )
