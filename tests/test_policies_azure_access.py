"""Issue 12, Azure classes 9-11: role assignments over media (any principal), the other doors into a
private account, lifecycle rules that delete private media, and the table of built-in role names."""

from __future__ import annotations

import re

import pulumi_azure_native as azure_native
import pytest
from media_storage.policies import azure_account_doors, azure_principals
from media_storage.policies.azure_account_doors import sas_period_hours
from media_storage.policies.azure_roles import BUILT_IN_ROLES, Reach, role_name
from media_storage.policies.check import UsageError, evaluate

from media_storage.azure import AzureMediaStorage, AzureMediaStorageArgs
from media_storage.azure.app_identity import STORAGE_BLOB_DATA_CONTRIBUTOR, STORAGE_BLOB_DELEGATOR
from media_storage.settings import Lifecycle
from media_storage.testing import run_program

from .policy_support import PRIVATE, PUBLIC, SUBSCRIPTION, account, azure_storage, check, found, only

ROLES = "azure-role-assignments-over-media"
SHARED_KEY = "azure-identity-mode-no-shared-key"
SAS = "azure-private-account-sas-expiry"
FILE_PROTOCOLS = "azure-private-account-no-sftp-nfs"
WEBSITE = "azure-private-account-no-static-website"
REPLICATION = "azure-private-replication-within-program"
LIFECYCLE = "azure-lifecycle-keeps-private-media"
KEYS = "azure-encryption-key-own-vault"

OWNER = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635"
CONTRIBUTOR = "b24988ac-6180-42a0-ab88-20f7382dd24c"
USER_ACCESS_ADMINISTRATOR = "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9"
READER = "acdd72a7-3385-48ef-bd42-f606fba81ae7"
ACCOUNT_CONTRIBUTOR = "17d1049b-9a84-46fb-8f53-869881c3d3ab"
KEY_OPERATOR = "81a9662b-bebf-436f-a333-f67b29880f12"
BLOB_OWNER = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b"
BLOB_READER = "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1"
QUEUE_CONTRIBUTOR = "974c5e8b-45b9-4653-ba55-5f855dd0fb88"
IDENTITY_OPERATOR = "f1a07417-d97a-45cb-824c-7a7467783830"
STRANGER = "9d2e7c44-0f1a-4b6e-8c3d-5a7b9e1f2c3d"
GROUP = f"{SUBSCRIPTION}/resourceGroups/rg"
ACCOUNT_ID = f"{GROUP}/providers/Microsoft.Storage/storageAccounts/mediaacct"
CONTAINER_ID = f"{ACCOUNT_ID}/blobServices/default/containers/media"


def role(guid: str) -> str:
    return f"{SUBSCRIPTION}/providers/Microsoft.Authorization/roleDefinitions/{guid}"


def test_names_levels_and_config_schemas():
    levels = {p.name: p.enforcement_level.value for p in azure_principals.POLICIES + azure_account_doors.POLICIES}
    assert levels == dict.fromkeys(
        [ROLES, SHARED_KEY, SAS, FILE_PROTOCOLS, WEBSITE, REPLICATION, LIFECYCLE, KEYS], "mandatory"
    )
    [roles] = azure_principals.POLICIES
    for setting in ("allowedPrincipals", "allowedRoleDefinitions"):
        assert roles.config_schema.properties[setting]["items"]["pattern"] == azure_principals.GUID_PATTERN
    schemas = {p.name: p.config_schema.properties for p in azure_account_doors.POLICIES if p.config_schema}
    assert schemas[SAS]["maximumSasExpirationHours"]["default"] == 24
    assert schemas[LIFECYCLE]["minimumDays"]["default"] == 30
    assert schemas[LIFECYCLE]["temporaryPrefixes"]["default"] == ["tmp/"]


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ({ROLES: {"allowedPrincipals": ["not-a-guid"]}}, r"allowedPrincipals\[0\] must match .*'not-a-guid'"),
        ({ROLES: {"allowedRoleDefinitions": ["Owner"]}}, r"allowedRoleDefinitions\[0\] must match"),
        ({LIFECYCLE: {"minimumDays": 0}}, "minimumDays"),
        ({LIFECYCLE: {"temporaryPrefixes": ["*"]}}, r"temporaryPrefixes\[0\] must match"),
        ({SAS: {"maximumSasExpirationHours": "24"}}, "must be of type integer"),
        ({KEYS: {"allowedKeyVaults": ["https://vendor.vault.azure.net/"]}}, r"allowedKeyVaults\[0\] must match"),
    ],
)
def test_settings_are_validated_item_by_item(config, message):
    run = run_program(account).raise_for_error()
    with pytest.raises(UsageError, match=message):
        evaluate(run, config)


