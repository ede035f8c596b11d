"""One object uploaded with a public-read ACL into a private bucket."""

import pulumi_aws as aws


def program() -> None:
    bucket = aws.s3.BucketV2("uploads", bucket="corp-uploads")
    aws.s3.BucketObjectv2("leak", bucket=bucket.id, key="secret.pdf", content="x", acl="public-read")
