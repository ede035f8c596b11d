"""Each Azure policy: its name and level, a compliant case and the violations it must catch."""

from __future__ import annotations

import pulumi_azure_native as azure_native
import pytest

from media_storage.azure.app_identity import STORAGE_BLOB_DATA_CONTRIBUTOR, STORAGE_BLOB_DELEGATOR

from .policy_support import PRIVATE, PUBLIC, SUBSCRIPTION, account, azure_storage, check, found, only, protected


@pytest.mark.parametrize("credentials", ["key", "identity"])
def test_the_components_pass_every_policy(credentials):
    report = check(azure_storage(credentials=credentials, cors_origins=("https://shop.example.com",)))
    assert report.violations == []


# --- azure-storage-secure-transport (mandatory) ----------------------------------------


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        ({"enable_https_traffic_only": False}, "accepts plain HTTP"),
        ({"minimum_tls_version": "TLS1_0"}, "minimumTlsVersion is TLS1_0"),
        ({"minimum_tls_version": None}, "minimumTlsVersion is not set"),
    ],
)
def test_insecure_transport(settings, expected):
    [violation] = only(check(lambda: account(**settings)), "azure-storage-secure-transport", "mandatory")
    assert expected in violation.message and violation.resourceName == "media"


def test_tls_1_3_complies():
    assert not found(check(lambda: account(minimum_tls_version="TLS1_3")), "azure-storage-secure-transport")


# --- azure-private-account-no-anonymous-access (mandatory) -----------------------------


@pytest.mark.parametrize("tags", [PRIVATE, None], ids=["private", "untagged"])
def test_private_account_allowing_public_access(tags):
    only(
        check(lambda: account(tags=tags, allow_blob_public_access=True)),
        "azure-private-account-no-anonymous-access",
        "mandatory",
    )


def test_public_account_may_allow_public_access():
    assert not found(
        check(lambda: account(tags=PUBLIC, allow_blob_public_access=True)), "azure-private-account-no-anonymous-access"
    )


# --- azure-container-public-access (mandatory) -----------------------------------------


def container_in(tags, access, allow=True):
    def program():
        target = account(tags=tags, allow_blob_public_access=allow)
        azure_native.storage.BlobContainer(
            "container",
            account_name=target.name,
            resource_group_name="rg",
            container_name="media",
            public_access=access,
        )

    return program


@pytest.mark.parametrize("access", ["Container", "container", "CONTAINER"])
def test_container_level_access_lists_blobs_anywhere(access):
    [violation] = only(check(container_in(PUBLIC, access)), "azure-container-public-access", "mandatory")
    assert violation.resourceName == "container" and "list" in violation.message


@pytest.mark.parametrize("access", ["Blob", "blob"])
@pytest.mark.parametrize("tags", [PRIVATE, None], ids=["private", "untagged"])
def test_blob_access_in_a_private_account(tags, access):
    [violation] = found(check(container_in(tags, access)), "azure-container-public-access")
    assert "private account" in violation.message


def test_blob_access_in_a_public_account_complies():
    assert not found(check(container_in(PUBLIC, "Blob")), "azure-container-public-access")
    assert not found(check(container_in(PRIVATE, "None", allow=False)), "azure-container-public-access")
    assert not found(check(container_in(PRIVATE, "none", allow=False)), "azure-container-public-access")


def test_container_of_an_account_named_by_a_literal_is_linked_by_name():
    def program():
        account(tags=PRIVATE)
        azure_native.storage.BlobContainer(
            "container", account_name="mediaacct", resource_group_name="rg", public_access="Blob"
        )

    assert found(check(program), "azure-container-public-access")


# --- azure-cors-trusted-origins (mandatory) --------------------------------------------


def blob_service(**settings):
    def program():
        target = account(tags=PRIVATE)
        azure_native.storage.BlobServiceProperties(
            "blob-service", account_name=target.name, resource_group_name="rg", blob_services_name="default", **settings
        )

    return program


def cors(*origins):
    rule = {
        "allowed_origins": list(origins),
        "allowed_methods": ["GET"],
        "allowed_headers": ["*"],
        "exposed_headers": [],
        "max_age_in_seconds": 60,
    }
    return {"cors_rules": [rule]}


@pytest.mark.parametrize("origin", ["*", "https://*.example.com", "http://shop.example.com"])
def test_untrusted_cors_origins(origin):
    [violation] = only(check(blob_service(cors=cors(origin))), "azure-cors-trusted-origins", "mandatory")
    assert violation.resourceName == "blob-service"


def test_trusted_cors_origins():
    assert not found(
        check(blob_service(cors=cors("https://shop.example.com", "http://localhost:8000"))),
        "azure-cors-trusted-origins",
    )


