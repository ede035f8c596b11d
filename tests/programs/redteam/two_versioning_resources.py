"""Two versioning resources (the V2 alias by literal name, the v7 resource by reference) on one bucket, class 6."""

import pulumi_aws as aws


def program() -> None:
    bucket = aws.s3.BucketV2("media", bucket="corp-media")
    aws.s3.BucketVersioning("media-versioning", bucket=bucket.id, versioning_configuration={"status": "Enabled"})
    aws.s3.BucketVersioningV2(
        "media-versioning-off", bucket="corp-media", versioning_configuration={"status": "Suspended"}
    )
