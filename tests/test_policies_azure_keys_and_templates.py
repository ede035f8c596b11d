"""The Azure red-team review's second pass: role scopes as ARM reads them, PIM eligibilities, data
shares, customer-managed keys outside the program, and media made by generic resources or templates."""

from __future__ import annotations

import pulumi_azure_native as azure_native
import pytest
from media_storage.policies import azure_templates
from media_storage.policies.azure_identity import normal_scope

from .policy_support import PUBLIC, SUBSCRIPTION, account, check, found, only

ROLES = "azure-role-assignments-over-media"
KEYS = "azure-encryption-key-own-vault"
TYPED = "azure-media-resources-typed"
OWNER = f"{SUBSCRIPTION}/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635"
STRANGER = "9d2e7c44-0f1a-4b6e-8c3d-5a7b9e1f2c3d"


def test_name_and_level_of_the_typed_resources_policy():
    assert [(p.name, p.enforcement_level.value) for p in azure_templates.POLICIES] == [(TYPED, "mandatory")]


@pytest.mark.parametrize(
    ("scope", "normal"),
    [
        (f"{SUBSCRIPTION}/", SUBSCRIPTION),
        (SUBSCRIPTION[1:] + "/resourceGroups/rg/", f"{SUBSCRIPTION}/resourceGroups/rg"),
        (f"{SUBSCRIPTION}//resourceGroups/rg", f"{SUBSCRIPTION}/resourceGroups/rg"),
        ("/", "/"),
    ],
)
def test_scopes_are_read_as_arm_reads_them(scope, normal):
    assert normal_scope(scope) == normal


@pytest.mark.parametrize("grant", ["assignment", "eligibility"])
@pytest.mark.parametrize(
    "scope", [f"{SUBSCRIPTION}/", "subscriptions/00000000-0000-4000-8000-000000000000/resourceGroups/rg/"]
)
def test_owner_over_media_fails_whatever_the_scope_shape_or_grant(grant, scope):
    def program():
        account()
        kind = (
            azure_native.authorization.RoleAssignment
            if grant == "assignment"
            else (azure_native.authorization.PimRoleEligibilitySchedule)
        )
        kind("owner", principal_id=STRANGER, role_definition_id=OWNER, scope=scope)

    [violation] = only(check(program, preview=True), ROLES, "mandatory")
    assert "8e3af657-a8ff-443c-a75c-2fe8c4bcb635 (Owner)" in violation.message


def data_share(principal_of, tags=None):
    def program():
        target = account(tags=tags, allow_shared_key_access=False)
        worker = azure_native.managedidentity.UserAssignedIdentity("worker", resource_group_name="rg")
        azure_native.storage.DataShare(
            "share",
            account_name=target.name,
            resource_group_name="rg",
            properties={
                "access_policies": [{"principal_id": principal_of(worker), "tenant_id": "t", "permission": "Read"}]
            },
        )

    return program


def test_data_shares_of_private_media_only_with_principals_of_the_program():
    [violation] = only(check(data_share(lambda _: STRANGER)), ROLES, "mandatory")
    assert STRANGER in violation.message and "allowedPrincipals" in violation.message
    assert not found(check(data_share(lambda worker: worker.principal_id)), ROLES)
    assert not found(check(data_share(lambda _: STRANGER), config={ROLES: {"allowedPrincipals": [STRANGER]}}), ROLES)
    assert not found(check(data_share(lambda _: STRANGER, tags=PUBLIC)), ROLES)


def keyed(uri, *, tags=None, vault_name=None, federated=None):
    def program():
        if vault_name:
            azure_native.keyvault.Vault(
                "keys",
                vault_name=vault_name,
                resource_group_name="rg",
                properties={"tenant_id": "t", "sku": {"family": "A", "name": "standard"}},
            )
        encryption = {
            "key_source": "Microsoft.Keyvault",
            "key_vault_properties": {"key_name": "k", "key_vault_uri": uri},
        }
        if federated:
            encryption["encryption_identity"] = {"encryption_federated_identity_client_id": federated}
        account(tags=tags, encryption=encryption)

    return program


def test_customer_managed_keys_come_from_the_programs_vaults():
    [violation] = only(check(keyed("https://vendor.vault.azure.net/"), preview=True), KEYS, "mandatory")
    assert "'vendor'" in violation.message and "allowedKeyVaults" in violation.message
    assert not found(check(keyed("https://corpkeys.vault.azure.net/", vault_name="CorpKeys")), KEYS)
    assert not found(
        check(keyed("https://vendor.vault.azure.net/"), config={KEYS: {"allowedKeyVaults": ["vendor"]}}), KEYS
    )
    assert not found(check(keyed("https://vendor.vault.azure.net/", tags=PUBLIC)), KEYS)
    only(check(keyed("https://corpkeys.vault.azure.net/", vault_name="corpkeys", federated="c")), KEYS, "mandatory")
    only(check(keyed("ftp://keys.example.com/")), KEYS, "mandatory")


