"""The deprecated BucketV2's inline `websites` on a private bucket, class 6."""

import pulumi_aws as aws


def program() -> None:
    aws.s3.BucketV2(
        "media", bucket="corp-media", websites=[{"index_document": "index.html", "error_document": "404.html"}]
    )
