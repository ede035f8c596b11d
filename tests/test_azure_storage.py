"""Azure: storage accounts, containers, blob service, lifecycle and identity, asserted on the registered resources."""

from __future__ import annotations

from typing import Any

import pytest

from media_storage.azure.app_identity import STORAGE_BLOB_DATA_CONTRIBUTOR, STORAGE_BLOB_DELEGATOR
from media_storage.naming import is_valid_storage_account_name
from media_storage.testing import DEFAULT_SUBSCRIPTION_ID, ProgramRun, run_program

from .conftest import REPO_ROOT

GROUP = "azure-native:resources:ResourceGroup"
ACCOUNT = "azure-native:storage:StorageAccount"
CONTAINER = "azure-native:storage:BlobContainer"
BLOB_SERVICE = "azure-native:storage:BlobServiceProperties"
LIFECYCLE = "azure-native:storage:ManagementPolicy"
IDENTITY = "azure-native:managedidentity:UserAssignedIdentity"
ROLE_ASSIGNMENT = "azure-native:authorization:RoleAssignment"
VISIBILITIES = ("public", "private")

AZURE_BASE_CONFIG: dict[str, Any] = {
    "azure-native:location": "westeurope",
    "media-storage:cloud": "azure",
    "media-storage:app": "shop",
}


def azure_config(**settings: Any) -> dict[str, Any]:
    config = dict(AZURE_BASE_CONFIG)
    for key, value in settings.items():
        full = key if ":" in key else f"media-storage:{key}"
        if value is None:
            config.pop(full, None)
        else:
            config[full] = value
    return config


@pytest.fixture
def azure_run(run_stack):
    def run(*, stack: str = "dev", preview: bool = False, **settings: Any) -> ProgramRun:
        return run_stack(azure_config(**settings), stack=stack, preview=preview).raise_for_error()

    return run


def of(run: ProgramRun, type_: str, visibility: str):
    return run.one(type_, f"shop-{visibility}-")


def test_two_hardened_storage_v2_accounts_one_per_visibility(azure_run):
    run = azure_run()
    assert len(run.of_type(ACCOUNT)) == 2
    for visibility in VISIBILITIES:
        account = of(run, ACCOUNT, visibility)
        assert account.get("kind") == "StorageV2"
        assert account.get("sku") == {"name": "Standard_ZRS"}
        assert account.get("enableHttpsTrafficOnly") is True
        assert account.get("minimumTlsVersion") == "TLS1_2"
        assert account.get("allowCrossTenantReplication") is False
        assert account.get("location") == "westeurope"
        assert account.get("resourceGroupName") == "shop-dev-media"
        assert is_valid_storage_account_name(account.get("accountName"))
        assert account.get("tags") == {
            "media-storage:app": "shop",
            "media-storage:stack": "dev",
            "media-storage:visibility": visibility,
        }
        assert account.protect is True


def test_only_the_public_account_allows_anonymous_blob_reads(azure_run):
    run = azure_run()
    assert of(run, ACCOUNT, "public").get("allowBlobPublicAccess") is True
    assert of(run, ACCOUNT, "private").get("allowBlobPublicAccess") is False


def test_containers_read_by_blob_publicly_and_not_at_all_privately(azure_run):
    run = azure_run()
    public, private = of(run, CONTAINER, "public"), of(run, CONTAINER, "private")
    assert (public.get("containerName"), public.get("publicAccess")) == ("public-media", "Blob")
    assert (private.get("containerName"), private.get("publicAccess")) == ("private-media", "None")
    assert public.get("accountName") == of(run, ACCOUNT, "public").get("accountName")
    assert private.get("accountName") == of(run, ACCOUNT, "private").get("accountName")


def test_sku_follows_config(azure_run):
    run = azure_run(sku="Standard_GZRS")
    assert {a.get("sku", "name") for a in run.of_type(ACCOUNT)} == {"Standard_GZRS"}


def test_protection_can_be_lifted_for_throwaway_stacks(azure_run):
    run = azure_run(protect=False)
    assert not any(r.protect for r in run.of_type(ACCOUNT) + run.of_type(GROUP))


