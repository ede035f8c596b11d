"""Validated settings of the DigitalOcean Spaces component: what `media-storage:*` config means
with `cloud: digitalocean`.

Pure pydantic, no provider SDK: the stack config and the docs read these without importing
`pulumi_digitalocean`.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import field_validator

from . import Lifecycle, MediaStorageArgsBase, matching

SpacesRegion = Annotated[str, matching(r"[a-z]{3}[0-9]", "a Spaces region slug such as ams3, fra1, nyc3 or sgp1")]
"""A DigitalOcean datacenter slug that offers Spaces, e.g. `ams3`."""


class DigitalOceanMediaStorageArgs(MediaStorageArgsBase):
    """Arguments of `DigitalOceanMediaStorage`; the stack program fills them from `media-storage:*` config."""

    region: SpacesRegion
    """Spaces region of both buckets, e.g. `ams3` (the DigitalOcean provider has no region setting for Spaces)."""

    @field_validator("lifecycle")
    @classmethod
    def _one_storage_class(cls, lifecycle: Lifecycle) -> Lifecycle:
        tiers = [
            key
            for key, days in (
                ("infrequentAccessAfterDays", lifecycle.infrequent_access_after_days),
                ("archiveAfterDays", lifecycle.archive_after_days),
            )
            if days
        ]
        if tiers:
            raise ValueError(f"{' and '.join(tiers)} must be 0: Spaces has a single storage class")
        return lifecycle
