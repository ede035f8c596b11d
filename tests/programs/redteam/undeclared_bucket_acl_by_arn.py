"""An ACL resource that names a bucket by ARN, not one the program declares, class 4."""

import pulumi_aws as aws


def program() -> None:
    aws.s3.BucketV2("uploads", bucket="corp-uploads")
    aws.s3.BucketAclV2("legacy-acl", bucket="arn:aws:s3:::corp-legacy-media", acl="private")
