"""A literal principal id disguised as an output of the program's identity: computed through
`identity.principal_id.apply(...)`, so it depends on a principal the program creates, but its
value is another principal's, which gets Storage Blob Data Reader on the private container."""

import pulumi_azure_native as azure_native

PARTNER = "9d2e7c44-0f1a-4b6e-8c3d-5a7b9e1f2c3d"


def program() -> None:
    account = azure_native.storage.StorageAccount(
        "media",
        account_name="corpmedia",
        resource_group_name="rg",
        kind="StorageV2",
        sku={"name": "Standard_LRS"},
        allow_blob_public_access=False,
        allow_shared_key_access=False,
        enable_https_traffic_only=True,
        minimum_tls_version="TLS1_2",
    )
    container = azure_native.storage.BlobContainer(
        "uploads", account_name=account.name, resource_group_name="rg", container_name="uploads", public_access="None"
    )
    identity = azure_native.managedidentity.UserAssignedIdentity("app", resource_group_name="rg", resource_name_="app")
    azure_native.authorization.RoleAssignment(
        "app-reads",
        principal_id=identity.principal_id.apply(lambda _: PARTNER),
        principal_type="ServicePrincipal",
        role_definition_id="/subscriptions/00000000-0000-4000-8000-000000000000/providers/Microsoft.Authorization/roleDefinitions/2a2b9908-6ea1-4ae2-8e65-a410df84e7d1",
        scope=container.id,
    )
