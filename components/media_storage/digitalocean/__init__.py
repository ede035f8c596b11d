"""DigitalOcean Spaces components: Spaces for public and private media, and the app's Spaces key."""

from ..settings.digitalocean import DigitalOceanMediaStorageArgs
from .app_key import AppKey, AppKeyArgs
from .media_bucket import SpacesMediaBucket, SpacesMediaBucketArgs
from .media_storage import DigitalOceanMediaStorage

__all__ = [
    "AppKey",
    "AppKeyArgs",
    "DigitalOceanMediaStorage",
    "DigitalOceanMediaStorageArgs",
    "SpacesMediaBucket",
    "SpacesMediaBucketArgs",
]
