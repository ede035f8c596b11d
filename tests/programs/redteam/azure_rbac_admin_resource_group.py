"""Role Based Access Control Administrator on the media resource group (written in lowercase): it can grant itself any data role."""

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
    deployer = azure_native.managedidentity.UserAssignedIdentity("deployer", resource_group_name="rg")
    azure_native.authorization.RoleAssignment(
        "deployer-rbac",
        principal_id=deployer.principal_id,
        role_definition_id="/subscriptions/00000000-0000-4000-8000-000000000000/providers/microsoft.authorization/roledefinitions/F58310D9-A9F6-439A-9E8D-F62E7B41A168",
        scope="/subscriptions/00000000-0000-4000-8000-000000000000/resourcegroups/RG",
    )
