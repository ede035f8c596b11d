"""Website Contributor (a role the pack does not list) on the web app that runs as the media identity,
named by a literal resource id: it deploys code that acts as the app, and fails closed."""

import pulumi_azure_native as azure_native

SUBSCRIPTION = "/subscriptions/00000000-0000-4000-8000-000000000000"
IDENTITY = f"{SUBSCRIPTION}/resourceGroups/media/providers/Microsoft.ManagedIdentity/userAssignedIdentities/shop-media"


def program() -> None:
    azure_native.managedidentity.UserAssignedIdentity(
        "app", resource_name_="shop-media", resource_group_name="media", tags={"media-storage:app": "shop"}
    )
    azure_native.web.WebApp(
        "shop",
        name="shop-web",
        resource_group_name="web",
        server_farm_id=f"{SUBSCRIPTION}/resourceGroups/web/providers/Microsoft.Web/serverfarms/plan",
        identity={"type": "UserAssigned", "user_assigned_identities": {IDENTITY: {}}},
    )
    azure_native.authorization.RoleAssignment(
        "agency-deploys",
        principal_id="9d2e7c44-0f1a-4b6e-8c3d-5a7b9e1f2c3d",
        principal_type="Group",
        role_definition_id=f"{SUBSCRIPTION}/providers/Microsoft.Authorization/roleDefinitions/"
        "de139f84-1756-47ae-9be6-808fbbe84772",
        scope=f"{SUBSCRIPTION}/resourceGroups/web/providers/Microsoft.Web/sites/shop-web",
    )
