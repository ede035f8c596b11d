"""The env contract: the environment variables a stack exports for the Django app.

This module is the single definition of the variable names. The components fill them, the
Django helper (`media_storage.django_storages`) reads them, the tables of docs/env.md are generated
from `AWS_VARIABLES`, and the tests check all three against it. It imports nothing but the
standard library, so a Django app can use it without Pulumi.
"""

from __future__ import annotations

MEDIA_STORAGE_BACKEND = "MEDIA_STORAGE_BACKEND"
S3_BACKEND = "s3"

AWS_STORAGE_BUCKET_NAME = "AWS_STORAGE_BUCKET_NAME"
AWS_PRIVATE_STORAGE_BUCKET_NAME = "AWS_PRIVATE_STORAGE_BUCKET_NAME"
AWS_S3_REGION_NAME = "AWS_S3_REGION_NAME"
AWS_S3_SIGNATURE_VERSION = "AWS_S3_SIGNATURE_VERSION"
AWS_S3_ADDRESSING_STYLE = "AWS_S3_ADDRESSING_STYLE"
AWS_QUERYSTRING_EXPIRE = "AWS_QUERYSTRING_EXPIRE"
AWS_ACCESS_KEY_ID = "AWS_ACCESS_KEY_ID"
AWS_SECRET_ACCESS_KEY = "AWS_SECRET_ACCESS_KEY"  # noqa: S105 -- a variable name, not a secret
AWS_ROLE_ARN = "AWS_ROLE_ARN"
AWS_MEDIA_CREDENTIALS_SECRET_ARN = "AWS_MEDIA_CREDENTIALS_SECRET_ARN"  # noqa: S105 -- a variable name
AWS_MEDIA_CREDENTIALS_SSM_PREFIX = "AWS_MEDIA_CREDENTIALS_SSM_PREFIX"
AWS_S3_ENDPOINT_URL = "AWS_S3_ENDPOINT_URL"
AWS_S3_CUSTOM_DOMAIN = "AWS_S3_CUSTOM_DOMAIN"
AWS_PRIVATE_S3_CUSTOM_DOMAIN = "AWS_PRIVATE_S3_CUSTOM_DOMAIN"
"""The private CloudFront distribution's domain: only ever used together with the signer below."""
AWS_CLOUDFRONT_KEY_ID = "AWS_CLOUDFRONT_KEY_ID"
AWS_CLOUDFRONT_KEY = "AWS_CLOUDFRONT_KEY"
AWS_DEFAULT_ACL = "AWS_DEFAULT_ACL"
"""django-storages' own name for the ACL its S3 backend uploads objects with.

Only the Spaces stack exports it, as `PUBLIC_READ_ACL`: a public Space has no bucket policy (a
limited-access Spaces key excludes one), so its objects are public by their own ACL. The Django
helper applies it to the public storage only. AWS buckets disable ACLs and R2 has none: those
stacks never export it."""

PUBLIC_READ_ACL = "public-read"
"""The one canned object ACL the helper accepts: anyone may read the object; the bucket stays unlisted."""
DEFAULT_STORAGE_DSN = "DEFAULT_STORAGE_DSN"
PRIVATE_STORAGE_DSN = "PRIVATE_STORAGE_DSN"

AWS_S3_FILE_OVERWRITE = "AWS_S3_FILE_OVERWRITE"
"""Not exported by the stack: the app may set it to `true` to let uploads replace files."""

AZURE_BACKEND = "azure"

FILESYSTEM_BACKEND = "filesystem"
"""Never exported by a stack: local development without a cloud or an emulator."""

MEDIA_STORAGE_ROOT = "MEDIA_STORAGE_ROOT"
"""With `MEDIA_STORAGE_BACKEND=filesystem`: the directory holding `public/` and `private/`."""

AZURE_ACCOUNT_NAME = "AZURE_ACCOUNT_NAME"
AZURE_CONTAINER = "AZURE_CONTAINER"
AZURE_PRIVATE_ACCOUNT_NAME = "AZURE_PRIVATE_ACCOUNT_NAME"
AZURE_PRIVATE_CONTAINER = "AZURE_PRIVATE_CONTAINER"
AZURE_URL_EXPIRATION_SECS = "AZURE_URL_EXPIRATION_SECS"
AZURE_ACCOUNT_KEY = "AZURE_ACCOUNT_KEY"
AZURE_CONNECTION_STRING = "AZURE_CONNECTION_STRING"
AZURE_PRIVATE_ACCOUNT_KEY = "AZURE_PRIVATE_ACCOUNT_KEY"
AZURE_PRIVATE_CONNECTION_STRING = "AZURE_PRIVATE_CONNECTION_STRING"
AZURE_CLIENT_ID = "AZURE_CLIENT_ID"
AZURE_CONNECTION_STRING_SECRET_URI = "AZURE_CONNECTION_STRING_SECRET_URI"  # noqa: S105 -- a variable name
AZURE_PRIVATE_CONNECTION_STRING_SECRET_URI = "AZURE_PRIVATE_CONNECTION_STRING_SECRET_URI"  # noqa: S105

