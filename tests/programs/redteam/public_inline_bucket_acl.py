"""The deprecated inline `Bucket.acl` set to public-read-write."""

import pulumi_aws as aws


def program() -> None:
    aws.s3.Bucket("uploads", bucket="corp-uploads", acl="public-read-write")
