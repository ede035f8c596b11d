"""One S3 bucket for media of one visibility, with everything that makes it safe to use."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import pulumi
import pulumi_aws as aws

from ..component_args import require_args
from ..settings import Lifecycle, Visibility
from ..tags import checked_media_tags
from .policy_documents import bucket_policy

READ_METHODS = ("GET", "HEAD")
UPLOAD_METHODS = ("PUT", "POST")
EXPOSED_HEADERS = ("ETag", "Content-Length", "Content-Type", "Last-Modified")
"""`ETag` lets browser multipart uploads complete; the rest lets scripts inspect media."""


@dataclass(frozen=True)
class MediaBucketArgs:
    """Arguments of a `MediaBucket`."""

    bucket_name: pulumi.Input[str]
    """The bucket's globally unique name."""

    visibility: Visibility
    """`public`: anyone may read objects (not list them); `private`: only the app's credentials."""

    tags: Mapping[str, str] | None = None
    """Tags of the bucket: `media-storage:app` and `media-storage:stack` (`media_tags(app, environment)`)
    are required; `media-storage:visibility` is derived from `visibility`."""

    lifecycle: Lifecycle = field(default_factory=Lifecycle)
    """Lifecycle rules (multipart clean-up, old versions, temporary prefix, storage classes)."""

    versioning: bool = False
    """Keep old versions of overwritten and deleted objects."""

    cors_origins: Sequence[str] = ()
    """Origins allowed to load objects with JavaScript; no CORS configuration when empty."""

    browser_uploads: bool = False
    """Also allow PUT and POST from `cors_origins` (direct uploads with signed URLs)."""

    cors_max_age_seconds: int = 3600
    """How long browsers may cache a preflight answer."""

    require_tls: bool = True
    """Deny every request that does not use TLS. Only a local emulator may turn this off."""

    region: str | None = None
    """Region of the bucket; by default the provider's."""

    protect: bool = True
    """Refuse to delete the bucket (`pulumi destroy` fails until protection is lifted)."""

    adopt_existing: bool = False
    """`bucket_name` names an existing bucket: import it into the stack instead of creating it."""

    distribution: Callable[[aws.s3.Bucket], pulumi.Input[str]] | None = None
    """Puts a CloudFront distribution in front: called with the bucket once it exists, it creates the
    distribution and returns its ARN. Only that distribution may then read objects (origin access
    control); a public bucket is no longer anonymously readable and blocks public policies."""

    log_delivery_account: pulumi.Input[str] | None = None
    """Let CloudWatch Logs write vended logs (CloudFront standard logging v2) of this account: for a log bucket."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "tags", checked_media_tags("MediaBucketArgs", self.tags, self.visibility))


class MediaBucket(pulumi.ComponentResource):
    """An S3 bucket for public or private media.

    ACLs disabled (`BucketOwnerEnforced`), public access blocked except, for public media,
    a bucket policy that lets anyone read objects (with a CloudFront distribution in front: only
    that distribution, and public access stays fully blocked); TLS-only; SSE-S3 encryption with SSE-C
    uploads blocked; CORS for the app's origins; lifecycle rules; optional versioning.
    """

    bucket_name: pulumi.Output[str]
    """The bucket's name."""

    bucket_arn: pulumi.Output[str]
    """The bucket's ARN."""

    bucket: aws.s3.Bucket
    """The bucket resource, for composing further configuration."""

    def __init__(self, name: str, args: MediaBucketArgs, opts: pulumi.ResourceOptions | None = None) -> None:
        require_args("MediaBucket", args, MediaBucketArgs)
        super().__init__("media-storage:aws:MediaBucket", name, None, opts)
        if args.adopt_existing and not isinstance(args.bucket_name, str):
            raise ValueError("adopting an existing bucket needs its name as a plain string")
        public = args.visibility == "public"
        # With a distribution in front, nobody reads the bucket directly: public media too goes through it.
        anonymous_read = public and args.distribution is None
        child = pulumi.ResourceOptions(parent=self)
        region = {"region": args.region} if args.region else {}

        self.bucket = aws.s3.Bucket(
            f"{name}-bucket",
            bucket=args.bucket_name,
            force_destroy=False,
            tags=dict(args.tags),
            **region,
            opts=pulumi.ResourceOptions.merge(
                child,
                pulumi.ResourceOptions(
                    protect=args.protect or None,
                    # Pulumi reads the existing bucket on the first `pulumi up` and manages it from then on.
                    import_=args.bucket_name if args.adopt_existing else None,
                ),
            ),
        )
        bucket_id = self.bucket.id

        # S3 rejects concurrent updates of one bucket's sub-resources ("A conflicting
        # conditional operation is currently in progress"), so each waits for the previous.
        # The policy in particular must come after the public access block: new buckets
        # block public policies until it is relaxed.
        ownership = aws.s3.BucketOwnershipControls(
            f"{name}-ownership",
            bucket=bucket_id,
            rule={"object_ownership": "BucketOwnerEnforced"},
            **region,
            opts=child,
        )
        access_block = aws.s3.BucketPublicAccessBlock(
            f"{name}-public-access-block",
            bucket=bucket_id,
            block_public_acls=True,
            ignore_public_acls=True,
            block_public_policy=not anonymous_read,
            restrict_public_buckets=not anonymous_read,
            **region,
            opts=pulumi.ResourceOptions.merge(child, pulumi.ResourceOptions(depends_on=[ownership])),
        )
        previous: pulumi.Resource = access_block
        # The policy names the distribution's ARN, so it waits for the distribution.
        distribution_arn = args.distribution(self.bucket) if args.distribution else None
        if anonymous_read or args.require_tls or distribution_arn is not None or args.log_delivery_account:
            previous = aws.s3.BucketPolicy(
                f"{name}-policy",
                bucket=bucket_id,
                policy=pulumi.Output.all(self.bucket.arn, distribution_arn, args.log_delivery_account).apply(
                    lambda values: json.dumps(
                        bucket_policy(
                            values[0],
                            public_read=anonymous_read,
                            require_tls=args.require_tls,
                            distribution_arn=values[1],
                            log_delivery_account=values[2],
                        )
                    )
                ),
                **region,
                opts=pulumi.ResourceOptions.merge(child, pulumi.ResourceOptions(depends_on=[access_block, ownership])),
            )
        previous = aws.s3.BucketServerSideEncryptionConfiguration(
            f"{name}-encryption",
            bucket=bucket_id,
            rules=[
                {
                    "apply_server_side_encryption_by_default": {"sse_algorithm": "AES256"},
                    "blocked_encryption_types": ["SSE-C"],
                }
            ],
            **region,
            opts=pulumi.ResourceOptions.merge(child, pulumi.ResourceOptions(depends_on=[previous])),
        )
        if args.versioning:
            previous = aws.s3.BucketVersioning(
                f"{name}-versioning",
                bucket=bucket_id,
                versioning_configuration={"status": "Enabled"},
                **region,
                opts=pulumi.ResourceOptions.merge(child, pulumi.ResourceOptions(depends_on=[previous])),
            )
        if args.cors_origins:
            methods = READ_METHODS + (UPLOAD_METHODS if args.browser_uploads else ())
            previous = aws.s3.BucketCorsConfiguration(
                f"{name}-cors",
                bucket=bucket_id,
                cors_rules=[
                    {
                        "id": "media-from-app-origins",
                        "allowed_origins": list(args.cors_origins),
                        "allowed_methods": list(methods),
                        "allowed_headers": ["*"],
                        "expose_headers": list(EXPOSED_HEADERS),
                        "max_age_seconds": args.cors_max_age_seconds,
                    }
                ],
                **region,
                opts=pulumi.ResourceOptions.merge(child, pulumi.ResourceOptions(depends_on=[previous])),
            )
        aws.s3.BucketLifecycleConfiguration(
            f"{name}-lifecycle",
            bucket=bucket_id,
            rules=lifecycle_rules(args.lifecycle, versioning=args.versioning),
            **region,
            opts=pulumi.ResourceOptions.merge(child, pulumi.ResourceOptions(depends_on=[previous])),
        )

        self.bucket_name = self.bucket.bucket
        self.bucket_arn = self.bucket.arn
        self.register_outputs({"bucket_name": self.bucket_name, "bucket_arn": self.bucket_arn})


