"""AWS components: S3 buckets for public and private media, and the app's IAM credentials."""

from ..import_heap import freeze_imported_objects
from ..settings.aws import AwsCdn, AwsMediaStorageArgs, BucketNames, EksPodIdentity, OidcTrust, RoleTrust
from .app_role import AppRole, AppRoleArgs
from .app_user import AppUser, AppUserArgs
from .media_bucket import MediaBucket, MediaBucketArgs
from .media_distribution import MediaDistribution, MediaDistributionArgs
from .media_storage import AwsMediaStorage
from .signing_keys import SigningKeys, SigningKeysArgs
from .stored_keys import CredentialsParameters, CredentialsSecret, StoredKeysArgs

# The provider SDK and these modules are imported: freeze them out of the collector's way.
freeze_imported_objects()

__all__ = [
    "AppRole",
    "AppRoleArgs",
    "AppUser",
    "AppUserArgs",
    "AwsCdn",
    "AwsMediaStorage",
    "AwsMediaStorageArgs",
    "BucketNames",
    "CredentialsParameters",
    "CredentialsSecret",
    "EksPodIdentity",
    "MediaBucket",
    "MediaBucketArgs",
    "MediaDistribution",
    "MediaDistributionArgs",
    "OidcTrust",
    "RoleTrust",
    "SigningKeys",
    "SigningKeysArgs",
    "StoredKeysArgs",
]
