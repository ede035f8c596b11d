"""media-storage: Pulumi components for Django media on AWS S3 and Azure Blob Storage.

The Pulumi components live in `components.aws` and `components.azure` (and need
`pip install "media-storage[pulumi]"`).
`components.env_contract` and `components.django_storages` use only the standard library, so a
Django app can import them without Pulumi; this package therefore imports nothing eagerly.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "AwsMediaStorage": "components.aws",
    "AwsMediaStorageArgs": "components.aws",
    "AzureMediaStorage": "components.azure",
    "AzureMediaStorageArgs": "components.azure",
    "storages_from_env": "components.django_storages",
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
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'components' has no attribute {name!r}")
    try:
        return getattr(importlib.import_module(module), name)
    except ModuleNotFoundError as error:
        raise ImportError(
            f'components.{name} needs {error.name!r}: install the Pulumi extra, pip install "media-storage[pulumi]"'
        ) from error