AZURE_FEDERATED_TOKEN_FILE = "AZURE_FEDERATED_TOKEN_FILE"  # noqa: S105 -- a variable name
AZURE_TENANT_ID = "AZURE_TENANT_ID"
"""Never exported by a stack: AKS injects both into pods labelled `azure.workload.identity/use: "true"`."""
AZURE_CUSTOM_DOMAIN = "AZURE_CUSTOM_DOMAIN"

AZURE_OVERWRITE_FILES = "AZURE_OVERWRITE_FILES"
"""Not exported by the stack: the app may set it to `true` to let uploads replace files."""

SIGNATURE_VERSION = "s3v4"

URL_EXPIRY_MIN_SECONDS = 60
URL_EXPIRY_MAX_SECONDS = 604800
"""Limits of a signed link's lifetime: a minute, and 7 days (the SigV4 and SAS maximum).
The stack's `urlExpirySeconds` and the Django helper enforce the same range."""


class EnvVariable:
    """One variable of the contract, as documented in docs/env.md: its `name`, what the value
    is (`meaning`), when the stack exports it (`present`), and whether the value is a Pulumi
    secret in the `env` stack output (`secret`).

    A plain class, not a dataclass or named tuple: every Django process imports this module
    at start, and `dataclasses` (with `inspect`) or `typing` would cost it milliseconds."""

    __slots__ = ("meaning", "name", "present", "secret")

    def __init__(self, name: str, meaning: str, present: str, secret: bool = False) -> None:
        self.name = name
        self.meaning = meaning
        self.present = present
        self.secret = secret

    def __repr__(self) -> str:
        return f"EnvVariable({self.name!r}, secret={self.secret})"


AWS_VARIABLES: tuple[EnvVariable, ...] = (
    EnvVariable(MEDIA_STORAGE_BACKEND, f"`{S3_BACKEND}`", "always"),
    EnvVariable(AWS_STORAGE_BUCKET_NAME, "public-media bucket (Django's `default` storage)", "always"),
    EnvVariable(AWS_PRIVATE_STORAGE_BUCKET_NAME, "private-media bucket (the `private` storage)", "always"),
    EnvVariable(AWS_S3_REGION_NAME, "region of both buckets", "always"),
    EnvVariable(AWS_S3_SIGNATURE_VERSION, f"`{SIGNATURE_VERSION}`", "always"),
    EnvVariable(AWS_S3_ADDRESSING_STYLE, "`virtual`; `path` with `endpointUrl`", "always"),
    EnvVariable(AWS_QUERYSTRING_EXPIRE, "seconds a signed private link stays valid", "always"),
    EnvVariable(
        AWS_ACCESS_KEY_ID, "the app's access key id", "`credentials: key`, `keyDelivery` has `output`", secret=True
    ),
    EnvVariable(
        AWS_SECRET_ACCESS_KEY,
        "the app's secret access key",
        "`credentials: key`, `keyDelivery` has `output`",
        secret=True,
    ),
    EnvVariable(AWS_ROLE_ARN, "role the workload assumes (no keys are exported)", "`credentials: role`"),
    EnvVariable(
        AWS_MEDIA_CREDENTIALS_SECRET_ARN,
        "Secrets Manager secret holding the key (JSON with `AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY`), "
        "for the deploy tooling",
        "`keyDelivery` has `secretsManager`",
    ),
    EnvVariable(
        AWS_MEDIA_CREDENTIALS_SSM_PREFIX,
        "SSM path holding the SecureString parameters `<prefix>/AWS_ACCESS_KEY_ID` and "
        "`<prefix>/AWS_SECRET_ACCESS_KEY`, for the deploy tooling",
        "`keyDelivery` has `ssm`",
    ),
    EnvVariable(AWS_S3_ENDPOINT_URL, "S3 endpoint override (an emulator)", "`endpointUrl` set"),
    EnvVariable(
        AWS_S3_CUSTOM_DOMAIN,
        "domain serving public media (with `cdn`: `cdn.domain` or the distribution's `*.cloudfront.net` domain); "
        "never used for private media",
        "`customDomain` or `cdn` set",
    ),
    EnvVariable(
        AWS_PRIVATE_S3_CUSTOM_DOMAIN,
        "the private distribution's `*.cloudfront.net` domain; private links through it are always signed",
        "`cdn.privateDelivery`",
    ),
    EnvVariable(AWS_CLOUDFRONT_KEY_ID, "CloudFront public key id that signs private links", "`cdn.privateDelivery`"),
    EnvVariable(
        AWS_CLOUDFRONT_KEY,
        "PEM private key that signs private CloudFront links",
        "`cdn.privateDelivery`",
        secret=True,
    ),
    EnvVariable(
        DEFAULT_STORAGE_DSN,
        "public storage as a `django-storage-url` DSN",
        "`credentials: key`, `keyDelivery` has `output`, no `endpointUrl`",
        secret=True,
    ),
    EnvVariable(
        PRIVATE_STORAGE_DSN,
        "private storage as a `django-storage-url` DSN (signed links)",
        "`credentials: key`, `keyDelivery` has `output`, no `endpointUrl`",
        secret=True,
    ),
)
"""The AWS variables, in the order docs/env.md lists them."""

