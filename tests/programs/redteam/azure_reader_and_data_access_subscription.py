"""A principal the program does not create gets Reader and Data Access on the subscription: a
reader in name, it lists the account keys of every account there, the media ones included."""

import pulumi_azure_native as azure_native


def program() -> None:
    azure_native.storage.StorageAccount(
        "media",
        account_name="corpmedia",
        resource_group_name="rg",
        kind="StorageV2",
        sku={"name": "Standard_LRS"},
        allow_blob_public_access=False,
        minimum_tls_version="TLS1_2",
    )
    azure_native.authorization.RoleAssignment(
        "auditor",
        principal_id="5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b",
        role_definition_id="/providers/Microsoft.Authorization/roleDefinitions/c12c1c16-33a1-487b-954d-41c89c60f349",
        scope="/subscriptions/00000000-0000-4000-8000-000000000000",
    )
