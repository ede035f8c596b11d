"""An expiration limited by an `and` filter of a tag and a prefix outside tmp/: whoever tags an object deletes it, class 7."""

import pulumi_aws as aws


def program() -> None:
    bucket = aws.s3.BucketV2("media", bucket="corp-media")
    aws.s3.BucketLifecycleConfiguration(
        "media-lifecycle",
        bucket=bucket.id,
        rules=[
            {
                "id": "tagged",
                "status": "Enabled",
                "filter": {"and_": {"prefix": "media/", "tags": {"expire": "yes"}}},
                "expiration": {"days": 3},
            }
        ],
    )
