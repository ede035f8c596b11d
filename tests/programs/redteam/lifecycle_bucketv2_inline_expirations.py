"""The deprecated BucketV2's inline lifecycleRules with their list-shaped `expirations`, deleting media after 5 days, class 7."""

import pulumi_aws as aws


def program() -> None:
    aws.s3.BucketV2(
        "media",
        bucket="corp-media",
        lifecycle_rules=[
            aws.s3.BucketV2LifecycleRuleArgs(
                enabled=True, expirations=[aws.s3.BucketV2LifecycleRuleExpirationArgs(days=5)]
            )
        ],
    )
