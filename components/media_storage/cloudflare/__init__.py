"""Cloudflare R2 components: buckets for public and private media, and the app's API token."""

from ..import_heap import freeze_imported_objects
from ..settings.cloudflare import CloudflareMediaStorageArgs
from .app_token import AppToken, AppTokenArgs
from .media_bucket import R2MediaBucket, R2MediaBucketArgs
from .media_storage import CloudflareMediaStorage

# The provider SDK and these modules are imported: freeze them out of the collector's way.
freeze_imported_objects()

__all__ = [
    "AppToken",
    "AppTokenArgs",
    "CloudflareMediaStorage",
    "CloudflareMediaStorageArgs",
    "R2MediaBucket",
    "R2MediaBucketArgs",
]