_AZURE_KEYS_OUT = "`credentials: key`, `keyDelivery` has `output`"

AZURE_VARIABLES: tuple[EnvVariable, ...] = (
    EnvVariable(MEDIA_STORAGE_BACKEND, f"`{AZURE_BACKEND}`", "always"),
    EnvVariable(AZURE_ACCOUNT_NAME, "public-media storage account (Django's `default` storage)", "always"),
    EnvVariable(AZURE_CONTAINER, "public-media container", "always"),
    EnvVariable(AZURE_PRIVATE_ACCOUNT_NAME, "private-media storage account (the `private` storage)", "always"),
    EnvVariable(AZURE_PRIVATE_CONTAINER, "private-media container", "always"),
    EnvVariable(AZURE_URL_EXPIRATION_SECS, "seconds a signed private link stays valid", "always"),
    EnvVariable(AZURE_ACCOUNT_KEY, "key of the public account", _AZURE_KEYS_OUT, secret=True),
    EnvVariable(AZURE_CONNECTION_STRING, "connection string of the public account", _AZURE_KEYS_OUT, secret=True),
    EnvVariable(AZURE_PRIVATE_ACCOUNT_KEY, "key of the private account", _AZURE_KEYS_OUT, secret=True),
    EnvVariable(
        AZURE_PRIVATE_CONNECTION_STRING,
        "connection string of the private account",
        _AZURE_KEYS_OUT,
        secret=True,
    ),
    EnvVariable(
        AZURE_CONNECTION_STRING_SECRET_URI,
        "Key Vault secret holding the public account's connection string, for the platform to inject as "
        f"`{AZURE_CONNECTION_STRING}`",
        "`keyDelivery` has `keyVault`",
    ),
    EnvVariable(
        AZURE_PRIVATE_CONNECTION_STRING_SECRET_URI,
        "Key Vault secret holding the private account's connection string, for the platform to inject as "
        f"`{AZURE_PRIVATE_CONNECTION_STRING}`",
        "`keyDelivery` has `keyVault`",
    ),
    EnvVariable(
        AZURE_CLIENT_ID,
        "client id of the app's managed identity (no keys); on AKS also the workload identity's",
        "`credentials: identity`",
    ),
    EnvVariable(
        AZURE_CUSTOM_DOMAIN,
        "domain serving public media (with `cdn`: `cdn.domain` or the Front Door endpoint's `*.azurefd.net` host); "
        "never used for private media",
        "`customDomain` or `cdn` set",
    ),
    EnvVariable(
        DEFAULT_STORAGE_DSN,
        "public storage as a `django-storage-url` DSN (no private DSN on Azure)",
        _AZURE_KEYS_OUT,
        secret=True,
    ),
)
"""The Azure variables, in the order docs/env.md lists them."""

R2_REGION = "auto"
"""R2's one S3 region name: "When using the S3 API, the region for an R2 bucket is `auto`"."""


def spaces_endpoint(region: str) -> str:
    """The S3 endpoint of a Spaces region (buckets are addressed as `BUCKET.REGION.digitaloceanspaces.com`)."""
    return f"https://{region}.digitaloceanspaces.com"


def r2_endpoint(account_id: str) -> str:
    """The S3 endpoint of a Cloudflare account's R2 buckets (default jurisdiction)."""
    return f"https://{account_id}.r2.cloudflarestorage.com"


