"""Cloudflare R2 components: buckets for public and private media, and the app's API token."""

from ..settings.cloudflare import CloudflareMediaStorageArgs
from .app_token import AppToken, AppTokenArgs
from .media_bucket import R2MediaBucket, R2MediaBucketArgs
from .media_storage import CloudflareMediaStorage

__all__ = [
    "AppToken",
    "AppTokenArgs",
    "CloudflareMediaStorage",
    "CloudflareMediaStorageArgs",
    "R2MediaBucket",
    "R2MediaBucketArgs",
]
