"""Validated settings of the Azure component: what `media-storage:*` config means with `cloud: azure`.

Pure pydantic, no provider SDK: the stack config and the docs read these without importing
`pulumi_azure_native`.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, ValidationInfo, field_validator

from . import MediaStorageArgsBase, matching

READ_METHODS = ("GET", "HEAD")
UPLOAD_METHODS = ("PUT",)
EXPOSED_HEADERS = ("ETag", "Content-Length", "Content-Type", "Last-Modified")
"""What the CORS rule of an account allows and exposes (`browserUploads` adds the upload methods)."""

AzureCredentials = Literal["key", "identity"]
RedundancySku = Literal[
    "Standard_LRS", "Standard_ZRS", "Standard_GRS", "Standard_GZRS", "Standard_RAGRS", "Standard_RAGZRS"
]
ResourceGroupName = Annotated[
    str,
    matching(
        r"[-\w.()]{0,89}[-\w()]",
        "a resource group name: 1 to 90 letters, digits, -, _, ., ( or ), not ending in .",
    ),
]
Location = Annotated[str, matching(r"[a-z][a-z0-9]{2,39}", "an Azure region name such as westeurope")]

CORS_SIZE_LIMIT = 2048
"""Azure accepts at most 2 KiB of CORS rule text per service."""


class AzureMediaStorageArgs(MediaStorageArgsBase):
    """Arguments of `AzureMediaStorage`; the stack program fills them from `media-storage:*` config."""

    credentials: AzureCredentials = "key"
    """`key`: account keys and connection strings; `identity`: a managed identity, shared-key access off."""

    account_key_name: Literal["key1", "key2"] = "key1"
    """With `credentials: key`, which of the two account keys the env carries (switch to rotate)."""

    resource_group_name: ResourceGroupName | None = None
    """An existing resource group for the accounts; by default one named `{app}-{environment}-media` is created."""

    location: Location | None = None
    """Azure region; by default the provider's (the stack program passes `azure-native:location`)."""

    sku: RedundancySku = "Standard_ZRS"
    """Redundancy of both accounts (zone-redundant by default; use Standard_LRS where a region has no zones)."""

    soft_delete_days: int = Field(default=7, ge=1, le=365)
    """Days deleted blobs and containers stay recoverable (blob and container soft delete)."""

    @field_validator("cors_origins")
    @classmethod
    def _within_azure_cors_limits(cls, origins: tuple[str, ...]) -> tuple[str, ...]:
        too_long = [origin for origin in origins if len(origin) > 256]
        if too_long:
            raise ValueError(f"Azure allows origins of at most 256 characters: {', '.join(too_long)}")
        size = sum(map(len, origins)) + sum(map(len, READ_METHODS + UPLOAD_METHODS + EXPOSED_HEADERS)) + 1
        if size > CORS_SIZE_LIMIT:
            raise ValueError(f"together too long for Azure's {CORS_SIZE_LIMIT}-byte CORS limit ({size} bytes)")
        return origins

    @field_validator("account_key_name")
    @classmethod
    def _key_name_needs_keys(cls, key_name: str, info: ValidationInfo) -> str:
        if info.data.get("credentials") == "identity":
            raise ValueError("only applies with credentials: key (an identity has no keys)")
        return key_name