_S3_COMPATIBLE_KEYS = (
    EnvVariable(AWS_ACCESS_KEY_ID, "the app's access key id", "always", secret=True),
    EnvVariable(AWS_SECRET_ACCESS_KEY, "the app's secret access key", "always", secret=True),
)

SPACES_VARIABLES: tuple[EnvVariable, ...] = (
    EnvVariable(MEDIA_STORAGE_BACKEND, f"`{S3_BACKEND}`", "always"),
    EnvVariable(AWS_STORAGE_BUCKET_NAME, "public-media Space (Django's `default` storage)", "always"),
    EnvVariable(AWS_PRIVATE_STORAGE_BUCKET_NAME, "private-media Space (the `private` storage)", "always"),
    EnvVariable(AWS_S3_REGION_NAME, "the Spaces region, e.g. `ams3`", "always"),
    EnvVariable(AWS_S3_ENDPOINT_URL, "`https://REGION.digitaloceanspaces.com`", "always"),
    EnvVariable(AWS_S3_SIGNATURE_VERSION, f"`{SIGNATURE_VERSION}`", "always"),
    EnvVariable(AWS_S3_ADDRESSING_STYLE, "`virtual` (`BUCKET.REGION.digitaloceanspaces.com`)", "always"),
    EnvVariable(AWS_QUERYSTRING_EXPIRE, "seconds a signed private link stays valid", "always"),
    *_S3_COMPATIBLE_KEYS,
    EnvVariable(
        AWS_DEFAULT_ACL,
        f"`{PUBLIC_READ_ACL}`: the ACL public media is uploaded with, which makes each object readable by "
        "anyone (the Space stays unlisted); never applied to private media",
        "always",
    ),
    EnvVariable(
        AWS_S3_CUSTOM_DOMAIN, "domain serving public media; never used for private media", "`customDomain` set"
    ),
)
"""The DigitalOcean Spaces variables: the AWS names, as django-storages' S3 backend reads them."""

R2_VARIABLES: tuple[EnvVariable, ...] = (
    EnvVariable(MEDIA_STORAGE_BACKEND, f"`{S3_BACKEND}`", "always"),
    EnvVariable(AWS_STORAGE_BUCKET_NAME, "public-media bucket (Django's `default` storage)", "always"),
    EnvVariable(AWS_PRIVATE_STORAGE_BUCKET_NAME, "private-media bucket (the `private` storage)", "always"),
    EnvVariable(AWS_S3_REGION_NAME, f"`{R2_REGION}`", "always"),
    EnvVariable(AWS_S3_ENDPOINT_URL, "`https://ACCOUNT_ID.r2.cloudflarestorage.com`", "always"),
    EnvVariable(AWS_S3_SIGNATURE_VERSION, f"`{SIGNATURE_VERSION}`", "always"),
    EnvVariable(AWS_S3_ADDRESSING_STYLE, "`path`", "always"),
    EnvVariable(AWS_QUERYSTRING_EXPIRE, "seconds a signed private link stays valid", "always"),
    *_S3_COMPATIBLE_KEYS,
    EnvVariable(
        AWS_S3_CUSTOM_DOMAIN,
        "public bucket's host: its r2.dev domain, or `customDomain`; never used for private media",
        "always",
    ),
)
"""The Cloudflare R2 variables: the AWS names, as django-storages' S3 backend reads them."""

APP_VARIABLES: tuple[EnvVariable, ...] = (
    EnvVariable(
        MEDIA_STORAGE_BACKEND,
        f"`{FILESYSTEM_BACKEND}`: both storages on local disk, for development only",
        "you set it instead of a stack's env",
    ),
    EnvVariable(
        MEDIA_STORAGE_ROOT,
        "absolute path of a directory; public files go to `public/`, private ones to `private/`",
        f"`MEDIA_STORAGE_BACKEND={FILESYSTEM_BACKEND}`",
    ),
    EnvVariable(
        AWS_S3_FILE_OVERWRITE,
        "`true` lets an upload replace a file of the same name (default `false`)",
        "optional, with `s3`",
    ),
    EnvVariable(
        AZURE_FEDERATED_TOKEN_FILE,
        "the pod's service account token; with it the helper uses `WorkloadIdentityCredential`",
        "injected by AKS workload identity",
    ),
    EnvVariable(
        AZURE_TENANT_ID,
        "the identity's Entra tenant, for `WorkloadIdentityCredential`",
        "injected by AKS workload identity",
    ),
    EnvVariable(
        AZURE_OVERWRITE_FILES,
        "`true` lets an upload replace a file of the same name (default `false`)",
        "optional, with `azure`",
    ),
)
"""Variables no stack exports that the Django helper reads: set by the app's operator."""
