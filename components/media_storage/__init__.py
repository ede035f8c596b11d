"""media-storage: Pulumi components for Django media on AWS S3 and Azure Blob Storage.

- `media_storage.aws` and `media_storage.azure`: the Pulumi components
  (`pip install "media-storage[aws]"`, `[azure]`, or `[pulumi]` for both).
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
    "storages_from_env": ("media_storage.django_storages", None),
}

__all__ = [
    "AwsMediaStorage",
    "AwsMediaStorageArgs",
    "AzureMediaStorage",
    "AzureMediaStorageArgs",
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
