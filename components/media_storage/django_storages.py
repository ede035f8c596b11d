"""Django's `STORAGES` from the env contract, for django-storages.

Standard library only: a Django app imports this without Pulumi or any cloud SDK
(`pip install media-storage`, no extras), or copies this file and `env_contract.py`.

    # settings.py
    import os
    from media_storage.django_storages import storages_from_env

    STORAGES = storages_from_env(os.environ)

`MEDIA_STORAGE_BACKEND` (`s3` or `azure`) picks the backend. `default` is the public
storage (unsigned URLs, served to browsers), `private` the private one (every URL signed,
expiring after `AWS_QUERYSTRING_EXPIRE` / `AZURE_URL_EXPIRATION_SECS` seconds, never through
an unsigned custom domain: with `AWS_PRIVATE_S3_CUSTOM_DOMAIN`, `AWS_CLOUDFRONT_KEY_ID` and
`AWS_CLOUDFRONT_KEY` it links through the private CloudFront distribution, signed with that key),
`easy_thumbnails` an alias of the public storage, and `staticfiles` is
Django's local static files storage unless you pass another. With an Azure managed identity
(`AZURE_CLIENT_ID` and no keys) the storages authenticate with `azure-identity`, imported only
then: `WorkloadIdentityCredential` in an AKS pod with workload identity (AKS injects
`AZURE_FEDERATED_TOKEN_FILE` and `AZURE_TENANT_ID`), `ManagedIdentityCredential` elsewhere.

Keys kept in a secret store (`keyDelivery`) reach the app the way the platform injects secrets
(an ECS task definition's `secrets`, External Secrets, Key Vault references): as the usual
`AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY` or `AZURE_CONNECTION_STRING` variables. The helper
never reads a secret store itself.

On DigitalOcean Spaces the env also holds `AWS_DEFAULT_ACL=public-read`: the public storage
uploads with that object ACL (a public Space has no bucket policy, so an object is public only
by its ACL); the private storage never sends one. Any other value is an error.

`MEDIA_STORAGE_BACKEND=filesystem` with `MEDIA_STORAGE_ROOT` is for local development only:
both storages on local disk, the private one without any URL (see
`media_storage.django_filesystem`). Never in production: parallel containers do not share a
disk, and nothing checks who reads a file.

Every missing or malformed variable is reported in one `MediaStorageEnvError`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping

from . import env_contract as env

TYPE_CHECKING = False  # `typing` only for type checkers: every Django process imports this at start
if TYPE_CHECKING:
    from typing import Any

S3_STORAGE = "storages.backends.s3.S3Storage"
AZURE_STORAGE = "storages.backends.azure_storage.AzureStorage"
FILESYSTEM_STORAGE = "django.core.files.storage.FileSystemStorage"
PRIVATE_FILESYSTEM_STORAGE = "media_storage.django_filesystem.PrivateFileSystemStorage"
STATICFILES_STORAGE = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
BACKENDS = (env.S3_BACKEND, env.AZURE_BACKEND, env.FILESYSTEM_BACKEND)


class MediaStorageEnvError(ValueError):
    """The environment does not hold a valid media storage configuration.

    `problems` lists one line per missing or malformed variable, each starting with its name.
    """

    def __init__(self, problems: str | Iterable[str]) -> None:
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        count = f"{len(self.problems)} problem{'s' if len(self.problems) != 1 else ''}"
        super().__init__(f"invalid media storage env ({count}):\n" + "\n".join(f"  - {p}" for p in self.problems))


class EnvReader:
    """Reads variables from `environ`, collecting every problem instead of stopping at the first."""

    def __init__(self, environ: Mapping[str, str]) -> None:
        self.environ = environ
        self.problems: list[str] = []

    def required(self, name: str) -> str:
        """The value of `name`; a "not set" problem when it is missing or empty."""
        value = self.environ.get(name, "")
        if not value:
            self.problems.append(f"{name}: not set")
        return value

    def optional(self, name: str) -> str | None:
        """The value of `name`, or None when it is missing or empty."""
        return self.environ.get(name) or None

    def seconds(self, name: str, *, default: int, minimum: int, maximum: int) -> int:
        """A whole number of seconds from `minimum` to `maximum` (digits only: `1e3`, `3.5`, `-5` are errors)."""
        raw = self.environ.get(name)
        if raw is None:
            return default
        text = raw.strip()
        if not text.isdigit() or not minimum <= int(text) <= maximum:
            self.problems.append(f"{name}: expected a whole number of seconds from {minimum} to {maximum}; got {raw!r}")
            return default
        return int(text)

    def boolean(self, name: str, *, default: bool) -> bool:
        """`true`/`1`/`yes` or `false`/`0`/`no` (any case). Never `bool(raw)`: `"False"` is truthy."""
        raw = self.environ.get(name)
        if raw is None:
            return default
        text = raw.strip().lower()
        if text in ("true", "1", "yes"):
            return True
        if text in ("false", "0", "no"):
            return False
        self.problems.append(f"{name}: expected true or false; got {raw!r}")
        return default

    def raise_problems(self) -> None:
        """Raise one `MediaStorageEnvError` listing every problem found so far, if any."""
        if self.problems:
            raise MediaStorageEnvError(self.problems)


def storages_from_env(
    environ: Mapping[str, str] | None = None, *, staticfiles: Mapping[str, Any] | None = None
) -> dict[str, dict[str, Any]]:
    """Django's `STORAGES` setting for the media storage described by `environ`.

    `environ` defaults to `os.environ`; `staticfiles` replaces the `staticfiles` entry.
    Raises one `MediaStorageEnvError` listing every missing or malformed variable.
    """
    reader = EnvReader(os.environ if environ is None else environ)
    backend = reader.environ.get(env.MEDIA_STORAGE_BACKEND)
    if backend == env.S3_BACKEND:
        public, private = _s3_storages(reader)
    elif backend == env.AZURE_BACKEND:
        public, private = _azure_storages(reader)
    elif backend == env.FILESYSTEM_BACKEND:
        public, private = _filesystem_storages(reader)
    else:
        expected = ", ".join(BACKENDS[:-1]) + f" or {BACKENDS[-1]}"
        found = "not set" if not backend else f"expected {expected}; got {backend!r}"
        reader.problems.append(
            f"{env.MEDIA_STORAGE_BACKEND}: {found} (a stack's env sets {env.S3_BACKEND} or {env.AZURE_BACKEND}; "
            f"for local development set {env.FILESYSTEM_BACKEND} and {env.MEDIA_STORAGE_ROOT})"
        )
        public = private = {}
    reader.raise_problems()
    return {
        "default": public,
        "private": private,
        "easy_thumbnails": dict(public, OPTIONS=dict(public["OPTIONS"])),
        "staticfiles": dict(staticfiles or STATICFILES_STORAGE),
    }


def _link_lifetime(reader: EnvReader, name: str) -> int:
    return reader.seconds(name, default=3600, minimum=env.URL_EXPIRY_MIN_SECONDS, maximum=env.URL_EXPIRY_MAX_SECONDS)


def _s3_storages(reader: EnvReader) -> tuple[dict[str, Any], dict[str, Any]]:
    environ = reader.environ
    common: dict[str, Any] = {
        "region_name": reader.required(env.AWS_S3_REGION_NAME),
        "signature_version": environ.get(env.AWS_S3_SIGNATURE_VERSION, env.SIGNATURE_VERSION),
        "addressing_style": environ.get(env.AWS_S3_ADDRESSING_STYLE, "virtual"),
        # No object ACL unless the public storage sets one below: AWS buckets disable ACLs (sending
        # one fails), and a private object must never be made readable by its ACL.
        "default_acl": None,
        # Parallel containers must not overwrite each other's uploads of the same name,
        # unless the app opts in (e.g. for deterministic keys such as avatars/<user id>.jpg).
        "file_overwrite": reader.boolean(env.AWS_S3_FILE_OVERWRITE, default=False),
    }
    endpoint_url = reader.optional(env.AWS_S3_ENDPOINT_URL)
    if endpoint_url:
        common["endpoint_url"] = endpoint_url
    stores = [
        name for name in (env.AWS_MEDIA_CREDENTIALS_SECRET_ARN, env.AWS_MEDIA_CREDENTIALS_SSM_PREFIX) if name in environ
    ]
    if env.AWS_ACCESS_KEY_ID in environ or env.AWS_SECRET_ACCESS_KEY in environ:
        common["access_key"] = reader.required(env.AWS_ACCESS_KEY_ID)
        common["secret_key"] = reader.required(env.AWS_SECRET_ACCESS_KEY)
    elif stores:
        # Without the key, boto3 would fall back to whatever else it finds (a node's role): refuse.
        reader.problems.append(
            f"{env.AWS_ACCESS_KEY_ID}: not set; the stack keeps the app's key in the store {stores[0]} names: "
            f"inject {env.AWS_ACCESS_KEY_ID} and {env.AWS_SECRET_ACCESS_KEY} from it (e.g. an ECS task "
            "definition's secrets, External Secrets)"
        )
    # Otherwise boto3's default chain finds the role's credentials (ECS task role, IRSA, EKS Pod Identity).

    public = dict(
        common,
        bucket_name=reader.required(env.AWS_STORAGE_BUCKET_NAME),
        querystring_auth=False,
        default_acl=_public_object_acl(reader),
    )
    custom_domain = reader.optional(env.AWS_S3_CUSTOM_DOMAIN)
    if custom_domain:
        public["custom_domain"] = custom_domain
    # Public links are never CloudFront-signed, even if the project sets AWS_CLOUDFRONT_KEY_ID globally.
    public["cloudfront_signer"] = None
    private = dict(
        common,
        bucket_name=reader.required(env.AWS_PRIVATE_STORAGE_BUCKET_NAME),
        querystring_auth=True,
        querystring_expire=_link_lifetime(reader, env.AWS_QUERYSTRING_EXPIRE),
        # Explicit too: whatever AWS_DEFAULT_ACL says, private objects are uploaded without an ACL.
        default_acl=None,
    )
    private.update(_private_delivery(reader))
    return {"BACKEND": S3_STORAGE, "OPTIONS": public}, {"BACKEND": S3_STORAGE, "OPTIONS": private}


def _private_delivery(reader: EnvReader) -> dict[str, Any]:
    """How private links are made: S3-signed by default; through the private CloudFront distribution,
    signed with its key, when the env has the distribution's domain and the key (`cdn.privateDelivery`).

    Never an unsigned custom domain: django-storages signs CloudFront links only through a custom
    domain and, without a signer, would hand out plain links through it. So the domain comes with
    the key id and the key, or not at all."""
    cloudfront = (env.AWS_PRIVATE_S3_CUSTOM_DOMAIN, env.AWS_CLOUDFRONT_KEY_ID, env.AWS_CLOUDFRONT_KEY)
    present = [name for name in cloudfront if reader.optional(name)]
    if not present:
        # Explicit, so project-wide AWS_S3_CUSTOM_DOMAIN or AWS_CLOUDFRONT_* settings cannot unsign private links.
        return {"custom_domain": None, "cloudfront_signer": None}
    missing = [name for name in cloudfront if name not in present]
    if missing:
        reader.problems.extend(
            f"{name}: not set; private links through CloudFront need {', '.join(cloudfront)} together "
            "(a private custom domain is never used without its signing key)"
            for name in missing
        )
        return {"custom_domain": None, "cloudfront_signer": None}
    key = reader.environ[env.AWS_CLOUDFRONT_KEY]
    if "PRIVATE KEY-----" not in key:
        reader.problems.append(
            f"{env.AWS_CLOUDFRONT_KEY}: expected a PEM private key (-----BEGIN ... PRIVATE KEY-----)"
        )
    domain = reader.environ[env.AWS_PRIVATE_S3_CUSTOM_DOMAIN]
    if "/" in domain or ":" in domain:
        reader.problems.append(
            f"{env.AWS_PRIVATE_S3_CUSTOM_DOMAIN}: expected a bare domain such as d111111abcdef8.cloudfront.net; "
            f"got {domain!r}"
        )
    # django-storages builds the signer from the key id and the key (cloudfront_signer left to it).
    return {
        "custom_domain": domain,
        "cloudfront_key_id": reader.environ[env.AWS_CLOUDFRONT_KEY_ID],
        "cloudfront_key": key,
    }


def _public_object_acl(reader: EnvReader) -> str | None:
    """The public storage's object ACL: `public-read` (Spaces), or None when the variable is absent."""
    raw = reader.environ.get(env.AWS_DEFAULT_ACL)
    if raw is None or raw == env.PUBLIC_READ_ACL:
        return raw
    reader.problems.append(
        f"{env.AWS_DEFAULT_ACL}: expected {env.PUBLIC_READ_ACL} (the object ACL of public media on DigitalOcean "
        f"Spaces) or unset; got {raw!r}"
    )
    return None


