"""Owner on the media resource group for a contractor, created with the generic resources.Resource
(namespace, type and a property bag) instead of authorization.RoleAssignment."""

import pulumi_azure_native as azure_native

SUBSCRIPTION = "/subscriptions/00000000-0000-4000-8000-000000000000"


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
    azure_native.resources.Resource(
        "contractor-owner",
        resource_group_name="rg",
        resource_provider_namespace="Microsoft.Authorization",
        parent_resource_path="",
        resource_type="roleAssignments",
        resource_name_="4f0d3c52-8b1e-4a7d-9c6f-2e5b8a1d7c90",
        api_version="2022-04-01",
        properties={
            "roleDefinitionId": f"{SUBSCRIPTION}/providers/Microsoft.Authorization/roleDefinitions/"
            "8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
            "principalId": "9d2e7c44-0f1a-4b6e-8c3d-5a7b9e1f2c3d",
        },
    )
