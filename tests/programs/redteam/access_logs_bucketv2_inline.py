"""The deprecated BucketV2's inline `loggings` sending access logs to a bucket the program does not declare, class 6."""

import pulumi_aws as aws


def program() -> None:
    aws.s3.BucketV2(
        "media", bucket="corp-media", loggings=[{"target_bucket": "log-sink-somewhere", "target_prefix": "media/"}]
    )
