"""An ObjectCopy into the private bucket with a public-read ACL."""

import pulumi_aws as aws


def program() -> None:
    bucket = aws.s3.BucketV2("uploads", bucket="corp-uploads")
    aws.s3.ObjectCopy("copy", bucket=bucket.id, key="report.pdf", source="corp-staging/report.pdf", acl="public-read")
