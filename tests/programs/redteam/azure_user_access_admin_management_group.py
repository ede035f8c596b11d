"""A literal principal is User Access Administrator of a management group, above the media's subscription."""

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
        "platform-uaa",
        principal_id="6a7b8c9d-0e1f-4a2b-9c3d-4e5f6a7b8c9d",
        role_definition_id="/providers/Microsoft.Authorization/roleDefinitions/18d7d88d-d35e-4fb5-a5c3-7773c20a72d9",
        scope="/providers/Microsoft.Management/managementGroups/corp",
    )
