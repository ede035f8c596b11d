"""A private bucket with no public access block at all."""

import pulumi_aws as aws


def program() -> None:
    aws.s3.BucketV2("uploads", bucket="corp-uploads", tags={"media-storage:visibility": "private"})
