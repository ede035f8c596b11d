"""An untagged managed identity the app runs as, made Owner of the whole subscription (which holds the media account)."""

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
    )
    worker = azure_native.managedidentity.UserAssignedIdentity(
        "worker", resource_name_="shop-worker", resource_group_name="rg"
    )
    azure_native.authorization.RoleAssignment(
        "worker-owner",
        principal_id=worker.principal_id,
        principal_type="ServicePrincipal",
        role_definition_id="/subscriptions/00000000-0000-4000-8000-000000000000/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
        scope="/subscriptions/00000000-0000-4000-8000-000000000000",
    )
