"""Validated settings of the Azure component: what `media-storage:*` config means with `cloud: azure`.

Pure pydantic, no provider SDK: the stack config and the docs read these without importing
`pulumi_azure_native`.
"""

from __future__ import annotations

from typing import Annotated, Literal, get_args
from urllib.parse import urlsplit

from pydantic import AfterValidator, Field, ValidationInfo, field_validator

from . import (
    WORKLOAD_IDENTITIES_MAX,
    Hostname,
    KubernetesName,
    MediaStorageArgsBase,
    Model,
    checked_key_delivery,
    matching,
    one_or_several,
)

READ_METHODS = ("GET", "HEAD")
UPLOAD_METHODS = ("PUT",)
EXPOSED_HEADERS = ("ETag", "Content-Length", "Content-Type", "Last-Modified")
"""What the CORS rule of an account allows and exposes (`browserUploads` adds the upload methods)."""

AzureCredentials = Literal["key", "identity"]
AzureKeyDelivery = Literal["output", "keyVault"]

AKS_TOKEN_AUDIENCE = "api://AzureADTokenExchange"  # noqa: S105 -- an audience, not a secret
"""The audience of the service account tokens AKS workload identity exchanges for Entra tokens."""
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

KeyVaultId = Annotated[
    str,
    matching(
        r"/subscriptions/[0-9a-fA-F-]{36}/resourceGroups/[-\w.()]{1,90}"
        r"/providers/Microsoft\.KeyVault/vaults/[A-Za-z][A-Za-z0-9-]{1,22}[A-Za-z0-9]",
        "a Key Vault resource id such as "
        "/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.KeyVault/vaults/<name>",
    ),
]


def _check_issuer(issuer: str) -> str:
    parts = urlsplit(issuer)
    if (
        parts.scheme != "https"
        or not parts.hostname
        or parts.query
        or parts.fragment
        or parts.username is not None
        or any(c in issuer for c in "*? ")
    ):
        raise ValueError(
            "expected the cluster's OIDC issuer URL, https:// without wildcard, query or fragment "
            "(`az aks show --query oidcIssuerProfile.issuerUrl`)"
        )
    return issuer


OidcIssuer = Annotated[str, AfterValidator(_check_issuer)]


class AksWorkloadIdentity(Model):
    """One AKS service account whose pods act as the app's managed identity (a federated credential)."""

    issuer: OidcIssuer
    """The cluster's OIDC issuer URL, exactly as `az aks show --query oidcIssuerProfile.issuerUrl` prints it."""

    namespace: KubernetesName
    """Kubernetes namespace of the service account."""

    service_account: KubernetesName
    """Name of the Kubernetes service account the app's pods run as."""

    @property
    def subject(self) -> str:
        """The token subject AKS issues for the service account."""
        return f"system:serviceaccount:{self.namespace}:{self.service_account}"


CORS_SIZE_LIMIT = 2048
"""Azure accepts at most 2 KiB of CORS rule text per service."""


class AzureCdn(Model):
    """Azure Front Door Standard in front of the public-media account (`media-storage:cdn`: `true` or an object)."""

    domain: Hostname | None = None
    """Custom domain of the Front Door endpoint, e.g. `media.example.com`, with a managed certificate
    (validate it with the DNS TXT record Azure shows); by default the endpoint's `*.azurefd.net` host."""


class AzureMediaStorageArgs(MediaStorageArgsBase):
    """Arguments of `AzureMediaStorage`; the stack program fills them from `media-storage:*` config."""

    credentials: AzureCredentials = "key"
    """`key`: account keys and connection strings; `identity`: a managed identity, shared-key access off."""

    account_key_name: Literal["key1", "key2"] = "key1"
    """With `credentials: key`, which of the two account keys the env carries (switch to rotate)."""

    key_delivery: tuple[AzureKeyDelivery, ...] = ("output",)
    """With `credentials: key`, where the connection strings go: the `env` output and/or secrets in the Key Vault
    `keyVaultId` (e.g. `[keyVault]`: the env then carries the secret URIs, no keys)."""

    key_vault_id: KeyVaultId | None = Field(default=None, validate_default=True)
    """With `keyDelivery: [keyVault]`, the resource id of an existing vault; the deploying identity needs
    Key Vault Secrets Officer on it."""

    workload_identity: tuple[AksWorkloadIdentity, ...] = ()
    """With `credentials: identity`, AKS service accounts (`[{issuer, namespace, serviceAccount}, ...]`, at most 20)
    whose pods act as the identity."""

    resource_group_name: ResourceGroupName | None = None
    """An existing resource group for the accounts; by default one named `{app}-{environment}-media` is created."""

    location: Location | None = None
    """Azure region; by default the provider's (the stack program passes `azure-native:location`)."""

    sku: RedundancySku = "Standard_ZRS"
    """Redundancy of both accounts (zone-redundant by default; use Standard_LRS where a region has no zones)."""

    soft_delete_days: int = Field(default=7, ge=1, le=365)
    """Days deleted blobs and containers stay recoverable (blob and container soft delete)."""

    cdn: AzureCdn | None = None
    """Azure Front Door Standard in front of public media (`true` or an object; see `cdn.domain`); private
    media stays on blob SAS links."""

    @field_validator("cdn", mode="before")
    @classmethod
    def _cdn_on_or_off(cls, cdn: object) -> object:
        if cdn is True:
            return {}
        return None if cdn is False else cdn

    @field_validator("cdn")
    @classmethod
    def _one_public_domain(cls, cdn: AzureCdn | None, info: ValidationInfo) -> AzureCdn | None:
        if cdn is not None and info.data.get("custom_domain"):
            raise ValueError("with a CDN, set the public domain as cdn.domain, not customDomain")
        return cdn

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

    @field_validator("key_delivery", mode="before")
    @classmethod
    def _one_delivery_or_several(cls, delivery: object) -> object:
        return one_or_several(delivery)

    @field_validator("key_delivery")
    @classmethod
    def _key_delivery(cls, delivery: tuple[str, ...], info: ValidationInfo) -> tuple[str, ...]:
        places = get_args(AzureKeyDelivery)
        credentials = info.data.get("credentials")
        return checked_key_delivery(
            delivery, credentials, keyless="identity", keyless_note="an identity has no keys", places=places
        )

    @field_validator("workload_identity")
    @classmethod
    def _workload_identity(
        cls, workloads: tuple[AksWorkloadIdentity, ...], info: ValidationInfo
    ) -> tuple[AksWorkloadIdentity, ...]:
        if workloads and info.data.get("credentials") != "identity":
            raise ValueError("only applies with credentials: identity")
        subjects = [(w.issuer, w.subject) for w in workloads]
        if len(set(subjects)) != len(subjects):
            raise ValueError("each issuer, namespace and service account may be listed once")
        if len(workloads) > WORKLOAD_IDENTITIES_MAX:
            raise ValueError(
                f"list at most {WORKLOAD_IDENTITIES_MAX} service accounts: "
                "Azure allows 20 federated identity credentials per managed identity"
            )
        return workloads

    @field_validator("key_vault_id")
    @classmethod
    def _vault_for_key_vault_delivery(cls, vault_id: str | None, info: ValidationInfo) -> str | None:
        delivery = info.data.get("key_delivery")
        if delivery is None:
            return vault_id  # keyDelivery itself is invalid and reported
        if "keyVault" in delivery and vault_id is None:
            raise ValueError("keyDelivery keyVault needs keyVaultId, the resource id of an existing vault")
        if "keyVault" not in delivery and vault_id is not None:
            raise ValueError("only applies with keyDelivery keyVault")
        return vault_id
