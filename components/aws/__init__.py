"""AWS components: S3 buckets for public and private media, and the app's IAM credentials."""

from .app_role import AppRole, AppRoleArgs, OidcTrust, RoleTrust
from .app_user import AppUser, AppUserArgs
from .media_bucket import MediaBucket, MediaBucketArgs
from .media_storage import AwsMediaStorage, AwsMediaStorageArgs, BucketNames

__all__ = [
    "AppRole",
    "AppRoleArgs",
    "AppUser",
    "AppUserArgs",
    "AwsMediaStorage",
    "AwsMediaStorageArgs",
    "BucketNames",
    "MediaBucket",
    "MediaBucketArgs",
    "OidcTrust",
    "RoleTrust",
]
