"""An untagged identity made Contributor of the resource group that holds the media account (args classes, scope from the group)."""

import pulumi_azure_native as azure_native


def program() -> None:
    group = azure_native.resources.ResourceGroup("group", resource_group_name="shop-media")
    azure_native.storage.StorageAccount(
        "media",
        azure_native.storage.StorageAccountArgs(
            account_name="corpmedia",
            resource_group_name=group.name,
            kind="StorageV2",
            sku=azure_native.storage.SkuArgs(name="Standard_LRS"),
            allow_blob_public_access=False,
            minimum_tls_version="TLS1_2",
        ),
    )
    worker = azure_native.managedidentity.UserAssignedIdentity(
        "worker", azure_native.managedidentity.UserAssignedIdentityArgs(resource_group_name=group.name)
    )
    azure_native.authorization.RoleAssignment(
        "worker-contributor",
        azure_native.authorization.RoleAssignmentArgs(
            principal_id=worker.principal_id,
            role_definition_id="/subscriptions/00000000-0000-4000-8000-000000000000/providers/Microsoft.Authorization/roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c",
            scope=group.id,
        ),
    )