def test_a_created_resource_group_is_protected_and_tagged(azure_run):
    group = azure_run().one(GROUP)
    assert group.get("resourceGroupName") == "shop-dev-media"
    assert group.get("location") == "westeurope"
    assert group.protect is True
    assert group.get("tags") == {"media-storage:app": "shop", "media-storage:stack": "dev"}


def test_an_existing_resource_group_is_used_not_created(azure_run):
    run = azure_run(resourceGroupName="rg-platform-prod")
    assert run.of_type(GROUP) == []
    assert {a.get("resourceGroupName") for a in run.of_type(ACCOUNT)} == {"rg-platform-prod"}
    assert run.outputs["resourceGroupName"] == "rg-platform-prod"


@pytest.mark.parametrize("visibility", VISIBILITIES)
def test_soft_delete_for_blobs_and_containers(azure_run, visibility):
    service = of(azure_run(softDeleteDays=14), BLOB_SERVICE, visibility)
    assert service.get("deleteRetentionPolicy") == {"enabled": True, "days": 14}
    assert service.get("containerDeleteRetentionPolicy") == {"enabled": True, "days": 14}
    assert service.get("blobServicesName") == "default"


def test_soft_delete_defaults_to_seven_days(azure_run):
    assert of(azure_run(), BLOB_SERVICE, "private").get("deleteRetentionPolicy", "days") == 7


def test_versioning_on_for_the_private_account_only_by_default(azure_run):
    run = azure_run()
    assert of(run, BLOB_SERVICE, "private").get("isVersioningEnabled") is True
    assert of(run, BLOB_SERVICE, "public").get("isVersioningEnabled") is False


@pytest.mark.parametrize("visibility", VISIBILITIES)
def test_no_cors_rules_without_origins(azure_run, visibility):
    assert of(azure_run(), BLOB_SERVICE, visibility).get("cors") == {"corsRules": []}


@pytest.mark.parametrize("uploads", [False, True])
def test_cors_rules_for_the_configured_origins(azure_run, uploads):
    origins = ["https://shop.example.com", "http://localhost:8000"]
    run = azure_run(corsOrigins=origins, browserUploads=uploads, corsMaxAgeSeconds=600)
    for visibility in VISIBILITIES:
        rules = of(run, BLOB_SERVICE, visibility).get("cors", "corsRules")
        assert 1 <= len(rules) <= 5
        assert rules[0]["allowedOrigins"] == origins
        assert rules[0]["allowedMethods"] == (["GET", "HEAD", "PUT"] if uploads else ["GET", "HEAD"])
        assert rules[0]["maxAgeInSeconds"] == 600
        assert "*" not in rules[0]["allowedOrigins"]


def rules_by_name(run, visibility):
    return {rule["name"]: rule for rule in of(run, LIFECYCLE, visibility).get("policy", "rules")}


def test_lifecycle_defaults(azure_run):
    run = azure_run()
    private = rules_by_name(run, "private")
    assert set(private) == {"expire-temporary-blobs", "expire-old-versions"}
    temporary = private["expire-temporary-blobs"]["definition"]
    assert temporary["filters"] == {"blobTypes": ["blockBlob"], "prefixMatch": ["private-media/tmp/"]}
    assert temporary["actions"] == {"baseBlob": {"delete": {"daysAfterModificationGreaterThan": 7}}}
    versions = private["expire-old-versions"]["definition"]
    assert versions["actions"] == {"version": {"delete": {"daysAfterCreationGreaterThan": 30}}}
    assert all(rule["enabled"] and rule["type"] == "Lifecycle" for rule in private.values())
    assert set(rules_by_name(run, "public")) == {"expire-temporary-blobs"}


def test_lifecycle_tiering_follows_config(azure_run):
    run = azure_run(lifecycle={"infrequentAccessAfterDays": 30, "archiveAfterDays": 120, "temporaryExpirationDays": 0})
    rules = rules_by_name(run, "public")
    assert set(rules) == {"move-to-cheaper-tiers"}
    assert rules["move-to-cheaper-tiers"]["definition"]["actions"] == {
        "baseBlob": {
            "tierToCool": {"daysAfterModificationGreaterThan": 30},
            "tierToCold": {"daysAfterModificationGreaterThan": 120},
        }
    }


