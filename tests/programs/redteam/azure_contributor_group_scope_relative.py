"""Contributor on the media resource group for a literal principal, the scope written without its
leading slash (`subscriptions/.../resourceGroups/rg`), which the provider accepts."""

import pulumi_azure_native as azure_native

CONTRIBUTOR = "b24988ac-6180-42a0-ab88-20f7382dd24c"


def program() -> None:
    azure_native.storage.StorageAccount(
        "media",
        account_name="corpmedia",
        resource_group_name="rg",
        kind="StorageV2",
        sku={"name": "Standard_LRS"},
        allow_blob_public_access=False,
        enable_https_traffic_only=True,
        minimum_tls_version="TLS1_2",
    )
    azure_native.authorization.RoleAssignment(
        "contractor",
        principal_id="9d2e7c44-0f1a-4b6e-8c3d-5a7b9e1f2c3d",
        principal_type="User",
        role_definition_id=CONTRIBUTOR,
        scope="subscriptions/00000000-0000-4000-8000-000000000000/resourceGroups/rg/",
    )
