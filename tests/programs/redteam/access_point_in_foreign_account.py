"""An access point on a literal bucket name, created in another account (cross-account access point), class 6."""

import pulumi_aws as aws


def program() -> None:
    aws.Provider("main", allowed_account_ids=["123456789012"])
    aws.s3.BucketV2("media", bucket="corp-media")
    aws.s3.AccessPoint(
        "media-elsewhere", bucket="corp-media", account_id="555555555555", bucket_account_id="123456789012"
    )
