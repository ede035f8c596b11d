"""A website configuration (V2 alias) on a private bucket, class 6."""

import pulumi_aws as aws


def program() -> None:
    bucket = aws.s3.BucketV2("media", bucket="corp-media")
    aws.s3.BucketWebsiteConfigurationV2("media-website", bucket=bucket.id, index_document={"suffix": "index.html"})
