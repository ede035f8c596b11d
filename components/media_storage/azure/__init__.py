"""Azure components: storage accounts and containers for public and private media, and the app's identity."""

from ..import_heap import freeze_imported_objects
from ..settings.azure import AksWorkloadIdentity, AzureCdn, AzureMediaStorageArgs
from .app_identity import AppIdentity, AppIdentityArgs
from .media_account import MediaAccount, MediaAccountArgs
from .media_front_door import MediaFrontDoor, MediaFrontDoorArgs
from .media_storage import AzureMediaStorage

# The provider SDK and these modules are imported: freeze them out of the collector's way.
freeze_imported_objects()

__all__ = [
    "AksWorkloadIdentity",
    "AppIdentity",
    "AppIdentityArgs",
    "AzureCdn",
    "AzureMediaStorage",
    "AzureMediaStorageArgs",
    "MediaAccount",
    "MediaAccountArgs",
    "MediaFrontDoor",
    "MediaFrontDoorArgs",
]
