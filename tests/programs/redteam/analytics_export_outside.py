"""Storage class analysis of private media exported to a bucket outside the program, class 6."""

import pulumi_aws as aws


def program() -> None:
    bucket = aws.s3.BucketV2("media", bucket="corp-media")
    aws.s3.AnalyticsConfiguration(
        "media-analytics",
        bucket=bucket.id,
        name="all",
        storage_class_analysis={
            "data_export": {
                "destination": {
                    "s3_bucket_destination": {
                        "bucket_arn": "arn:aws:s3:::analytics-vendor-drop",
                        "bucket_account_id": "444455556666",
                    }
                }
            }
        },
    )