def test_no_empty_lifecycle_policy(azure_run):
    run = azure_run(lifecycle={"temporaryExpirationDays": 0})
    assert [r.name for r in run.of_type(LIFECYCLE)] == ["shop-private-lifecycle"]


def test_key_mode_keeps_shared_key_access_and_creates_no_identity(azure_run):
    run = azure_run()
    assert {a.get("allowSharedKeyAccess") for a in run.of_type(ACCOUNT)} == {True}
    assert run.of_type(IDENTITY) == [] and run.of_type(ROLE_ASSIGNMENT) == []


def test_identity_mode_disables_shared_keys(azure_run):
    run = azure_run(credentials="identity")
    for account in run.of_type(ACCOUNT):
        assert account.get("allowSharedKeyAccess") is False
        assert account.get("defaultToOAuthAuthentication") is True


def role_id(role: str) -> str:
    return f"/subscriptions/{DEFAULT_SUBSCRIPTION_ID}/providers/Microsoft.Authorization/roleDefinitions/{role}"


def test_identity_gets_data_access_on_each_container_and_delegation_on_the_private_account_only(azure_run):
    run = azure_run(credentials="identity")
    identity = run.one(IDENTITY)
    assert identity.get("resourceName") == "shop-dev-media"
    assert identity.get("resourceGroupName") == "shop-dev-media"
    assert run.outputs["env"]["AZURE_CLIENT_ID"]
    assignments = run.of_type(ROLE_ASSIGNMENT)
    grants = sorted((a.get("roleDefinitionId"), a.get("scope")) for a in assignments)
    group = f"/subscriptions/{DEFAULT_SUBSCRIPTION_ID}/resourceGroups/shop-dev-media"
    public_account = (
        f"{group}/providers/Microsoft.Storage/storageAccounts/{of(run, ACCOUNT, 'public').get('accountName')}"
    )
    private_account = (
        f"{group}/providers/Microsoft.Storage/storageAccounts/{of(run, ACCOUNT, 'private').get('accountName')}"
    )
    assert grants == sorted(
        [
            (role_id(STORAGE_BLOB_DATA_CONTRIBUTOR), f"{public_account}/blobServices/default/containers/public-media"),
            (
                role_id(STORAGE_BLOB_DATA_CONTRIBUTOR),
                f"{private_account}/blobServices/default/containers/private-media",
            ),
            (role_id(STORAGE_BLOB_DELEGATOR), private_account),
        ]
    )
    for assignment in assignments:
        assert assignment.get("principalType") == "ServicePrincipal"
        assert assignment.get("principalId")
        assert len(assignment.get("roleAssignmentName")) == 36


def test_role_assignment_names_are_stable_and_distinct(azure_run):
    first = sorted(a.get("roleAssignmentName") for a in azure_run(credentials="identity").of_type(ROLE_ASSIGNMENT))
    again = sorted(a.get("roleAssignmentName") for a in azure_run(credentials="identity").of_type(ROLE_ASSIGNMENT))
    other = sorted(
        a.get("roleAssignmentName") for a in azure_run(credentials="identity", stack="prod").of_type(ROLE_ASSIGNMENT)
    )
    assert first == again
    assert len(set(first)) == 3
    assert not set(first) & set(other)


def test_longest_slug_gives_valid_account_names(azure_run):
    slug = "a" + "b-" * 15 + "c"
    run = azure_run(app=slug, stack="Production.Europe_West-" + "x" * 77)
    names = [a.get("accountName") for a in run.of_type(ACCOUNT)]
    assert all(is_valid_storage_account_name(name) for name in names)
    assert len(set(names)) == 2


def test_the_azure_example_stack_file_is_valid():
    run = run_program(REPO_ROOT, stack="dev-azure").raise_for_error()
    assert run.outputs["env"]["MEDIA_STORAGE_BACKEND"] == "azure"
