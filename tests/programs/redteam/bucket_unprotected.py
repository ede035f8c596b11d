"""A media bucket that a `pulumi destroy` deletes without a second step (advisory)."""

import pulumi_aws as aws


def program() -> None:
    aws.s3.BucketV2("uploads", bucket="corp-uploads")
