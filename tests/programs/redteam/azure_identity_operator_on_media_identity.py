"""A literal principal gets Managed Identity Operator on the media identity: it can attach it to its own VM and act as the app."""

import pulumi_azure_native as azure_native


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
        allow_shared_key_access=False,
    )
    app = azure_native.managedidentity.UserAssignedIdentity(
        "app", resource_name_="shop-media", resource_group_name="rg", tags={"media-storage:app": "shop"}
    )
    azure_native.authorization.RoleAssignment(
        "contractor-operates-app",
        principal_id="2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f",
        role_definition_id="/providers/Microsoft.Authorization/roleDefinitions/f1a07417-d97a-45cb-824c-7a7467783830",
        scope=app.id,
    )
