"""Access logs (presigned URLs included) of private media sent to a bucket named by a literal, with the
deprecated BucketLoggingV2, class 6."""

import pulumi_aws as aws


def program() -> None:
    bucket = aws.s3.BucketV2("private", bucket="corp-private")
    aws.s3.BucketLoggingV2(
        "private-logging", bucket=bucket.id, target_bucket="shared-logs-bucket", target_prefix="corp/"
    )
