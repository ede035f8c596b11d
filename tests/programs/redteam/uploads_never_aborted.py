"""A lifecycle rule that aborts uploads only under one prefix (advisory)."""

import pulumi_aws as aws


def program() -> None:
    bucket = aws.s3.BucketV2("uploads", bucket="corp-uploads")
    aws.s3.BucketLifecycleConfigurationV2(
        "uploads-lifecycle",
        bucket=bucket.id,
        rules=[
            {
                "id": "abort",
                "status": "Enabled",
                "filter": {"prefix": "tmp/"},
                "abort_incomplete_multipart_upload": {"days_after_initiation": 1},
            }
        ],
    )
