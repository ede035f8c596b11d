"""An access point (args classes) that turns its whole public access block off, class 6."""

import pulumi_aws as aws


def program() -> None:
    bucket = aws.s3.Bucket("media", bucket="corp-media")
    aws.s3.AccessPoint(
        "media-ap",
        aws.s3.AccessPointArgs(
            bucket=bucket.bucket,
            public_access_block_configuration=aws.s3.AccessPointPublicAccessBlockConfigurationArgs(
                block_public_acls=False,
                ignore_public_acls=False,
                block_public_policy=False,
                restrict_public_buckets=False,
            ),
        ),
    )
