"""One Azure storage account and container for media of one visibility."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pulumi
import pulumi_azure_native as azure_native

from ..component_args import require_args
from ..settings import Lifecycle, Visibility
from ..settings.azure import EXPOSED_HEADERS, READ_METHODS, UPLOAD_METHODS
from ..tags import checked_media_tags

PUBLIC_CONTAINER = "public-media"
PRIVATE_CONTAINER = "private-media"


@dataclass(frozen=True)
class MediaAccountArgs:
    """Arguments of a `MediaAccount`."""

    account_name: pulumi.Input[str]
    """The storage account's globally unique name (3 to 24 lowercase letters and digits)."""

    resource_group_name: pulumi.Input[str]
    """The resource group that holds the account."""

    visibility: Visibility
    """`public`: anyone may read blobs (not list them); `private`: no anonymous access at all."""

    tags: Mapping[str, str] | None = None
    """Tags of the account: `media-storage:app` and `media-storage:stack` (`media_tags(app, environment)`)
    are required; `media-storage:visibility` is derived from `visibility`."""

    sku: str = "Standard_ZRS"
    """Redundancy SKU of the account."""

    location: str | None = None
    """Azure region; by default the provider's."""

    shared_key_access: bool = True
    """Whether account keys (and SAS signed with them) work; off when the app uses a managed identity."""

    lifecycle: Lifecycle = field(default_factory=Lifecycle)
    """Lifecycle management rules (temporary prefix, tiering, old versions)."""

    versioning: bool = False
    """Keep previous versions of overwritten and deleted blobs."""

    soft_delete_days: int = 7
    """Days deleted blobs and containers stay recoverable."""

    cors_origins: Sequence[str] = ()
    """Origins allowed to load blobs with JavaScript; no CORS rule when empty."""

    browser_uploads: bool = False
    """Also allow PUT from `cors_origins` (direct uploads with SAS URLs)."""

    cors_max_age_seconds: int = 3600
    """How long browsers may cache a preflight answer."""

    protect: bool = True
    """Refuse to delete the account (`pulumi destroy` fails until protection is lifted)."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "tags", checked_media_tags("MediaAccountArgs", self.tags, self.visibility))


class MediaAccount(pulumi.ComponentResource):
    """A StorageV2 account with one media container.

    HTTPS only, TLS 1.2 at least, anonymous blob reads allowed only on a public account
    (and only through a `Blob`-level container: no listing), soft delete of blobs and
    containers, CORS for the app's origins, versioning and a lifecycle management policy.
    """

    account_name: pulumi.Output[str]
    """The storage account's name."""

    account_id: pulumi.Output[str]
    """The storage account's resource id (the scope of account-level role assignments)."""

    container_name: pulumi.Output[str]
    """The media container's name."""

    container_id: pulumi.Output[str]
    """The media container's resource id (the scope of the app's data role)."""

    account: azure_native.storage.StorageAccount
    """The storage account resource."""

    def __init__(self, name: str, args: MediaAccountArgs, opts: pulumi.ResourceOptions | None = None) -> None:
        require_args("MediaAccount", args, MediaAccountArgs)
        super().__init__("media-storage:azure:MediaAccount", name, None, opts)
        public = args.visibility == "public"
        child = pulumi.ResourceOptions(parent=self)
        location = {"location": args.location} if args.location else {}

        self.account = azure_native.storage.StorageAccount(
            f"{name}-account",
            account_name=args.account_name,
            resource_group_name=args.resource_group_name,
            kind="StorageV2",
            sku={"name": args.sku},
            access_tier="Hot",
            enable_https_traffic_only=True,
            minimum_tls_version="TLS1_2",
            allow_blob_public_access=public,
            allow_shared_key_access=args.shared_key_access,
            default_to_o_auth_authentication=not args.shared_key_access,
            allow_cross_tenant_replication=False,
            tags=dict(args.tags),
            **location,
            opts=pulumi.ResourceOptions.merge(child, pulumi.ResourceOptions(protect=args.protect or None)),
        )
        account_name = self.account.name
        after_account = pulumi.ResourceOptions.merge(child, pulumi.ResourceOptions(depends_on=[self.account]))

        azure_native.storage.BlobServiceProperties(
            f"{name}-blob-service",
            account_name=account_name,
            resource_group_name=args.resource_group_name,
            blob_services_name="default",
            cors={"cors_rules": cors_rules(args.cors_origins, args.browser_uploads, args.cors_max_age_seconds)},
            delete_retention_policy={"enabled": True, "days": args.soft_delete_days},
            container_delete_retention_policy={"enabled": True, "days": args.soft_delete_days},
            is_versioning_enabled=args.versioning,
            opts=after_account,
        )
        container_name = PUBLIC_CONTAINER if public else PRIVATE_CONTAINER
        container = azure_native.storage.BlobContainer(
            f"{name}-container",
            account_name=account_name,
            resource_group_name=args.resource_group_name,
            container_name=container_name,
            public_access="Blob" if public else "None",
            opts=after_account,
        )
        rules = management_policy_rules(args.lifecycle, container_name, versioning=args.versioning)
        if rules:
            azure_native.storage.ManagementPolicy(
                f"{name}-lifecycle",
                account_name=account_name,
                resource_group_name=args.resource_group_name,
                management_policy_name="default",
                policy={"rules": rules},
                opts=after_account,
            )

        self.account_name = account_name
        self.account_id = self.account.id
        self.container_name = container.name
        self.container_id = container.id
        self.register_outputs(
            {
                "account_name": self.account_name,
                "account_id": self.account_id,
                "container_name": self.container_name,
                "container_id": self.container_id,
            }
        )


