"""A private bucket replicated into the program's own public bucket: private media served to anyone, class 6."""

import pulumi_aws as aws


def program() -> None:
    private = aws.s3.BucketV2("private", bucket="corp-private", tags={"media-storage:visibility": "private"})
    public = aws.s3.BucketV2("public", bucket="corp-public", tags={"media-storage:visibility": "public"})
    aws.s3.BucketReplicationConfig(
        "private-replication",
        bucket=private.id,
        role="arn:aws:iam::123456789012:role/replication",
        rules=[{"status": "Enabled", "filter": {}, "destination": {"bucket": public.arn}}],
    )
