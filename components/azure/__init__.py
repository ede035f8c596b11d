"""Azure components: storage accounts and containers for public and private media, and the app's identity."""

from .app_identity import AppIdentity, AppIdentityArgs
from .media_account import MediaAccount, MediaAccountArgs
from .media_storage import AzureMediaStorage, AzureMediaStorageArgs

__all__ = [
    "AppIdentity",
    "AppIdentityArgs",
    "AzureMediaStorage",
    "AzureMediaStorageArgs",
    "MediaAccount",
    "MediaAccountArgs",
]
