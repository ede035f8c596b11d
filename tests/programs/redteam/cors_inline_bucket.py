"""The deprecated inline `Bucket.corsRules` with the "*" origin."""

import pulumi_aws as aws


def program() -> None:
    aws.s3.Bucket(
        "uploads",
        bucket="corp-uploads",
        cors_rules=[aws.s3.BucketCorsRuleArgs(allowed_origins=["*"], allowed_methods=["PUT"])],
    )
