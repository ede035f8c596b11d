"""The authenticated-read canned ACL: every AWS account may read."""

import pulumi_aws as aws


def program() -> None:
    bucket = aws.s3.BucketV2("uploads", bucket="corp-uploads")
    aws.s3.BucketAclV2("uploads-acl", bucket=bucket.bucket, acl="authenticated-read")