# --- azure-media-identity-least-privilege (mandatory) -----------------------------------

ACCOUNT_ID = f"{SUBSCRIPTION}/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/mediaacct"
CONTAINER_ID = f"{ACCOUNT_ID}/blobServices/default/containers/media"


def role(guid):
    return f"{SUBSCRIPTION}/providers/Microsoft.Authorization/roleDefinitions/{guid}"


def identity_with(role_id, scope, tags=None):
    tags = {"media-storage:app": "shop"} if tags is None else tags

    def program():
        account(tags=PRIVATE)
        identity = azure_native.managedidentity.UserAssignedIdentity("identity", resource_group_name="rg", tags=tags)
        azure_native.authorization.RoleAssignment(
            "grant", principal_id=identity.principal_id, role_definition_id=role_id, scope=scope
        )

    return program


@pytest.mark.parametrize(
    ("role_id", "scope", "expected"),
    [
        (role(STORAGE_BLOB_DATA_CONTRIBUTOR), ACCOUNT_ID, "broader than one container"),
        (role(STORAGE_BLOB_DATA_CONTRIBUTOR), f"{SUBSCRIPTION}/resourceGroups/rg", "broader than one container"),
        (role(STORAGE_BLOB_DATA_CONTRIBUTOR), SUBSCRIPTION, "broader than one container"),
        (role(STORAGE_BLOB_DELEGATOR), SUBSCRIPTION, "not a storage account"),
        (
            role("17d1049b-9a84-46fb-8f53-869881c3d3ab"),
            CONTAINER_ID,
            "not a blob data role",
        ),  # Storage Account Contributor
        (role("8e3af657-a8ff-443c-a75c-2fe8c4bcb635"), CONTAINER_ID, "not a blob data role"),  # Owner
        (
            role(STORAGE_BLOB_DATA_CONTRIBUTOR),
            CONTAINER_ID.replace("mediaacct", "otherteam"),
            "'otherteam', which is not a media account",
        ),
    ],
)
def test_broad_roles_for_the_media_identity(role_id, scope, expected):
    [violation] = only(check(identity_with(role_id, scope)), "azure-media-identity-least-privilege", "mandatory")
    assert expected in violation.message and violation.resourceName == "grant"


def test_narrow_roles_comply():
    assert not found(
        check(identity_with(role(STORAGE_BLOB_DATA_CONTRIBUTOR), CONTAINER_ID)), "azure-media-identity-least-privilege"
    )
    assert not found(
        check(identity_with(role(STORAGE_BLOB_DELEGATOR), ACCOUNT_ID)), "azure-media-identity-least-privilege"
    )


def test_identities_of_other_apps_are_not_judged():
    assert not found(
        check(identity_with(role("8e3af657-a8ff-443c-a75c-2fe8c4bcb635"), SUBSCRIPTION, tags={})),
        "azure-media-identity-least-privilege",
    )


# --- advisory ---------------------------------------------------------------------------


def retention(days, enabled=True):
    return {"enabled": enabled, "days": days}


def test_soft_delete():
    report = check(
        blob_service(
            delete_retention_policy=retention(3), container_delete_retention_policy=retention(7, enabled=False)
        )
    )
    messages = [v.message for v in only(report, "azure-blob-soft-delete", "advisory")]
    assert any("Blob soft delete" in m and "3 days, fewer than 7" in m for m in messages)
    assert any("Container soft delete" in m and "is off" in m for m in messages)
    assert found(check(account), "azure-blob-soft-delete"), "no blob service at all"


def test_soft_delete_minimum_is_configurable():
    compliant = blob_service(delete_retention_policy=retention(7), container_delete_retention_policy=retention(7))
    assert not found(check(compliant), "azure-blob-soft-delete")
    assert found(
        check(compliant, config={"azure-blob-soft-delete": {"minimumRetentionDays": 14}}), "azure-blob-soft-delete"
    )
    assert found(
        check(azure_storage(), config={"azure-blob-soft-delete": {"minimumRetentionDays": 30}}),
        "azure-blob-soft-delete",
    )


def test_lifecycle_management():
    only(check(account), "azure-lifecycle-management", "advisory")
    assert not found(check(azure_storage()), "azure-lifecycle-management")


def test_private_account_versioning():
    only(check(blob_service(is_versioning_enabled=False)), "azure-private-account-versioning", "advisory")
    assert not found(check(blob_service(is_versioning_enabled=True)), "azure-private-account-versioning")


def test_unprotected_account():
    only(check(account), "azure-storage-account-protected", "advisory")
    assert not found(check(lambda: account(opts=protected())), "azure-storage-account-protected")
