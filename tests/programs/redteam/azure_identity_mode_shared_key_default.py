"""Identity mode (a media identity with a data role) but the account leaves Shared Key access unset, which Azure takes as on."""

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
    app = azure_native.managedidentity.UserAssignedIdentity(
        "app", resource_group_name="rg", tags={"media-storage:app": "shop"}
    )
    azure_native.authorization.RoleAssignment(
        "app-blobs",
        principal_id=app.principal_id,
        role_definition_id="/subscriptions/00000000-0000-4000-8000-000000000000/providers/Microsoft.Authorization/roleDefinitions/ba92f5b4-2d11-453d-a403-e96b0029c9fe",
        scope=container.id,
    )
