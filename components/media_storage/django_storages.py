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
the custom domain), `easy_thumbnails` an alias of the public storage, and `staticfiles` is
Django's local static files storage unless you pass another. With an Azure managed identity
(`AZURE_CLIENT_ID` and no keys) the storages authenticate with `azure-identity`'s
`ManagedIdentityCredential`, imported only then.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from . import env_contract as env

S3_STORAGE = "storages.backends.s3.S3Storage"
AZURE_STORAGE = "storages.backends.azure_storage.AzureStorage"
STATICFILES_STORAGE = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}


class MediaStorageEnvError(ValueError):
    """The environment does not hold a valid media storage configuration."""


def storages_from_env(
    environ: Mapping[str, str] | None = None, *, staticfiles: Mapping[str, Any] | None = None
) -> dict[str, dict[str, Any]]:
    """Django's `STORAGES` setting for the media storage described by `environ`.

    `environ` defaults to `os.environ`; `staticfiles` replaces the `staticfiles` entry.
    Raises `MediaStorageEnvError` naming the variable when one is missing or malformed.
    """
    environ = os.environ if environ is None else environ
    backend = environ.get(env.MEDIA_STORAGE_BACKEND)
    if backend == env.S3_BACKEND:
        public, private = _s3_storages(environ)
    elif backend == env.AZURE_BACKEND:
        public, private = _azure_storages(environ)
    else:
        raise MediaStorageEnvError(
            f"{env.MEDIA_STORAGE_BACKEND} must be {env.S3_BACKEND!r} or {env.AZURE_BACKEND!r}; got {backend!r}"
        )
    return {
        "default": public,
        "private": private,
        "easy_thumbnails": dict(public, OPTIONS=dict(public["OPTIONS"])),
        "staticfiles": dict(staticfiles or STATICFILES_STORAGE),
    }


def _s3_storages(environ: Mapping[str, str]) -> tuple[dict[str, Any], dict[str, Any]]:
    common: dict[str, Any] = {
        "region_name": _required(environ, env.AWS_S3_REGION_NAME),
        "signature_version": environ.get(env.AWS_S3_SIGNATURE_VERSION, env.SIGNATURE_VERSION),
        "addressing_style": environ.get(env.AWS_S3_ADDRESSING_STYLE, "virtual"),
        # The buckets disable ACLs: sending one (django-storages' `public-read` of old) fails.
        "default_acl": None,
        # Parallel containers must not overwrite each other's uploads of the same name,
        # unless the app opts in (e.g. for deterministic keys such as avatars/<user id>.jpg).
        "file_overwrite": parse_bool(environ, env.AWS_S3_FILE_OVERWRITE, default=False),
    }
    if env.AWS_S3_ENDPOINT_URL in environ:
        common["endpoint_url"] = environ[env.AWS_S3_ENDPOINT_URL]
    if env.AWS_ACCESS_KEY_ID in environ or env.AWS_SECRET_ACCESS_KEY in environ:
        common["access_key"] = _required(environ, env.AWS_ACCESS_KEY_ID)
        common["secret_key"] = _required(environ, env.AWS_SECRET_ACCESS_KEY)
    # Otherwise boto3's default chain finds the role's credentials (ECS task role, IRSA).

    public = dict(
        common,
        bucket_name=_required(environ, env.AWS_STORAGE_BUCKET_NAME),
        querystring_auth=False,
    )
    if env.AWS_S3_CUSTOM_DOMAIN in environ:
        public["custom_domain"] = environ[env.AWS_S3_CUSTOM_DOMAIN]
    private = dict(
        common,
        bucket_name=_required(environ, env.AWS_PRIVATE_STORAGE_BUCKET_NAME),
        querystring_auth=True,
        querystring_expire=parse_int(environ, env.AWS_QUERYSTRING_EXPIRE, default=3600),
        # Explicit, so a project-wide AWS_S3_CUSTOM_DOMAIN setting cannot unsign private links.
        custom_domain=None,
    )
    return {"BACKEND": S3_STORAGE, "OPTIONS": public}, {"BACKEND": S3_STORAGE, "OPTIONS": private}


def _azure_storages(environ: Mapping[str, str]) -> tuple[dict[str, Any], dict[str, Any]]:
    overwrite = parse_bool(environ, env.AZURE_OVERWRITE_FILES, default=False)
    token_credential = None
    if env.AZURE_CLIENT_ID in environ and env.AZURE_CONNECTION_STRING not in environ:
        from azure.identity import ManagedIdentityCredential  # noqa: PLC0415 -- only the identity mode needs it

        token_credential = ManagedIdentityCredential(client_id=_required(environ, env.AZURE_CLIENT_ID))

    def storage(account: str, container: str, key: str, connection_string: str) -> dict[str, Any]:
        options: dict[str, Any] = {
            "account_name": _required(environ, account),
            "azure_container": _required(environ, container),
            "overwrite_files": overwrite,
        }
        if token_credential is not None:
            options["token_credential"] = token_credential
        else:
            # The connection string carries the endpoint too (an emulator's, in tests).
            options["connection_string"] = _required(environ, connection_string)
            options["account_key"] = _required(environ, key)
        return options

    public = storage(env.AZURE_ACCOUNT_NAME, env.AZURE_CONTAINER, env.AZURE_ACCOUNT_KEY, env.AZURE_CONNECTION_STRING)
    # Public URLs stay plain even if the project sets AZURE_URL_EXPIRATION_SECS globally.
    public["expiration_secs"] = None
    if env.AZURE_CUSTOM_DOMAIN in environ:
        public["custom_domain"] = environ[env.AZURE_CUSTOM_DOMAIN]
    private = storage(
        env.AZURE_PRIVATE_ACCOUNT_NAME,
        env.AZURE_PRIVATE_CONTAINER,
        env.AZURE_PRIVATE_ACCOUNT_KEY,
        env.AZURE_PRIVATE_CONNECTION_STRING,
    )
    private["expiration_secs"] = parse_int(environ, env.AZURE_URL_EXPIRATION_SECS, default=3600)
    private["custom_domain"] = None
    return {"BACKEND": AZURE_STORAGE, "OPTIONS": public}, {"BACKEND": AZURE_STORAGE, "OPTIONS": private}


def parse_int(environ: Mapping[str, str], name: str, *, default: int | None = None) -> int:
    """The integer value of `name` (digits only; `"1e3"`, `"3.5"` or `""` are errors)."""
    raw = environ.get(name)
    if raw is None:
        if default is None:
            raise MediaStorageEnvError(f"{name} is not set")
        return default
    text = raw.strip()
    if not text.isdigit():
        raise MediaStorageEnvError(f"{name} must be a whole number of seconds; got {raw!r}")
    return int(text)


def parse_bool(environ: Mapping[str, str], name: str, *, default: bool) -> bool:
    """The boolean value of `name`: `true`/`1`/`yes` or `false`/`0`/`no` (any case); else an error.

    Never `bool(raw)`: every non-empty string, `"False"` included, is truthy.
    """
    raw = environ.get(name)
    if raw is None:
        return default
    text = raw.strip().lower()
    if text in ("true", "1", "yes"):
        return True
    if text in ("false", "0", "no"):
        return False
    raise MediaStorageEnvError(f"{name} must be true or false; got {raw!r}")


def _required(environ: Mapping[str, str], name: str) -> str:
    value = environ.get(name, "")
    if not value:
        raise MediaStorageEnvError(f"{name} is not set")
    return value
