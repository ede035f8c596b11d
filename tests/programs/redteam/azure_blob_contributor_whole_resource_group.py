"""The program's own worker identity gets Storage Blob Data Contributor on the whole resource group, not one account."""

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
    worker = azure_native.managedidentity.UserAssignedIdentity("worker", resource_group_name="rg")
    azure_native.authorization.RoleAssignment(
        "worker-blobs",
        principal_id=worker.principal_id,
        role_definition_id="/subscriptions/00000000-0000-4000-8000-000000000000/providers/Microsoft.Authorization/roleDefinitions/ba92f5b4-2d11-453d-a403-e96b0029c9fe",
        scope="/subscriptions/00000000-0000-4000-8000-000000000000/resourceGroups/rg",
    )
