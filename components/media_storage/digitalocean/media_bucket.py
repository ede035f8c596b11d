"""One Space (a Spaces bucket) for media of one visibility, with CORS and lifecycle; never a bucket policy."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import pulumi
import pulumi_digitalocean as digitalocean

from ..component_args import require_args
from ..settings import Lifecycle, Visibility

READ_METHODS = ("GET", "HEAD")
UPLOAD_METHODS = ("PUT",)
EXPOSED_HEADERS = ("ETag", "Content-Length", "Content-Type", "Last-Modified")
"""What the CORS rule allows and exposes (`browserUploads` adds signed PUT uploads)."""


def lifecycle_rules(lifecycle: Lifecycle, *, versioning: bool) -> list[dict[str, Any]]:
    """The Spaces lifecycle rules for `lifecycle` (input names of `SpacesBucket.lifecycle_rules`)."""
    rules: list[dict[str, Any]] = [
        {
            "id": "abort-incomplete-multipart-uploads",
            "enabled": True,
            "prefix": "",
            "abort_incomplete_multipart_upload_days": lifecycle.abort_incomplete_uploads_after_days,
        }
    ]
    if versioning:
        rules.append(
            {
                "id": "expire-noncurrent-versions",
                "enabled": True,
                "prefix": "",
                "noncurrent_version_expiration": {"days": lifecycle.noncurrent_version_expiration_days},
                # Without this, a deleted object's marker stays forever once its versions expire.
                "expiration": {"expired_object_delete_marker": True},
            }
        )
    if lifecycle.temporary_expiration_days:
        rules.append(
            {
                "id": "expire-temporary-objects",
                "enabled": True,
                "prefix": lifecycle.temporary_prefix,
                "expiration": {"days": lifecycle.temporary_expiration_days},
            }
        )
    return rules


@dataclass(frozen=True)
class SpacesMediaBucketArgs:
    """Arguments of a `SpacesMediaBucket`."""

    bucket_name: pulumi.Input[str]
    """The Space's name, unique across DigitalOcean."""

    region: str
    """The Spaces region, e.g. `ams3`."""

    visibility: Visibility
    """`public`: objects the app uploads with the `public-read` ACL are readable by anyone (the Space
    is never listed); `private`: only the app's key. The bucket ACL is `private` either way."""

    lifecycle: Lifecycle = field(default_factory=Lifecycle)
    """Lifecycle rules (multipart clean-up, old versions, temporary prefix)."""

    versioning: bool = False
    """Keep old versions of overwritten and deleted objects."""

    cors_origins: Sequence[str] = ()
    """Origins allowed to load objects with JavaScript; no CORS configuration when empty."""

    browser_uploads: bool = False
    """Also allow PUT from `cors_origins` (direct uploads with signed URLs)."""

    cors_max_age_seconds: int = 3600
    """How long browsers may cache a preflight answer."""

    protect: bool = True
    """Refuse to delete the Space (`pulumi destroy` fails until protection is lifted)."""


class SpacesMediaBucket(pulumi.ComponentResource):
    """A Space for public or private media.

    ACL `private` always (a `public-read` bucket ACL would let anyone list the objects). Public
    media are public by their own object ACL (`public-read`, sent by the app's public storage),
    not by a bucket policy: DigitalOcean refuses a bucket policy on a Space that a
    limited-access key uses, and the app's key is one. CORS for the app's origins; lifecycle
    rules; optional versioning.
    """

    bucket_name: pulumi.Output[str]
    """The Space's name."""

    bucket_urn: pulumi.Output[str]
    """The Space's DigitalOcean URN (`do:space:NAME`)."""

    bucket: digitalocean.SpacesBucket
    """The bucket resource, for composing further configuration."""

    def __init__(self, name: str, args: SpacesMediaBucketArgs, opts: pulumi.ResourceOptions | None = None) -> None:
        require_args("SpacesMediaBucket", args, SpacesMediaBucketArgs)
        super().__init__("media-storage:digitalocean:MediaBucket", name, None, opts)
        child = pulumi.ResourceOptions(parent=self)
        self.bucket = digitalocean.SpacesBucket(
            f"{name}-bucket",
            name=args.bucket_name,
            region=args.region,
            acl="private",
            force_destroy=False,
            versioning={"enabled": args.versioning},
            lifecycle_rules=lifecycle_rules(args.lifecycle, versioning=args.versioning),
            opts=pulumi.ResourceOptions.merge(child, pulumi.ResourceOptions(protect=args.protect or None)),
        )
        after_bucket = pulumi.ResourceOptions.merge(child, pulumi.ResourceOptions(depends_on=[self.bucket]))
        if args.cors_origins:
            methods = READ_METHODS + (UPLOAD_METHODS if args.browser_uploads else ())
            digitalocean.SpacesBucketCorsConfiguration(
                f"{name}-cors",
                bucket=self.bucket.name,
                region=args.region,
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
                opts=after_bucket,
            )
        self.bucket_name = self.bucket.name
        self.bucket_urn = self.bucket.bucket_urn
        self.register_outputs({"bucket_name": self.bucket_name, "bucket_urn": self.bucket_urn})
