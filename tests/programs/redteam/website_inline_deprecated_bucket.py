"""The deprecated Bucket's inline website (args class) on an untagged, hence private, bucket, class 6."""

import pulumi_aws as aws


def program() -> None:
    aws.s3.Bucket("media", bucket="corp-media", website=aws.s3.BucketWebsiteArgs(index_document="index.html"))
