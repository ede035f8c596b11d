"""A private bucket replicated to a bucket the program never declares (dicts, literal ARN), class 6."""

import pulumi_aws as aws


def program() -> None:
    bucket = aws.s3.BucketV2("invoices", bucket="corp-invoices")
    aws.s3.BucketReplicationConfig(
        "invoices-replication",
        bucket=bucket.id,
        role="arn:aws:iam::123456789012:role/replication",
        rules=[
            {"id": "all", "status": "Enabled", "filter": {}, "destination": {"bucket": "arn:aws:s3:::corp-dr-copy"}}
        ],
    )
