"""Validated settings of the Cloudflare R2 component: what `media-storage:*` config means with
`cloud: cloudflare`.

Pure pydantic, no provider SDK: the stack config and the docs read these without importing
`pulumi_cloudflare`.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, ValidationInfo, field_validator

from . import Lifecycle, MediaStorageArgsBase, Versioning, matching

CloudflareId = Annotated[str, matching(r"[0-9a-f]{32}", "a Cloudflare id: 32 lowercase hexadecimal characters")]
"""An account or zone id as the Cloudflare dashboard shows it."""

LocationHint = Literal["apac", "eeur", "enam", "weur", "wnam", "oc"]


class CloudflareMediaStorageArgs(MediaStorageArgsBase):
    """Arguments of `CloudflareMediaStorage`; the stack program fills them from `media-storage:*` config."""

    account_id: CloudflareId
    """The Cloudflare account that owns the buckets and the token (the provider has no account setting)."""

    custom_domain_zone_id: CloudflareId | None = Field(default=None, validate_default=True)
    """With `customDomain`, the id of the Cloudflare zone that holds it (required then, refused otherwise)."""

    location_hint: LocationHint | None = None
    """Where R2 should place both buckets (`weur`, `enam`, ...); by default near the first request."""

    versioning: Versioning = Versioning(public=False, private=False)
    """R2 keeps no object versions: both `versioning.*` must stay false."""

    @field_validator("versioning")
    @classmethod
    def _no_versions_on_r2(cls, versioning: Versioning) -> Versioning:
        if versioning.public or versioning.private:
            raise ValueError(
                "R2 has no object versioning: set versioning.public and versioning.private to false "
                "(back up private media another way)"
            )
        return versioning

    @field_validator("lifecycle")
    @classmethod
    def _no_archive_tier(cls, lifecycle: Lifecycle) -> Lifecycle:
        if lifecycle.archive_after_days:
            raise ValueError(
                "archiveAfterDays must be 0: R2 has Standard and Infrequent Access only (use infrequentAccessAfterDays)"
            )
        return lifecycle

    @field_validator("custom_domain_zone_id")
    @classmethod
    def _zone_goes_with_the_domain(cls, zone_id: str | None, info: ValidationInfo) -> str | None:
        domain = info.data.get("custom_domain")
        if zone_id is not None and domain is None:
            raise ValueError("only applies with customDomain")
        if zone_id is None and domain is not None:
            raise ValueError(f"required with customDomain: the id of the Cloudflare zone that holds {domain}")
        return zone_id
