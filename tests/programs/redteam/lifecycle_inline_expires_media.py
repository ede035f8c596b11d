"""The deprecated Bucket's inline lifecycleRules (args classes) expiring all private media after a day, class 7."""

import pulumi_aws as aws


def program() -> None:
    aws.s3.Bucket(
        "media",
        bucket="corp-media",
        lifecycle_rules=[
            aws.s3.BucketLifecycleRuleArgs(
                enabled=True,
                abort_incomplete_multipart_upload_days=7,
                expiration=aws.s3.BucketLifecycleRuleExpirationArgs(days=1),
            )
        ],
    )
