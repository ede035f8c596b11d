"""Owner for a second identity at the subscription, written as Microsoft's examples write the scope:
`/subscriptions/<id>/` with a trailing slash, which ARM accepts and the pack used to read as no scope."""

import pulumi_azure_native as azure_native

SUBSCRIPTION = "/subscriptions/00000000-0000-4000-8000-000000000000"
OWNER = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635"


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
    ops = azure_native.managedidentity.UserAssignedIdentity("ops", resource_group_name="rg")
    azure_native.authorization.RoleAssignment(
        "ops-owner",
        principal_id=ops.principal_id,
        role_definition_id=f"{SUBSCRIPTION}/providers/Microsoft.Authorization/roleDefinitions/{OWNER}",
        scope=f"{SUBSCRIPTION}/",
    )