def cors_rules(origins: Sequence[str], browser_uploads: bool, max_age_seconds: int) -> list[dict[str, Any]]:
    """The blob service CORS rules: one rule for all origins, none without origins."""
    if not origins:
        return []
    methods = READ_METHODS + (UPLOAD_METHODS if browser_uploads else ())
    return [
        {
            "allowed_origins": list(origins),
            "allowed_methods": list(methods),
            "allowed_headers": ["*"],
            "exposed_headers": list(EXPOSED_HEADERS),
            "max_age_in_seconds": max_age_seconds,
        }
    ]


def management_policy_rules(lifecycle: Lifecycle, container: str, *, versioning: bool) -> list[dict[str, Any]]:
    """The lifecycle management rules (input names of `ManagementPolicy`) for one container."""
    block_blobs = {"blob_types": ["blockBlob"], "prefix_match": [f"{container}/"]}
    rules: list[dict[str, Any]] = []
    if lifecycle.temporary_expiration_days:
        rules.append(
            _rule(
                "expire-temporary-blobs",
                {"blob_types": ["blockBlob"], "prefix_match": [f"{container}/{lifecycle.temporary_prefix}"]},
                {
                    "base_blob": {
                        "delete": {"days_after_modification_greater_than": lifecycle.temporary_expiration_days}
                    }
                },
            )
        )
    tiers = {}
    if lifecycle.infrequent_access_after_days:
        tiers["tier_to_cool"] = {"days_after_modification_greater_than": lifecycle.infrequent_access_after_days}
    if lifecycle.archive_after_days:
        tiers["tier_to_cold"] = {"days_after_modification_greater_than": lifecycle.archive_after_days}
    if tiers:
        rules.append(_rule("move-to-cheaper-tiers", block_blobs, {"base_blob": tiers}))
    if versioning:
        rules.append(
            _rule(
                "expire-old-versions",
                block_blobs,
                {
                    "version": {
                        "delete": {"days_after_creation_greater_than": lifecycle.noncurrent_version_expiration_days}
                    }
                },
            )
        )
    return rules


def _rule(name: str, filters: dict[str, Any], actions: dict[str, Any]) -> dict[str, Any]:
    return {"name": name, "enabled": True, "type": "Lifecycle", "definition": {"filters": filters, "actions": actions}}
