"""DigitalOcean Spaces components: Spaces for public and private media, and the app's Spaces key."""

from ..import_heap import freeze_imported_objects
from ..settings.digitalocean import DigitalOceanMediaStorageArgs
from .app_key import AppKey, AppKeyArgs
from .media_bucket import SpacesMediaBucket, SpacesMediaBucketArgs
from .media_storage import DigitalOceanMediaStorage

# The provider SDK and these modules are imported: freeze them out of the collector's way.
freeze_imported_objects()

__all__ = [
    "AppKey",
    "AppKeyArgs",
    "DigitalOceanMediaStorage",
    "DigitalOceanMediaStorageArgs",
    "SpacesMediaBucket",
    "SpacesMediaBucketArgs",
]
