"""A group named by a literal object id gets Storage Blob Data Owner on the private account (args classes)."""

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
    azure_native.authorization.RoleAssignment(
        "admins-own-blobs",
        azure_native.authorization.RoleAssignmentArgs(
            principal_id="0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e",
            principal_type=azure_native.authorization.PrincipalType.GROUP,
            role_definition_id="/providers/Microsoft.Authorization/roleDefinitions/b7e6dc6d-f1e8-4753-8033-0f276bb0955b",
            scope=account.id,
        ),
    )