def _azure_storages(reader: EnvReader) -> tuple[dict[str, Any], dict[str, Any]]:
    environ = reader.environ
    overwrite = reader.boolean(env.AZURE_OVERWRITE_FILES, default=False)
    identity_mode = env.AZURE_CLIENT_ID in environ and env.AZURE_CONNECTION_STRING not in environ
    token_credential = _managed_identity(reader) if identity_mode else None

    def storage(account: str, container: str, key: str, connection_string: str) -> dict[str, Any]:
        options: dict[str, Any] = {
            "account_name": reader.required(account),
            "azure_container": reader.required(container),
            "overwrite_files": overwrite,
        }
        if identity_mode:
            options["token_credential"] = token_credential
            return options
        vault_uri = {
            env.AZURE_CONNECTION_STRING: env.AZURE_CONNECTION_STRING_SECRET_URI,
            env.AZURE_PRIVATE_CONNECTION_STRING: env.AZURE_PRIVATE_CONNECTION_STRING_SECRET_URI,
        }[connection_string]
        if not environ.get(connection_string) and environ.get(vault_uri):
            reader.problems.append(
                f"{connection_string}: not set; the stack keeps it in the Key Vault secret {vault_uri} names: "
                "inject it from there (e.g. an App Service or Container Apps Key Vault reference)"
            )
            return options
        # The connection string carries the endpoint too (an emulator's, in tests), and the account key,
        # which django-storages takes from it when the key is not given on its own.
        options["connection_string"] = reader.required(connection_string)
        options["account_key"] = reader.optional(key)
        return options

    public = storage(env.AZURE_ACCOUNT_NAME, env.AZURE_CONTAINER, env.AZURE_ACCOUNT_KEY, env.AZURE_CONNECTION_STRING)
    # Public URLs stay plain even if the project sets AZURE_URL_EXPIRATION_SECS globally.
    public["expiration_secs"] = None
    custom_domain = reader.optional(env.AZURE_CUSTOM_DOMAIN)
    if custom_domain:
        public["custom_domain"] = custom_domain
    private = storage(
        env.AZURE_PRIVATE_ACCOUNT_NAME,
        env.AZURE_PRIVATE_CONTAINER,
        env.AZURE_PRIVATE_ACCOUNT_KEY,
        env.AZURE_PRIVATE_CONNECTION_STRING,
    )
    private["expiration_secs"] = _link_lifetime(reader, env.AZURE_URL_EXPIRATION_SECS)
    private["custom_domain"] = None
    return {"BACKEND": AZURE_STORAGE, "OPTIONS": public}, {"BACKEND": AZURE_STORAGE, "OPTIONS": private}


