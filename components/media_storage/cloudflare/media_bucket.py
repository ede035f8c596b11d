"""One R2 bucket for media of one visibility, with CORS, lifecycle and, for public media, its domain."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import pulumi
import pulumi_cloudflare as cloudflare

from ..component_args import require_args
from ..settings import Lifecycle, Visibility

READ_METHODS = ("GET", "HEAD")
UPLOAD_METHODS = ("PUT",)
EXPOSED_HEADERS = ("ETag", "Content-Length", "Content-Type", "Last-Modified")
"""What the CORS rule allows and exposes (`browserUploads` adds signed PUT uploads)."""

DAY_SECONDS = 86400
MIN_TLS = "1.2"


def lifecycle_rules(lifecycle: Lifecycle) -> list[dict[str, Any]]:
    """The R2 lifecycle rules for `lifecycle` (input names of `R2BucketLifecycle.rules`); R2 counts ages in seconds."""

    def age(days: int) -> dict[str, Any]:
        return {"type": "Age", "max_age": days * DAY_SECONDS}

    rules: list[dict[str, Any]] = [
        {
            "id": "abort-incomplete-multipart-uploads",
            "enabled": True,
            "conditions": {"prefix": ""},
            "abort_multipart_uploads_transition": {"condition": age(lifecycle.abort_incomplete_uploads_after_days)},
        }
    ]
    if lifecycle.temporary_expiration_days:
        rules.append(
            {
                "id": "expire-temporary-objects",
                "enabled": True,
                "conditions": {"prefix": lifecycle.temporary_prefix},
                "delete_objects_transition": {"condition": age(lifecycle.temporary_expiration_days)},
            }
        )
    if lifecycle.infrequent_access_after_days:
        rules.append(
            {
                "id": "move-to-infrequent-access",
                "enabled": True,
                "conditions": {"prefix": ""},
                "storage_class_transitions": [
                    {"condition": age(lifecycle.infrequent_access_after_days), "storage_class": "InfrequentAccess"}
                ],
            }
        )
    return rules


@dataclass(frozen=True)
class R2MediaBucketArgs:
    """Arguments of an `R2MediaBucket`."""

    account_id: str
    """The Cloudflare account of the bucket."""

    bucket_name: pulumi.Input[str]
    """The bucket's name, unique within the account."""

    visibility: Visibility
    """`public`: served to anyone through a domain; `private`: only through presigned links."""

    lifecycle: Lifecycle = field(default_factory=Lifecycle)
    """Lifecycle rules (multipart clean-up, temporary prefix, Infrequent Access)."""

    cors_origins: Sequence[str] = ()
    """Origins allowed to load objects with JavaScript; no CORS configuration when empty."""

    browser_uploads: bool = False
    """Also allow PUT from `cors_origins` (direct uploads with signed URLs)."""

    cors_max_age_seconds: int = 3600
    """How long browsers may cache a preflight answer."""

    custom_domain: str | None = None
    """Public media only: the domain that serves the bucket (otherwise its r2.dev domain)."""

    custom_domain_zone_id: str | None = None
    """The Cloudflare zone holding `custom_domain`."""

    location_hint: str | None = None
    """Where R2 should place the bucket."""

    protect: bool = True
    """Refuse to delete the bucket (`pulumi destroy` fails until protection is lifted)."""


class R2MediaBucket(pulumi.ComponentResource):
    """An R2 bucket for public or private media.

    R2 buckets are private; public media gets exactly one public domain, the bucket's r2.dev
    domain or a custom domain on a Cloudflare zone (TLS 1.2 at least); private media gets
    none, so it is reachable only through presigned links on the S3 endpoint.
    """

    bucket_name: pulumi.Output[str]
    """The bucket's name."""

    public_domain: pulumi.Output[str] | None
    """The host that serves public media (r2.dev or custom); None for private media."""

    bucket: cloudflare.R2Bucket
    """The bucket resource, for composing further configuration."""

    def __init__(self, name: str, args: R2MediaBucketArgs, opts: pulumi.ResourceOptions | None = None) -> None:
        require_args("R2MediaBucket", args, R2MediaBucketArgs)
        if args.visibility == "private" and args.custom_domain:
            raise ValueError("private media is served only through presigned links, never through a domain")
        super().__init__("media-storage:cloudflare:MediaBucket", name, None, opts)
        child = pulumi.ResourceOptions(parent=self)
        location = {"location": args.location_hint} if args.location_hint else {}
        self.bucket = cloudflare.R2Bucket(
            f"{name}-bucket",
            account_id=args.account_id,
            name=args.bucket_name,
            **location,
            opts=pulumi.ResourceOptions.merge(child, pulumi.ResourceOptions(protect=args.protect or None)),
        )
        after_bucket = pulumi.ResourceOptions.merge(child, pulumi.ResourceOptions(depends_on=[self.bucket]))
        if args.cors_origins:
            methods = READ_METHODS + (UPLOAD_METHODS if args.browser_uploads else ())
            cloudflare.R2BucketCors(
                f"{name}-cors",
                account_id=args.account_id,
                bucket_name=self.bucket.name,
                rules=[
                    {
                        "id": "media-from-app-origins",
                        "allowed": {"origins": list(args.cors_origins), "methods": list(methods), "headers": ["*"]},
                        "expose_headers": list(EXPOSED_HEADERS),
                        "max_age_seconds": args.cors_max_age_seconds,
                    }
                ],
                opts=after_bucket,
            )
        cloudflare.R2BucketLifecycle(
            f"{name}-lifecycle",
            account_id=args.account_id,
            bucket_name=self.bucket.name,
            rules=lifecycle_rules(args.lifecycle),
            opts=after_bucket,
        )
        self.public_domain = None
        if args.visibility == "public" and args.custom_domain:
            custom = cloudflare.R2CustomDomain(
                f"{name}-domain",
                account_id=args.account_id,
                bucket_name=self.bucket.name,
                domain=args.custom_domain,
                zone_id=args.custom_domain_zone_id,
                enabled=True,
                min_tls=MIN_TLS,
                opts=after_bucket,
            )
            self.public_domain = custom.domain
        elif args.visibility == "public":
            managed = cloudflare.R2ManagedDomain(
                f"{name}-domain",
                account_id=args.account_id,
                bucket_name=self.bucket.name,
                enabled=True,
                opts=after_bucket,
            )
            self.public_domain = managed.domain
        self.bucket_name = self.bucket.name
        self.register_outputs({"bucket_name": self.bucket_name})
