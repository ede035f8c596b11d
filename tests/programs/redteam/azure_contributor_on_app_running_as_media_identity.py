"""Contributor on the web app that runs as the media identity, for a contractor: they deploy their
own code to the app, and it reads and writes the private media as the app does."""

import pulumi_azure_native as azure_native

SUBSCRIPTION = "/subscriptions/00000000-0000-4000-8000-000000000000"
ROLES = f"{SUBSCRIPTION}/providers/Microsoft.Authorization/roleDefinitions"


def program() -> None:
    account = azure_native.storage.StorageAccount(
        "media",
        account_name="corpmedia",
        resource_group_name="media",
        kind="StorageV2",
        sku={"name": "Standard_LRS"},
        allow_blob_public_access=False,
        allow_shared_key_access=False,
        enable_https_traffic_only=True,
        minimum_tls_version="TLS1_2",
    )
    container = azure_native.storage.BlobContainer(
        "private-media", account_name=account.name, resource_group_name="media", container_name="private-media"
    )
    app = azure_native.managedidentity.UserAssignedIdentity(
        "app", resource_name_="shop-media", resource_group_name="media", tags={"media-storage:app": "shop"}
    )
    azure_native.authorization.RoleAssignment(
        "app-data",
        principal_id=app.principal_id,
        role_definition_id=f"{ROLES}/ba92f5b4-2d11-453d-a403-e96b0029c9fe",
        scope=container.id,
    )
    site = azure_native.web.WebApp(
        "shop",
        name="shop-web",
        resource_group_name="web",
        server_farm_id="/subscriptions/00000000-0000-4000-8000-000000000000/resourceGroups/web/providers/"
        "Microsoft.Web/serverfarms/plan",
        identity={"type": "UserAssigned", "user_assigned_identities": app.id.apply(lambda i: {i: {}})},
    )
    azure_native.authorization.RoleAssignment(
        "contractor-deploys",
        principal_id="9d2e7c44-0f1a-4b6e-8c3d-5a7b9e1f2c3d",
        principal_type="User",
        role_definition_id=f"{ROLES}/b24988ac-6180-42a0-ab88-20f7382dd24c",
        scope=site.id,
    )
