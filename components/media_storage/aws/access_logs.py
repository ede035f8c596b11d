"""CloudFront standard logging (v2): a log bucket and one CloudWatch Logs delivery per distribution."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pulumi
import pulumi_aws as aws

from ..component_args import require_args
from ..settings import Lifecycle
from .media_bucket import MediaBucket, MediaBucketArgs
from .policy_documents import LOG_DELIVERY_REGION

LOG_PREFIX = "AWSLogs/"
"""CloudWatch Logs writes CloudFront's logs under `AWSLogs/{account}/CloudFront/`."""


@dataclass(frozen=True)
class AccessLogsArgs:
    """Arguments of `AccessLogs`."""

    bucket_name: pulumi.Input[str]
    """The log bucket's globally unique name."""

    resource_name: str
    """Base of the delivery source and destination names (letters, digits, - and _)."""

    distributions: Mapping[str, pulumi.Input[str]]
    """Distribution ARN by label (`public`, `private`): one delivery each."""

    account_id: pulumi.Input[str]
    """The account whose delivery sources may write to the bucket."""

    tags: Mapping[str, str]
    """Tags of the bucket (`media_tags(app, environment, "private")`: logs are private)."""

    retention_days: int = 90
    """Days log objects are kept."""

    region: str | None = None
    """Region of the log bucket; by default the provider's."""

    protect: bool = True
    """Refuse to delete the log bucket."""


class AccessLogs(pulumi.ComponentResource):
    """A private log bucket (a `MediaBucket`: no ACLs, public access blocked, TLS only, encrypted,
    versioned, logs expired after `retention_days`) that CloudWatch Logs may write to, and a CloudFront
    standard logging v2 delivery per distribution (in us-east-1, where CloudFront's logs are
    delivered). The legacy ACL-based logging is not used."""

    bucket: MediaBucket
    """The log bucket."""

    def __init__(self, name: str, args: AccessLogsArgs, opts: pulumi.ResourceOptions | None = None) -> None:
        require_args("AccessLogs", args, AccessLogsArgs)
        super().__init__("media-storage:aws:AccessLogs", name, None, opts)
        child = pulumi.ResourceOptions(parent=self)
        self.bucket = MediaBucket(
            f"{name}-bucket",
            MediaBucketArgs(
                bucket_name=args.bucket_name,
                visibility="private",
                tags=args.tags,
                lifecycle=Lifecycle(temporary_prefix=LOG_PREFIX, temporary_expiration_days=args.retention_days),
                versioning=True,
                region=args.region,
                protect=args.protect,
                log_delivery_account=args.account_id,
            ),
            opts=child,
        )
        destination = aws.cloudwatch.LogDeliveryDestination(
            f"{name}-destination",
            name=f"{args.resource_name[:55]}-logs",
            region=LOG_DELIVERY_REGION,
            output_format="json",
            delivery_destination_configuration={"destination_resource_arn": self.bucket.bucket_arn},
            opts=child,
        )
        for label, distribution_arn in args.distributions.items():
            source = aws.cloudwatch.LogDeliverySource(
                f"{name}-{label}-source",
                name=f"{args.resource_name[:50]}-{label}"[:60],
                region=LOG_DELIVERY_REGION,
                log_type="ACCESS_LOGS",
                resource_arn=distribution_arn,
                opts=child,
            )
            aws.cloudwatch.LogDelivery(
                f"{name}-{label}",
                region=LOG_DELIVERY_REGION,
                delivery_source_name=source.name,
                delivery_destination_arn=destination.arn,
                s3_delivery_configurations=[
                    {"suffix_path": f"{label}/{{yyyy}}/{{MM}}/{{dd}}/{{HH}}", "enable_hive_compatible_path": False}
                ],
                # The destination checks it may write: the bucket policy must be in place first.
                opts=pulumi.ResourceOptions.merge(child, pulumi.ResourceOptions(depends_on=[self.bucket])),
            )
        self.register_outputs({"bucket_name": self.bucket.bucket_name})
