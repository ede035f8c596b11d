"""An inventory (args classes) into a declared bucket name owned by another account, class 6."""

import pulumi_aws as aws


def program() -> None:
    aws.Provider("main", allowed_account_ids=["123456789012"])
    bucket = aws.s3.BucketV2("records", bucket="corp-records")
    reports = aws.s3.BucketV2("reports", bucket="corp-reports")
    aws.s3.Inventory(
        "records-inventory",
        aws.s3.InventoryArgs(
            bucket=bucket.id,
            included_object_versions="Current",
            schedule=aws.s3.InventoryScheduleArgs(frequency="Weekly"),
            destination=aws.s3.InventoryDestinationArgs(
                bucket=aws.s3.InventoryDestinationBucketArgs(
                    bucket_arn=reports.arn, format="Parquet", account_id="999999999999"
                )
            ),
        ),
    )
