"""A CloudWatch Logs delivery destination (CloudFront standard logging v2) writing into the program's public
bucket: request logs of private media, signed links included, readable by anyone, class 6."""

import pulumi_aws as aws


def program() -> None:
    public = aws.s3.BucketV2("public", bucket="corp-public", tags={"media-storage:visibility": "public"})
    aws.cloudwatch.LogDeliveryDestination(
        "cdn-logs",
        name="cdn-logs",
        output_format="parquet",
        delivery_destination_configuration={"destination_resource_arn": public.arn},
    )
