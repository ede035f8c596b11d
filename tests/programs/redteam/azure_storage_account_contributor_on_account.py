"""A second identity of the program gets Storage Account Contributor on the private account: it can list the keys."""

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
    ops = azure_native.managedidentity.UserAssignedIdentity("ops", resource_group_name="rg")
    azure_native.authorization.RoleAssignment(
        "ops-account",
        principal_id=ops.principal_id,
        role_definition_id="/providers/Microsoft.Authorization/roleDefinitions/17d1049b-9a84-46fb-8f53-869881c3d3ab",
        scope=account.id,
    )
