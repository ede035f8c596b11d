"""Secure baseline, identity mode: raw resources for a private account the app reaches with a managed
identity only; a worker of the program reads the private container, a partner is allowlisted, the
cluster's service account is federated, temporary uploads expire early and old versions after 30 days."""

import pulumi
import pulumi_azure_native as azure_native

SUBSCRIPTION = "/subscriptions/00000000-0000-4000-8000-000000000000"
ROLES = f"{SUBSCRIPTION}/providers/Microsoft.Authorization/roleDefinitions"
BLOB_DATA_CONTRIBUTOR = "ba92f5b4-2d11-453d-a403-e96b0029c9fe"
BLOB_DATA_READER = "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1"
BLOB_DELEGATOR = "db58b8e5-c6ad-4a2a-8342-4190687cbf4a"
READER = "acdd72a7-3385-48ef-bd42-f606fba81ae7"


def program() -> None:
    group = azure_native.resources.ResourceGroup("group", resource_group_name="shop-media")
    account = azure_native.storage.StorageAccount(
        "private",
        account_name="shopprivate",
        resource_group_name=group.name,
        kind="StorageV2",
        sku={"name": "Standard_ZRS"},
        allow_blob_public_access=False,
        allow_shared_key_access=False,
        default_to_o_auth_authentication=True,
        allow_cross_tenant_replication=False,
        enable_https_traffic_only=True,
        minimum_tls_version="TLS1_2",
        sas_policy={"sas_expiration_period": "0.12:00:00", "expiration_action": "Block"},
        tags={"media-storage:app": "shop", "media-storage:visibility": "private"},
        opts=pulumi.ResourceOptions(protect=True),
    )
    azure_native.storage.BlobServiceProperties(
        "private-blobs",
        account_name=account.name,
        resource_group_name=group.name,
        blob_services_name="default",
        is_versioning_enabled=True,
        delete_retention_policy={"enabled": True, "days": 14},
        container_delete_retention_policy={"enabled": True, "days": 14},
    )
    container = azure_native.storage.BlobContainer(
        "private-media",
        account_name=account.name,
        resource_group_name=group.name,
        container_name="private-media",
        public_access="None",
    )
    azure_native.storage.ManagementPolicy(
        "private-lifecycle",
        account_name=account.name,
        resource_group_name=group.name,
        management_policy_name="default",
        policy={
            "rules": [
                {
                    "name": "expire-temporary-blobs",
                    "enabled": True,
                    "type": "Lifecycle",
                    "definition": {
                        "filters": {"blob_types": ["blockBlob"], "prefix_match": ["private-media/tmp/"]},
                        "actions": {"base_blob": {"delete": {"days_after_modification_greater_than": 1}}},
                    },
                },
                {
                    "name": "expire-old-versions",
                    "enabled": True,
                    "type": "Lifecycle",
                    "definition": {
                        "filters": {"blob_types": ["blockBlob"]},
                        "actions": {
                            "version": {"delete": {"days_after_creation_greater_than": 30}},
                            "base_blob": {"tier_to_cool": {"days_after_modification_greater_than": 1}},
                        },
                    },
                },
            ]
        },
    )
    app = azure_native.managedidentity.UserAssignedIdentity(
        "app", resource_name_="shop-media", resource_group_name=group.name, tags={"media-storage:app": "shop"}
    )
    for name, role, scope in (
        ("app-data", BLOB_DATA_CONTRIBUTOR, container.id),
        ("app-delegator", BLOB_DELEGATOR, account.id),
    ):
        azure_native.authorization.RoleAssignment(
            name, principal_id=app.principal_id, role_definition_id=f"{ROLES}/{role}", scope=scope
        )
    azure_native.managedidentity.FederatedIdentityCredential(
        "app-aks",
        resource_name_=app.name,
        resource_group_name=group.name,
        issuer="https://westeurope.oic.prod-aks.azure.com/tenant/cluster/",
        subject="system:serviceaccount:shop:web",
        audiences=["api://AzureADTokenExchange"],
    )
    # A worker of the program that only reads private media, and may look at the group's settings.
    worker = azure_native.managedidentity.UserAssignedIdentity("worker", resource_group_name=group.name)
    azure_native.authorization.RoleAssignment(
        "worker-reads",
        principal_id=worker.principal_id,
        role_definition_id=f"{ROLES}/{BLOB_DATA_READER}",
        scope=container.id,
    )
    azure_native.authorization.RoleAssignment(
        "worker-reader", principal_id=worker.principal_id, role_definition_id=f"{ROLES}/{READER}", scope=group.id
    )
    # The web app runs as the media identity; the worker may only read its settings.
    site = azure_native.web.WebApp(
        "shop",
        name="shop-web",
        resource_group_name=group.name,
        server_farm_id=f"{SUBSCRIPTION}/resourceGroups/shop-media/providers/Microsoft.Web/serverfarms/plan",
        identity={"type": "UserAssigned", "user_assigned_identities": app.id.apply(lambda i: {i: {}})},
    )
    azure_native.authorization.RoleAssignment(
        "worker-reads-site", principal_id=worker.principal_id, role_definition_id=f"{ROLES}/{READER}", scope=site.id
    )
    # The worker also reads the private container through a data share.
    azure_native.storage.DataShare(
        "worker-share",
        account_name=account.name,
        resource_group_name=group.name,
        properties={
            "access_policies": [
                {"principal_id": worker.principal_id, "tenant_id": worker.tenant_id, "permission": "Read"}
            ],
            "assets": [{"asset_path": "private-media/", "display_name": "media"}],
        },
    )
    # A partner's principal the program does not create, allowlisted in the policy config.
    azure_native.authorization.RoleAssignment(
        "partner-reads",
        principal_id="9d2e7c44-0f1a-4b6e-8c3d-5a7b9e1f2c3d",
        principal_type="ServicePrincipal",
        role_definition_id=f"{ROLES}/{BLOB_DATA_READER}",
        scope=container.id,
    )
