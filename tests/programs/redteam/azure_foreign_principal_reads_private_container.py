"""A literal principal id (not created by the program) gets Storage Blob Data Reader on the private container."""

import pulumi_azure_native as azure_native


def program() -> None:
    account = azure_native.storage.StorageAccount(
        "media",
        account_name="corpmedia",
        resource_group_name="rg",
        kind="StorageV2",
        sku={"name": "Standard_LRS"},
        allow_blob_public_access=False,
        enable_https_traffic_only=True,
        minimum_tls_version="TLS1_2",
    )
    container = azure_native.storage.BlobContainer(
        "uploads", account_name=account.name, resource_group_name="rg", container_name="uploads", public_access="None"
    )
    azure_native.authorization.RoleAssignment(
        "partner-reads",
        principal_id="9d2e7c44-0f1a-4b6e-8c3d-5a7b9e1f2c3d",
        principal_type="User",
        role_definition_id="/subscriptions/00000000-0000-4000-8000-000000000000/providers/Microsoft.Authorization/roleDefinitions/2a2b9908-6ea1-4ae2-8e65-a410df84e7d1",
        scope=container.id,
    )
