"""A weekly inventory (every key of private media) delivered to a bucket the program does not declare, class 6."""

import pulumi_aws as aws


def program() -> None:
    bucket = aws.s3.BucketV2("records", bucket="corp-records")
    aws.s3.Inventory(
        "records-inventory",
        bucket=bucket.id,
        name="everything",
        included_object_versions="All",
        schedule={"frequency": "Daily"},
        destination={"bucket": {"bucket_arn": "arn:aws:s3:::inventory-collector", "format": "CSV"}},
    )
