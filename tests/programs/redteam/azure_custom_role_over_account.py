"""A custom role the program defines, assigned on the private account: the pack cannot tell what it allows."""

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
    reader = azure_native.managedidentity.UserAssignedIdentity("reader", resource_group_name="rg")
    custom = azure_native.authorization.RoleDefinition(
        "blob-peek",
        role_name="Blob peek",
        scope="/subscriptions/00000000-0000-4000-8000-000000000000",
        assignable_scopes=["/subscriptions/00000000-0000-4000-8000-000000000000"],
        permissions=[{"data_actions": ["Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read"]}],
    )
    azure_native.authorization.RoleAssignment(
        "reader-peek", principal_id=reader.principal_id, role_definition_id=custom.id, scope=account.id
    )
