"""A lifecycle rule (dicts) that deletes every private object a week after upload, class 7."""

import pulumi_aws as aws


def program() -> None:
    bucket = aws.s3.BucketV2("media", bucket="corp-media", tags={"media-storage:visibility": "private"})
    aws.s3.BucketLifecycleConfiguration(
        "media-lifecycle",
        bucket=bucket.id,
        rules=[
            {
                "id": "abort",
                "status": "Enabled",
                "filter": {},
                "abort_incomplete_multipart_upload": {"days_after_initiation": 7},
            },
            {"id": "cleanup", "status": "Enabled", "filter": {}, "expiration": {"days": 7}},
        ],
    )
