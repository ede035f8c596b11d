"""CloudFront standard logging (v1) of private media into a bucket the program does not declare: the logs
hold every signed link while it is valid, class 6."""

import pulumi_aws as aws


def program() -> None:
    bucket = aws.s3.BucketV2("media", bucket="corp-media")
    aws.cloudfront.Distribution(
        "media-cdn",
        enabled=True,
        origins=[{"origin_id": "media", "domain_name": bucket.bucket_regional_domain_name}],
        default_cache_behavior={
            "target_origin_id": "media",
            "viewer_protocol_policy": "redirect-to-https",
            "allowed_methods": ["GET", "HEAD"],
            "cached_methods": ["GET", "HEAD"],
            "cache_policy_id": "658327ea-f89d-4fab-a63d-7e88639e58f6",
            "trusted_key_groups": ["key-group-id"],
        },
        logging_config={"bucket": "cdn-logs-collector.s3.amazonaws.com", "prefix": "media/"},
        restrictions={"geo_restriction": {"restriction_type": "none"}},
        viewer_certificate={"cloudfront_default_certificate": True},
    )
