"""A lifecycle configuration on a bucket the program only names, expiring everything: judged as private media, class 7."""

import pulumi_aws as aws


def program() -> None:
    aws.s3.BucketLifecycleConfiguration(
        "legacy-lifecycle",
        bucket="corp-legacy-media",
        rules=[{"id": "purge", "status": "Enabled", "expiration": {"days": 2}}],
    )