# --- the role table ----------------------------------------------------------------------


def test_the_role_table_holds_guids_and_names_once():
    assert all(re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", g) for g in BUILT_IN_ROLES)
    names = [name for name, _ in BUILT_IN_ROLES.values()]
    assert len(names) == len(set(names))
    for name in (
        "Owner",
        "Contributor",
        "User Access Administrator",
        "Role Based Access Control Administrator",
        "Reader",
        "Storage Account Contributor",
        "Storage Account Key Operator Service Role",
        "Storage Blob Data Owner",
        "Storage Blob Data Contributor",
        "Storage Blob Data Reader",
        "Storage Blob Delegator",
        "Storage Queue Data Contributor",
        "Storage Table Data Reader",
        "Storage File Data Privileged Contributor",
    ):
        assert name in names


def test_the_components_roles_are_named_by_the_table():
    assert BUILT_IN_ROLES[STORAGE_BLOB_DATA_CONTRIBUTOR] == ("Storage Blob Data Contributor", Reach.BLOB_WRITE)
    assert BUILT_IN_ROLES[STORAGE_BLOB_DELEGATOR] == ("Storage Blob Delegator", Reach.DELEGATOR)
    assert role_name(OWNER.upper()) == f"{OWNER.upper()} (Owner)"
    assert role_name("00000000-0000-0000-0000-000000000000").endswith("(not a built-in role the pack knows)")


def test_the_media_identity_policy_names_roles_too():
    def program():
        identity = azure_native.managedidentity.UserAssignedIdentity("identity", resource_group_name="rg", tags=PRIVATE)
        azure_native.authorization.RoleAssignment(
            "owner", principal_id=identity.principal_id, role_definition_id=role(OWNER), scope=SUBSCRIPTION
        )

    [violation] = only(check(program), "azure-media-identity-least-privilege", "mandatory")
    assert f"{OWNER} (Owner)" in violation.message


# --- azure-role-assignments-over-media (mandatory) -------------------------------------


def assignment(guid: str, scope: str, principal: str | None = None, *, tags=None, own_tags=None):
    """A program with a media account, and one role assignment to `principal` (a literal id) or,
    without one, to an identity the program creates (tagged `own_tags`)."""

    def program():
        target = account(tags=tags, allow_shared_key_access=False)
        azure_native.storage.BlobContainer(
            "container", account_name=target.name, resource_group_name="rg", container_name="media"
        )
        holder = principal
        if holder is None:
            identity = azure_native.managedidentity.UserAssignedIdentity(
                "worker", resource_group_name="rg", tags=own_tags
            )
            holder = identity.principal_id
        azure_native.authorization.RoleAssignment(
            "grant", principal_id=holder, role_definition_id=role(guid), scope=scope
        )

    return program


@pytest.mark.parametrize(
    ("guid", "scope", "principal", "expected"),
    [
        (OWNER, SUBSCRIPTION, None, "(Owner) at subscription scope"),
        (CONTRIBUTOR, GROUP, None, "(Contributor) at resource group scope"),
        (USER_ACCESS_ADMINISTRATOR, "/", STRANGER, "(User Access Administrator) at management group scope"),
        (ACCOUNT_CONTRIBUTOR, ACCOUNT_ID, None, "(Storage Account Contributor) at account scope"),
        (KEY_OPERATOR, ACCOUNT_ID.upper(), STRANGER, "(Storage Account Key Operator Service Role)"),
        (BLOB_READER, GROUP, None, "(Storage Blob Data Reader) at resource group scope"),
        (BLOB_READER, CONTAINER_ID, STRANGER, "the program does not create this principal"),
        (BLOB_OWNER, ACCOUNT_ID, STRANGER, "allowedPrincipals"),
        ("11111111-2222-4333-8444-555555555555", ACCOUNT_ID, None, "allowedRoleDefinitions"),
    ],
)
def test_roles_over_media_that_fail(guid, scope, principal, expected):
    [violation] = only(check(assignment(guid, scope, principal)), ROLES, "mandatory")
    assert expected in violation.message and violation.resourceName == "grant"
    assert guid in violation.message


@pytest.mark.parametrize(
    ("guid", "scope", "principal", "tags"),
    [
        (BLOB_READER, CONTAINER_ID, None, None),  # the program's own worker, on one container
        (STORAGE_BLOB_DATA_CONTRIBUTOR, ACCOUNT_ID, None, None),
        (READER, GROUP, STRANGER, None),  # reads settings, not blobs or keys
        (QUEUE_CONTRIBUTOR, ACCOUNT_ID, STRANGER, None),
        (STORAGE_BLOB_DELEGATOR, ACCOUNT_ID, STRANGER, None),  # signs only what its data roles allow
        (BLOB_READER, CONTAINER_ID, STRANGER, PUBLIC),  # public media is anyone's to read
        (OWNER, f"{SUBSCRIPTION}/resourceGroups/other", None, None),  # another group
        (OWNER, f"{SUBSCRIPTION}/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/v", None, None),
    ],
)
def test_roles_that_do_not_reach_media_pass(guid, scope, principal, tags):
    assert not found(check(assignment(guid, scope, principal, tags=tags)), ROLES)


def test_a_foreign_principal_may_not_write_public_media():
    program = assignment(STORAGE_BLOB_DATA_CONTRIBUTOR, CONTAINER_ID, STRANGER, tags=PUBLIC)
    only(check(program), ROLES, "mandatory")


def test_allowlisted_principals_hold_data_roles_but_never_control_roles():
    config = {ROLES: {"allowedPrincipals": [STRANGER.upper()]}}
    assert not found(check(assignment(BLOB_READER, CONTAINER_ID, STRANGER), config=config), ROLES)
    only(check(assignment(CONTRIBUTOR, GROUP, STRANGER), config=config), ROLES, "mandatory")


def test_allowlisted_custom_roles_pass():
    custom = "11111111-2222-4333-8444-555555555555"
    config = {ROLES: {"allowedRoleDefinitions": [custom]}}
    assert not found(check(assignment(custom, ACCOUNT_ID), config=config), ROLES)


def test_the_media_identitys_roles_are_left_to_its_own_policy():
    report = check(assignment(OWNER, SUBSCRIPTION, own_tags=PRIVATE))
    assert not found(report, ROLES)
    only(report, "azure-media-identity-least-privilege", "mandatory")


def test_identity_roles_fail_over_the_media_identity_only():
    def program(scope_of, guid=IDENTITY_OPERATOR):
        def build():
            identity = azure_native.managedidentity.UserAssignedIdentity(
                "app", resource_name_="app", resource_group_name="rg", tags=PRIVATE
            )
            azure_native.authorization.RoleAssignment(
                "grant", principal_id=STRANGER, role_definition_id=role(guid), scope=scope_of(identity)
            )

        return build

    [violation] = only(check(program(lambda identity: identity.id)), ROLES, "mandatory")
    assert "(Managed Identity Operator)" in violation.message and "media identity app" in violation.message
    assert not found(check(program(lambda _: f"{SUBSCRIPTION}/resourceGroups/other")), ROLES)
    [owner] = only(check(program(lambda _: GROUP, OWNER)), ROLES, "mandatory")  # the identity's group, no account
    assert "(Owner) at resource group scope over the media identity app" in owner.message
    assert "add federated credentials" in owner.message


def test_the_components_pass_in_both_modes_and_a_preview_judges_nothing_unknown():
    for credentials in ("key", "identity"):
        assert check(azure_storage(credentials=credentials)).violations == []
    assert not found(check(assignment(OWNER, SUBSCRIPTION), preview=True), ROLES)


# --- azure-identity-mode-no-shared-key (mandatory) -------------------------------------


def identity_mode(shared_key, **settings):
    def program():
        target = account(allow_shared_key_access=shared_key, **settings)
        identity = azure_native.managedidentity.UserAssignedIdentity("app", resource_group_name="rg", tags=PRIVATE)
        azure_native.authorization.RoleAssignment(
            "data",
            principal_id=identity.principal_id,
            role_definition_id=role(STORAGE_BLOB_DATA_CONTRIBUTOR),
            scope=target.id.apply(lambda i: f"{i}/blobServices/default/containers/media"),
        )

    return program


@pytest.mark.parametrize(("shared_key", "shown"), [(None, "not set"), (True, "True")])
def test_shared_key_left_on_in_identity_mode(shared_key, shown):
    [violation] = only(check(identity_mode(shared_key)), SHARED_KEY, "mandatory")
    assert shown in violation.message and "allowSharedKeyAccess to false" in violation.message


def test_an_apps_identity_puts_its_accounts_in_identity_mode():
    def program():
        account(tags=PRIVATE)  # no role yet: the app's identity alone decides
        azure_native.managedidentity.UserAssignedIdentity("app", resource_group_name="rg", tags=PRIVATE)

    [violation] = only(check(program), SHARED_KEY, "mandatory")
    assert "its app has a managed identity" in violation.message


def test_a_key_mode_app_beside_an_identity_mode_app_keeps_its_keys():
    def program():
        for app, credentials in (("shop", "key"), ("wiki", "identity")):
            AzureMediaStorage(
                app, AzureMediaStorageArgs(app=app, environment="test", location="westeurope", credentials=credentials)
            )

    assert check(program).violations == []


def test_key_mode_keeps_its_keys():
    assert not found(check(lambda: account(allow_shared_key_access=True)), SHARED_KEY)
    assert not found(check(identity_mode(False)), SHARED_KEY)
    assert not found(check(azure_storage(credentials="key")), SHARED_KEY)


# --- azure-private-account-sas-expiry (mandatory) --------------------------------------


@pytest.mark.parametrize(
    ("period", "hours"), [("1.00:00:00", 24), ("0.01:30:00", 1.5), ("365.00:00:00", 8760), ("forever", None)]
)
def test_sas_periods_are_read_as_azure_writes_them(period, hours):
    assert sas_period_hours(period) == hours


@pytest.mark.parametrize(
    ("policy", "config", "expected"),
    [
        ({"sas_expiration_period": "2.00:00:00", "expiration_action": "Block"}, None, "longer than"),
        (
            {"sas_expiration_period": "0.12:00:00", "expiration_action": "Block"},
            {SAS: {"maximumSasExpirationHours": 6}},
            "(6)",
        ),
        ({"sas_expiration_period": "0.01:00:00"}, None, "only logs"),
        ({"sas_expiration_period": "P1D", "expiration_action": "Block"}, None, "cannot tell how long"),
    ],
)
def test_long_or_unenforced_sas_policies_on_private_accounts(policy, config, expected):
    [violation] = only(check(lambda: account(sas_policy=policy), config=config), SAS, "mandatory")
    assert expected in violation.message


def test_bounded_sas_and_public_accounts_pass():
    bounded = {"sas_expiration_period": "1.00:00:00", "expiration_action": "Block"}
    assert not found(check(lambda: account(sas_policy=bounded)), SAS)
    long = {"sas_expiration_period": "30.00:00:00", "expiration_action": "Log"}
    assert not found(check(lambda: account(tags=PUBLIC, sas_policy=long)), SAS)


# --- SFTP, NFS, local users; static website --------------------------------------------


@pytest.mark.parametrize("settings", [{"is_sftp_enabled": True}, {"enable_nfs_v3": True}])
def test_sftp_and_nfs_on_private_accounts(settings):
    only(check(lambda: account(is_hns_enabled=True, **settings)), FILE_PROTOCOLS, "mandatory")
    assert not found(check(lambda: account(tags=PUBLIC, is_hns_enabled=True, **settings)), FILE_PROTOCOLS)


@pytest.mark.parametrize(
    ("resource", "policy"),
    [(azure_native.storage.LocalUser, FILE_PROTOCOLS), (azure_native.storage.StorageAccountStaticWebsite, WEBSITE)],
)
def test_local_users_and_websites_only_on_public_accounts(resource, policy):
    def program(tags, literal=False):
        def build():
            target = account(tags=tags)
            resource("door", account_name="someaccount" if literal else target.name, resource_group_name="rg")

        return build

    only(check(program(PRIVATE)), policy, "mandatory")
    only(check(program(PUBLIC, literal=True)), policy, "mandatory")  # an undeclared account is private
    assert not found(check(program(PUBLIC)), policy)


# --- azure-private-replication-within-program (mandatory) ------------------------------


def replication(destination_tags, *, declared=True, cross_tenant=None):
    def program():
        source = account("source", tags=PRIVATE, allow_cross_tenant_replication=cross_tenant)
        target = account("target", tags=destination_tags)
        azure_native.storage.ObjectReplicationPolicy(
            "copy",
            account_name=source.name,
            resource_group_name="rg",
            source_account=source.name,
            destination_account=target.id if declared else "elsewhere",
            rules=[{"source_container": "media", "destination_container": "media"}],
        )

    return program


def test_replication_stays_in_private_accounts_of_the_program():
    assert not found(check(replication(PRIVATE)), REPLICATION)
    [public] = only(check(replication(PUBLIC)), REPLICATION, "mandatory")
    assert "which is public" in public.message
    [elsewhere] = only(check(replication(PRIVATE, declared=False)), REPLICATION, "mandatory")
    assert "'elsewhere', an account the program does not declare" in elsewhere.message
    [tenant] = only(check(replication(PRIVATE, cross_tenant=True)), REPLICATION, "mandatory")
    assert tenant.resourceName == "source"


# --- azure-lifecycle-keeps-private-media (mandatory) -----------------------------------


def lifecycle(actions, *, tags=None, prefix=None, enabled=True):
    filters = {"blob_types": ["blockBlob"], **({"prefix_match": prefix} if prefix else {})}

    def program():
        target = account(tags=tags)
        azure_native.storage.ManagementPolicy(
            "lifecycle",
            account_name=target.name,
            resource_group_name="rg",
            management_policy_name="default",
            policy={
                "rules": [
                    {
                        "name": "rule",
                        "enabled": enabled,
                        "type": "Lifecycle",
                        "definition": {"filters": filters, "actions": actions},
                    }
                ]
            },
        )

    return program


DELETE_BLOBS = {"base_blob": {"delete": {"days_after_modification_greater_than": 7}}}


@pytest.mark.parametrize(
    ("actions", "expected"),
    [
        (DELETE_BLOBS, "deletes current blobs 7 day(s) after their last modification"),
        ({"version": {"delete": {"days_after_creation_greater_than": 29}}}, "deletes previous versions 29 day(s)"),
        ({"snapshot": {"delete": {"days_after_creation_greater_than": 1}}}, "deletes snapshots 1 day(s)"),
        ({"base_blob": {"delete": {"days_after_last_access_time_greater_than": 3}}}, "after their last access"),
    ],
)
def test_lifecycle_rules_that_delete_private_media_early(actions, expected):
    [violation] = only(check(lifecycle(actions)), LIFECYCLE, "mandatory")
    assert expected in violation.message and "minimumDays (30)" in violation.message


def test_lifecycle_rules_that_pass():
    assert not found(check(lifecycle(DELETE_BLOBS, tags=PUBLIC)), LIFECYCLE)
    assert not found(check(lifecycle(DELETE_BLOBS, prefix=["media/tmp/", "other/tmp/x"])), LIFECYCLE)
    assert not found(check(lifecycle(DELETE_BLOBS, enabled=False)), LIFECYCLE)
    tiering = {"base_blob": {"tier_to_cool": {"days_after_modification_greater_than": 1}}}
    assert not found(check(lifecycle(tiering)), LIFECYCLE)


def test_lifecycle_prefixes_must_all_be_temporary():
    only(check(lifecycle(DELETE_BLOBS, prefix=["media/tmp/", "media/"])), LIFECYCLE, "mandatory")
    only(check(lifecycle(DELETE_BLOBS, prefix=["tmp/"])), LIFECYCLE, "mandatory")  # a container named tmp...


def test_lifecycle_minimum_and_prefixes_are_configurable():
    config = {LIFECYCLE: {"minimumDays": 7, "temporaryPrefixes": ["scratch/"]}}
    assert not found(check(lifecycle(DELETE_BLOBS), config=config), LIFECYCLE)
    strict = {LIFECYCLE: {"temporaryPrefixes": ["scratch/"]}}
    only(check(lifecycle(DELETE_BLOBS, prefix=["media/tmp/"]), config=strict), LIFECYCLE, "mandatory")
    assert not found(check(lifecycle(DELETE_BLOBS, prefix=["media/scratch/"]), config=strict), LIFECYCLE)


def test_the_components_lifecycle_passes_unless_versions_expire_early():
    versioned = {"private": True, "public": True}
    assert not found(check(azure_storage(versioning=versioned)), LIFECYCLE)
    [violation] = only(
        check(azure_storage(versioning=versioned, lifecycle=Lifecycle(noncurrent_version_expiration_days=3))),
        LIFECYCLE,
        "mandatory",
    )
    assert "'expire-old-versions'" in violation.message and "private" in violation.message


def test_a_literal_name_is_not_judged_undeclared_while_account_names_are_unknown():
    # In a first preview the public account's name is unknown: the website and the stranger's read
    # on the literal name may be on it, so neither is judged until the name is known.
    def program():
        group = azure_native.resources.ResourceGroup("group")
        azure_native.storage.StorageAccount(
            "public",
            account_name=group.name.apply(lambda _: "pubacct"),
            resource_group_name="rg",
            kind="StorageV2",
            sku={"name": "Standard_LRS"},
            minimum_tls_version="TLS1_2",
            tags=PUBLIC,
        )
        azure_native.storage.StorageAccountStaticWebsite("site", account_name="pubacct", resource_group_name="rg")
        azure_native.authorization.RoleAssignment(
            "stranger",
            principal_id=STRANGER,
            role_definition_id=role(BLOB_READER),
            scope=f"{GROUP}/providers/Microsoft.Storage/storageAccounts/pubacct",
        )

    for preview in (True, False):
        report = check(program, preview=preview)
        assert not found(report, WEBSITE) and not found(report, ROLES), preview


def test_a_literal_dressed_as_an_output_is_still_a_principal_the_program_does_not_create():
    def program():
        target = account(allow_shared_key_access=False)
        azure_native.authorization.RoleAssignment(
            "grant",
            principal_id=target.id.apply(lambda _: STRANGER),  # computed, but from an account, not a principal
            role_definition_id=role(BLOB_READER),
            scope=target.id,
        )

    [violation] = only(check(program), ROLES, "mandatory")
    assert f"principal {STRANGER}" in violation.message and "allowedPrincipals" in violation.message


def test_a_resources_own_identity_is_a_principal_of_the_program():
    def program():
        target = account(allow_shared_key_access=False)
        site = azure_native.web.WebApp(
            "site", resource_group_name="rg", server_farm_id="plan", identity={"type": "SystemAssigned"}
        )
        azure_native.authorization.RoleAssignment(
            "grant",
            principal_id=site.identity.apply(lambda identity: (identity and identity.principal_id) or STRANGER),
            role_definition_id=role(BLOB_READER),
            scope=target.id,
        )

    assert not found(check(program), ROLES)