@pytest.mark.parametrize(
    ("template", "fails"),
    [
        ({"resources": [{"type": "Microsoft.Storage/storageAccounts", "name": "x"}]}, True),
        ({"resources": {"acct": {"type": "microsoft.managedidentity/userAssignedIdentities"}}}, True),
        (
            {
                "resources": [
                    {"type": "Microsoft.Web/sites", "resources": [{"type": "Microsoft.Authorization/roleAssignments"}]}
                ]
            },
            True,
        ),
        ({"resources": [{"type": "[variables('kind')]"}]}, True),
        ({"resources": [{"type": "Microsoft.Web/serverfarms", "name": "plan"}]}, False),
        ('{"resources": [{"type": "Microsoft.Storage/storageAccounts"}]}', True),
    ],
)
def test_templates_that_make_media_fail_closed(template, fails):
    def program():
        azure_native.resources.Deployment(
            "arm", resource_group_name="rg", properties={"mode": "Incremental", "template": template}
        )

    assert bool(found(check(program), TYPED)) is fails


def test_linked_templates_and_generic_storage_resources_fail_closed():
    def program():
        azure_native.resources.DeploymentAtSubscriptionScope(
            "linked", properties={"mode": "Incremental", "template_link": {"uri": "https://example.com/t.json"}}
        )
        azure_native.resources.Resource(
            "raw",
            resource_group_name="rg",
            resource_provider_namespace="Microsoft.Storage",
            parent_resource_path="",
            resource_type="storageAccounts",
            api_version="2023-05-01",
        )

    violations = only(check(program, preview=True), TYPED, "mandatory")
    assert sorted(v.message.split()[0] for v in violations) == ["Generic", "Template"]


def storage_task(operations, *, declared=True):
    def program():
        target = account()
        task_id = "/subscriptions/x/resourceGroups/y/providers/Microsoft.StorageActions/storageTasks/elsewhere"
        if declared:
            task = azure_native.storageactions.StorageTask(
                "task",
                resource_group_name="rg",
                description="d",
                enabled=True,
                identity={"type": "SystemAssigned"},
                action={"if_": {"condition": "[[true]]", "operations": [{"name": n} for n in operations]}},
            )
            task_id = task.id
        azure_native.storage.StorageTaskAssignment(
            "assignment",
            account_name=target.name,
            resource_group_name="rg",
            properties={"task_id": task_id, "enabled": True, "description": "d", "execution_context": {}, "report": {}},
        )

    return program


def test_storage_tasks_on_private_accounts_may_not_delete_blobs():
    lifecycle = "azure-lifecycle-keeps-private-media"
    [violation] = only(check(storage_task(["SetBlobTags", "deleteBlob"]), preview=True), lifecycle, "mandatory")
    assert "DeleteBlob" in violation.message and "ManagementPolicy" in violation.message
    only(check(storage_task(["SetBlobExpiry"])), lifecycle, "mandatory")
    [violation] = only(check(storage_task([], declared=False)), lifecycle, "mandatory")
    assert "does not declare" in violation.message
    assert not found(check(storage_task(["SetBlobTier"])), lifecycle)


@pytest.mark.parametrize(
    ("role_id", "scope_of", "fails"),
    [
        ("b24988ac-6180-42a0-ab88-20f7382dd24c", lambda site, group: site.id, True),  # Contributor
        (
            "b24988ac-6180-42a0-ab88-20f7382dd24c",
            lambda site, group: f"{group}/providers/Microsoft.Web/sites/shop-web",
            True,
        ),
        ("b24988ac-6180-42a0-ab88-20f7382dd24c", lambda site, group: group, True),  # the app's resource group
        ("acdd72a7-3385-48ef-bd42-f606fba81ae7", lambda site, group: site.id, False),  # Reader
        ("f1a07417-d97a-45cb-824c-7a7467783830", lambda site, group: site.id, False),  # Managed Identity Operator
    ],
)
def test_control_over_a_workload_that_runs_as_the_media_identity(role_id, scope_of, fails):
    def program():
        app = azure_native.managedidentity.UserAssignedIdentity(
            "app", resource_name_="shop-media", resource_group_name="media", tags={"media-storage:app": "shop"}
        )
        site = azure_native.web.WebApp(
            "shop",
            name="shop-web",
            resource_group_name="web",
            server_farm_id="plan",
            identity={"type": "UserAssigned", "user_assigned_identities": app.id.apply(lambda i: {i: {}})},
        )
        azure_native.authorization.RoleAssignment(
            "grant",
            principal_id=STRANGER,
            role_definition_id=f"{SUBSCRIPTION}/providers/Microsoft.Authorization/roleDefinitions/{role_id}",
            scope=scope_of(site, f"{SUBSCRIPTION}/resourceGroups/web"),
        )

    violations = found(check(program), ROLES)
    assert bool(violations) is fails
    if fails:
        assert "shop, which runs as a media identity" in violations[0].message


@pytest.mark.parametrize(("days", "fails"), [("1", True), ("90", False), ("soon", True), (1.0, True), (None, False)])
def test_lifecycle_days_are_read_as_arm_reads_them(days, fails):
    def program():
        target = account()
        delete = {} if days is None else {"days_after_modification_greater_than": days}
        azure_native.storage.ManagementPolicy(
            "lifecycle",
            account_name=target.name,
            resource_group_name="rg",
            management_policy_name="default",
            policy={
                "rules": [
                    {"name": "r", "type": "Lifecycle", "definition": {"actions": {"base_blob": {"delete": delete}}}}
                ]
            },
        )

    assert bool(found(check(program), "azure-lifecycle-keeps-private-media")) is fails