def _managed_identity(reader: EnvReader) -> Any:
    client_id = reader.required(env.AZURE_CLIENT_ID)
    token_file = reader.optional(env.AZURE_FEDERATED_TOKEN_FILE)
    # AKS injects the token file and the tenant into pods that use workload identity.
    tenant_id = reader.required(env.AZURE_TENANT_ID) if token_file else None
    try:
        # Only the identity mode needs azure-identity.
        from azure.identity import ManagedIdentityCredential, WorkloadIdentityCredential  # noqa: PLC0415
    except ModuleNotFoundError:
        reader.problems.append(
            f"{env.AZURE_CLIENT_ID}: a managed identity needs the azure-identity package; "
            'pip install azure-identity (or "django-storages[azure]" azure-identity)'
        )
        return None
    if token_file:
        if not tenant_id:
            return None
        return WorkloadIdentityCredential(tenant_id=tenant_id, client_id=client_id, token_file_path=token_file)
    return ManagedIdentityCredential(client_id=client_id)


def _filesystem_storages(reader: EnvReader) -> tuple[dict[str, Any], dict[str, Any]]:
    root = reader.required(env.MEDIA_STORAGE_ROOT)
    if root and not os.path.isabs(root):
        reader.problems.append(f"{env.MEDIA_STORAGE_ROOT}: expected an absolute path; got {root!r}")
    # Public files are served from MEDIA_URL (Django's default base_url); private files live
    # in a sibling directory that no URL leads to.
    public = {"BACKEND": FILESYSTEM_STORAGE, "OPTIONS": {"location": os.path.join(root, "public")}}
    private = {"BACKEND": PRIVATE_FILESYSTEM_STORAGE, "OPTIONS": {"location": os.path.join(root, "private")}}
    return public, private


def parse_int(environ: Mapping[str, str], name: str, *, default: int | None = None) -> int:
    """The integer value of `name` (digits only; `"1e3"`, `"3.5"` or `""` are errors)."""
    raw = environ.get(name)
    if raw is None:
        if default is None:
            raise MediaStorageEnvError([f"{name}: not set"])
        return default
    text = raw.strip()
    if not text.isdigit():
        raise MediaStorageEnvError([f"{name}: expected a whole number; got {raw!r}"])
    return int(text)


def parse_bool(environ: Mapping[str, str], name: str, *, default: bool) -> bool:
    """The boolean value of `name`: `true`/`1`/`yes` or `false`/`0`/`no` (any case); else an error."""
    reader = EnvReader(environ)
    value = reader.boolean(name, default=default)
    reader.raise_problems()
    return value
