"""CORS for every subdomain of a domain ("https://*.example.com")."""

import pulumi_aws as aws


def program() -> None:
    bucket = aws.s3.BucketV2("uploads", bucket="corp-uploads")
    aws.s3.BucketCorsConfigurationV2(
        "uploads-cors",
        bucket=bucket.id,
        cors_rules=[{"allowed_origins": ["https://*.example.com"], "allowed_methods": ["GET"]}],
    )