@pytest.mark.parametrize(
    ("settings", "fails"),
    [
        ({"origins": [{"name": "o", "host_name": "corp.blob.core.windows.net"}]}, True),
        ({"origins": [{"name": "o", "host_name": "corp.blob.core.windows.net"}], "is_http_allowed": False}, False),
        ({"origins": [{"name": "o", "host_name": "shop.example.com"}]}, False),
    ],
)
def test_classic_cdn_endpoints_in_front_of_storage_refuse_http(settings, fails):
    def program():
        azure_native.cdn.Endpoint("media", resource_group_name="rg", profile_name="cdn", **settings)

    assert bool(found(check(program), "frontdoor-https-only")) is fails


@pytest.mark.parametrize(("tags", "fails"), [({"media-storage:app": "shop"}, True), (None, False)])
def test_the_media_identity_is_no_kubelet_identity(tags, fails):
    def program():
        identity = azure_native.managedidentity.UserAssignedIdentity(
            "app", resource_name_="shop-media", resource_group_name="rg", tags=tags
        )
        azure_native.containerservice.ManagedCluster(
            "by-reference", resource_group_name="rg", identity_profile={"kubeletidentity": {"resource_id": identity.id}}
        )
        azure_native.containerservice.ManagedCluster(
            "by-literal",
            resource_group_name="rg",
            identity_profile={
                "kubeletidentity": {
                    "resource_id": f"{SUBSCRIPTION}/resourceGroups/rg/providers/Microsoft.ManagedIdentity/"
                    "userAssignedIdentities/Shop-Media"
                }
            },
        )

    violations = found(check(program, preview=True), "azure-media-identity-not-kubelet")
    assert len(violations) == (2 if fails else 0)


@pytest.mark.parametrize(
    ("script", "fails"),
    [
        ({"script_content": "az role assignment create --role Owner --assignee x"}, True),
        ({"script_content": "Set-AzStorageAccount -Name corpmedia -AllowBlobPublicAccess $true"}, True),
        ({"primary_script_uri": "https://example.com/setup.sh"}, True),
        ({"script_content": "az webapp restart --name shop-web --resource-group web"}, False),
    ],
)
def test_deployment_scripts_that_touch_media_fail_closed(script, fails):
    def program():
        azure_native.resources.AzureCliScript(
            "script",
            resource_group_name="rg",
            kind="AzureCLI",
            az_cli_version="2.61.0",
            retention_interval="P1D",
            **script,
        )

    assert bool(found(check(program), TYPED)) is fails


@pytest.mark.parametrize(
    ("target", "logs", "fails"),
    [
        ("foreign", [{"category_group": "allLogs", "enabled": True}], True),
        ("public", [{"category": "StorageRead", "enabled": True}], True),
        ("private", [{"category_group": "allLogs", "enabled": True}], False),
        ("foreign", [], False),  # metrics only
    ],
)
def test_request_logs_of_private_media_stay_in_private_accounts_of_the_program(target, logs, fails):
    def program():
        source = account()
        accounts = {"public": account("pub", tags=PUBLIC), "private": account("logs")}
        foreign = f"{SUBSCRIPTION}/resourceGroups/x/providers/Microsoft.Storage/storageAccounts/elsewhere"
        azure_native.monitor.DiagnosticSetting(
            "diagnostics",
            resource_uri=source.id,
            storage_account_id=accounts[target].id if target in accounts else foreign,
            logs=logs,
        )

    assert bool(found(check(program), "azure-private-replication-within-program")) is fails


@pytest.mark.parametrize(
    ("sink", "fails"),
    [
        (
            {
                "workspace_id": f"{SUBSCRIPTION}/resourceGroups/x/providers/Microsoft.OperationalInsights/workspaces/siem"
            },
            True,
        ),
        (
            {
                "workspace_id": f"{SUBSCRIPTION}/resourceGroups/x/providers/Microsoft.OperationalInsights/workspaces/Ours"
            },
            False,
        ),
        (
            {
                "event_hub_authorization_rule_id": f"{SUBSCRIPTION}/resourceGroups/x/providers/Microsoft.EventHub/namespaces/"
                "partner/authorizationRules/send"
            },
            True,
        ),
        ({"marketplace_partner_id": "/subscriptions/x/providers/Microsoft.Datadog/monitors/dd"}, True),
    ],
)
def test_request_logs_go_only_to_sinks_of_the_program(sink, fails):
    def program():
        source = account()
        azure_native.operationalinsights.Workspace("ours", workspace_name="ours", resource_group_name="x")
        azure_native.monitor.DiagnosticSetting(
            "diagnostics", resource_uri=source.id, logs=[{"category_group": "audit", "enabled": True}], **sink
        )

    assert bool(found(check(program, preview=True), "azure-private-replication-within-program")) is fails