def lifecycle_rules(lifecycle: Lifecycle, *, versioning: bool) -> list[dict]:
    """The S3 lifecycle rules for `lifecycle` (input names of `BucketLifecycleConfiguration`)."""
    everything = {"prefix": ""}
    rules: list[dict] = [
        {
            "id": "abort-incomplete-multipart-uploads",
            "status": "Enabled",
            "filter": everything,
            "abort_incomplete_multipart_upload": {
                "days_after_initiation": lifecycle.abort_incomplete_uploads_after_days
            },
        }
    ]
    if versioning:
        rules.append(
            {
                "id": "expire-noncurrent-versions",
                "status": "Enabled",
                "filter": everything,
                "noncurrent_version_expiration": {"noncurrent_days": lifecycle.noncurrent_version_expiration_days},
                # Without this, a deleted object's marker stays forever once its versions expire.
                "expiration": {"expired_object_delete_marker": True},
            }
        )
    if lifecycle.temporary_expiration_days:
        rules.append(
            {
                "id": "expire-temporary-objects",
                "status": "Enabled",
                "filter": {"prefix": lifecycle.temporary_prefix},
                "expiration": {"days": lifecycle.temporary_expiration_days},
            }
        )
    transitions = []
    if lifecycle.infrequent_access_after_days:
        transitions.append({"days": lifecycle.infrequent_access_after_days, "storage_class": "STANDARD_IA"})
    if lifecycle.archive_after_days:
        transitions.append({"days": lifecycle.archive_after_days, "storage_class": "GLACIER_IR"})
    if transitions:
        rules.append(
            {
                "id": "move-to-cheaper-storage",
                "status": "Enabled",
                "filter": everything,
                "transitions": transitions,
            }
        )
    return rules
