"""The media identity itself made Owner of the subscription."""

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
        "app", resource_group_name="rg", tags={"media-storage:app": "shop"}
    )
    azure_native.authorization.RoleAssignment(
        "app-owner",
        principal_id=app.principal_id,
        role_definition_id="/subscriptions/00000000-0000-4000-8000-000000000000/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
        scope="/subscriptions/00000000-0000-4000-8000-000000000000",
    )
