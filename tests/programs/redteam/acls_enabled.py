"""A bucket that keeps ACLs on (ObjectWriter ownership, advisory)."""

import pulumi_aws as aws


def program() -> None:
    bucket = aws.s3.BucketV2("uploads", bucket="corp-uploads")
    aws.s3.BucketOwnershipControls("uploads-ownership", bucket=bucket.id, rule={"object_ownership": "ObjectWriter"})
