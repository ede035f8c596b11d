"""A lifecycle rule (V2 alias, args classes) that deletes every upload on a fixed date, class 7."""

import pulumi_aws as aws


def program() -> None:
    bucket = aws.s3.BucketV2("media", bucket="corp-media")
    aws.s3.BucketLifecycleConfigurationV2(
        "media-lifecycle",
        aws.s3.BucketLifecycleConfigurationV2Args(
            bucket=bucket.id,
            rules=[
                aws.s3.BucketLifecycleConfigurationV2RuleArgs(
                    id="end-of-project",
                    status="Enabled",
                    filter=aws.s3.BucketLifecycleConfigurationV2RuleFilterArgs(prefix="uploads/"),
                    expiration=aws.s3.BucketLifecycleConfigurationV2RuleExpirationArgs(date="2027-01-01T00:00:00Z"),
                )
            ],
        ),
    )
