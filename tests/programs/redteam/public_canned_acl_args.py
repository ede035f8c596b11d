"""A public-read canned ACL set with an args class."""

import pulumi_aws as aws


def program() -> None:
    bucket = aws.s3.BucketV2("uploads", bucket="corp-uploads")
    aws.s3.BucketAclV2("uploads-acl", aws.s3.BucketAclV2Args(bucket=bucket.id, acl="public-read"))
