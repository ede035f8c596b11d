"""The deprecated Bucket's inline logging writes a private bucket's access logs into the public bucket, class 6."""

import pulumi_aws as aws


def program() -> None:
    public = aws.s3.Bucket("public", bucket="corp-public", tags={"media-storage:visibility": "public"})
    aws.s3.Bucket("private", bucket="corp-private", logging={"target_bucket": public.bucket, "target_prefix": "logs/"})
