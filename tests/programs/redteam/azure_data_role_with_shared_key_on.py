"""No tagged identity, but the program grants its worker a blob data role on the account and leaves Shared Key on (args classes)."""

import pulumi_azure_native as azure_native


def program() -> None:
    account = azure_native.storage.StorageAccount(
        "media",
        azure_native.storage.StorageAccountArgs(
            account_name="corpmedia",
            resource_group_name="rg",
            kind="StorageV2",
            sku=azure_native.storage.SkuArgs(name="Standard_LRS"),
            allow_blob_public_access=False,
            minimum_tls_version="TLS1_2",
            allow_shared_key_access=True,
        ),
    )
    worker = azure_native.managedidentity.UserAssignedIdentity("worker", resource_group_name="rg")
    azure_native.authorization.RoleAssignment(
        "worker-blobs",
        azure_native.authorization.RoleAssignmentArgs(
            principal_id=worker.principal_id,
            role_definition_id="/subscriptions/00000000-0000-4000-8000-000000000000/providers/Microsoft.Authorization/roleDefinitions/ba92f5b4-2d11-453d-a403-e96b0029c9fe",
            scope=account.id,
        ),
    )
