"""CORS that lets every origin read and write."""

import pulumi_aws as aws


def program() -> None:
    bucket = aws.s3.BucketV2("uploads", bucket="corp-uploads")
    aws.s3.BucketCorsConfigurationV2(
        "uploads-cors",
        bucket=bucket.id,
        cors_rules=[{"allowed_origins": ["*"], "allowed_methods": ["GET", "PUT"]}],
    )
