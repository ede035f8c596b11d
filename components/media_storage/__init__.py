"""media-storage: Pulumi components for Django media on AWS S3, Azure Blob Storage,
DigitalOcean Spaces and Cloudflare R2.

- `media_storage.aws`, `media_storage.azure`, `media_storage.digitalocean` and
  `media_storage.cloudflare`: the Pulumi components (`pip install "media-storage[aws]"`,
  `[azure]`, `[digitalocean]`, `[cloudflare]`, or `[pulumi]` for all).
- `media_storage.policies`: the CrossGuard policy pack and its offline check (`[policy]`).
- `media_storage.django_storages` and `media_storage.env_contract`: standard library only, so
  a Django app imports them with the plain install. This package therefore imports nothing eagerly.
"""

from __future__ import annotations

import importlib

TYPE_CHECKING = False  # `typing` only for type checkers: every Django process imports this at start
if TYPE_CHECKING:
    from typing import Any

__version__ = "0.2.0"
"""The one definition of the version: the wheel, the CLI and the policy pack read it."""

_EXPORTS = {
    "AwsMediaStorage": ("media_storage.aws", "aws"),
    "AwsMediaStorageArgs": ("media_storage.aws", "aws"),
    "AzureMediaStorage": ("media_storage.azure", "azure"),
    "AzureMediaStorageArgs": ("media_storage.azure", "azure"),
    "CloudflareMediaStorage": ("media_storage.cloudflare", "cloudflare"),
    "CloudflareMediaStorageArgs": ("media_storage.cloudflare", "cloudflare"),
    "DigitalOceanMediaStorage": ("media_storage.digitalocean", "digitalocean"),
    "DigitalOceanMediaStorageArgs": ("media_storage.digitalocean", "digitalocean"),
    "storages_from_env": ("media_storage.django_storages", None),
}

__all__ = [
    "AwsMediaStorage",
    "AwsMediaStorageArgs",
    "AzureMediaStorage",
    "AzureMediaStorageArgs",
    "CloudflareMediaStorage",
    "CloudflareMediaStorageArgs",
    "DigitalOceanMediaStorage",
    "DigitalOceanMediaStorageArgs",
    "__version__",
    "storages_from_env",
]


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'media_storage' has no attribute {name!r}")
    module, extra = _EXPORTS[name]
    try:
        return getattr(importlib.import_module(module), name)
    except ModuleNotFoundError as error:
        hint = f'install the {extra} extra: pip install "media-storage[{extra}]"'
        raise ImportError(f"media_storage.{name} needs {error.name!r}; {hint}") from error
