"""CORS for a plain-http origin that is not localhost (args classes)."""

import pulumi_aws as aws


def program() -> None:
    bucket = aws.s3.BucketV2("uploads", bucket="corp-uploads")
    aws.s3.BucketCorsConfigurationV2(
        "uploads-cors",
        aws.s3.BucketCorsConfigurationV2Args(
            bucket=bucket.id,
            cors_rules=[
                aws.s3.BucketCorsConfigurationV2CorsRuleArgs(
                    allowed_origins=["http://shop.example.com"], allowed_methods=["GET"]
                )
            ],
        ),
    )
