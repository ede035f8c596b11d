"""Azure without keys in stack outputs: AKS workload identity, connection strings kept in Key Vault."""

from __future__ import annotations

import uuid
from urllib.parse import parse_qs, urlsplit

import azure.identity
import pytest
from storages.backends.azure_storage import AzureStorage

from media_storage import env_contract as names
from media_storage.azure import AppIdentityArgs
from media_storage.django_storages import MediaStorageEnvError, storages_from_env
from media_storage.testing import Secret, reveal

from .test_azure_env import VAULT_ID
from .test_azure_storage import IDENTITY, azure_config
from .test_stack_config import problems

FEDERATED = "azure-native:managedidentity:FederatedIdentityCredential"
VAULT_SECRET = "azure-native:keyvault:Secret"
ISSUER = "https://westeurope.oic.prod-aks.azure.com/11111111-1111-4111-8111-111111111111/cafe0123/"
WEB = {"issuer": ISSUER, "namespace": "shop", "serviceAccount": "web"}
WORKER = {"issuer": ISSUER, "namespace": "shop", "serviceAccount": "worker"}
KEYS = {
    names.AZURE_ACCOUNT_KEY,
    names.AZURE_CONNECTION_STRING,
    names.AZURE_PRIVATE_ACCOUNT_KEY,
    names.AZURE_PRIVATE_CONNECTION_STRING,
    names.DEFAULT_STORAGE_DSN,
}
URIS = {names.AZURE_CONNECTION_STRING_SECRET_URI, names.AZURE_PRIVATE_CONNECTION_STRING_SECRET_URI}


@pytest.fixture
def azure_run(run_stack):
    def run(**settings):
        return run_stack(azure_config(**settings)).raise_for_error()

    return run


# AKS workload identity


def test_workload_identity_federates_each_service_account_with_the_media_identity(azure_run):
    run = azure_run(credentials="identity", workloadIdentity=[WEB, WORKER])
    identity = run.one(IDENTITY)
    credentials = run.of_type(FEDERATED)
    assert [(c.get("issuer"), c.get("subject"), c.get("audiences")) for c in credentials] == [
        (ISSUER, "system:serviceaccount:shop:web", ["api://AzureADTokenExchange"]),
        (ISSUER, "system:serviceaccount:shop:worker", ["api://AzureADTokenExchange"]),
    ]
    for credential in credentials:
        assert credential.get("resourceName") == identity.get("resourceName") == "shop-dev-media"
        assert credential.property_dependencies["resourceName"] == (identity.urn,)
        assert credential.get("resourceGroupName") == "shop-dev-media"
        assert credential.parent == identity.parent
        name = credential.get("federatedIdentityCredentialResourceName")
        assert name.startswith("aks-shop-" + credential.get("subject").rsplit(":", 1)[1] + "-")
        assert 3 <= len(name) <= 120


def test_federated_credentials_are_written_one_after_the_other(azure_run):
    # Azure refuses concurrent writes of federated credentials on one identity.
    first, second = azure_run(credentials="identity", workloadIdentity=[WEB, WORKER]).of_type(FEDERATED)
    assert first.urn not in first.dependencies
    assert first.urn in second.dependencies


def test_credential_names_are_stable_and_distinct_per_cluster(azure_run):
    other_cluster = {**WEB, "issuer": ISSUER.replace("cafe0123", "beef4567")}
    names_ = [
        c.get("federatedIdentityCredentialResourceName")
        for c in azure_run(credentials="identity", workloadIdentity=[WEB, other_cluster]).of_type(FEDERATED)
    ]
    alone = azure_run(credentials="identity", workloadIdentity=[WEB]).one(FEDERATED)
    assert len(set(names_)) == 2
    assert names_[0] == alone.get("federatedIdentityCredentialResourceName")


def test_workload_identity_env_carries_the_client_id_and_no_keys(azure_run):
    run = azure_run(credentials="identity", workloadIdentity=[WEB])
    env = run.outputs["env"]
    assert uuid.UUID(env[names.AZURE_CLIENT_ID])
    assert not (KEYS | URIS) & set(env)
    assert not [value for value in env.values() if isinstance(value, Secret)]


def test_identity_mode_without_workload_identity_creates_no_federated_credential(azure_run):
    assert azure_run(credentials="identity").of_type(FEDERATED) == []


@pytest.mark.parametrize(
    ("settings_", "expected"),
    [
        (
            {"workloadIdentity": [WEB]},
            "media-storage:workloadIdentity: only applies with credentials: identity; got "
            f'[{{"issuer": "{ISSUER}", "namespace": "shop", "serviceAccount": "web"}}]',
        ),
        (
            {"credentials": "identity", "workloadIdentity": [{**WEB, "issuer": "http://issuer.example.com/"}]},
            "media-storage:workloadIdentity[0].issuer: expected the cluster's OIDC issuer URL, https:// without "
            "wildcard, query or fragment (`az aks show --query oidcIssuerProfile.issuerUrl`); "
            "got 'http://issuer.example.com/'",
        ),
        (
            {"credentials": "identity", "workloadIdentity": [{**WEB, "issuer": "https://*.oic.prod-aks.azure.com/"}]},
            "media-storage:workloadIdentity[0].issuer: expected the cluster's OIDC issuer URL, https:// without "
            "wildcard, query or fragment (`az aks show --query oidcIssuerProfile.issuerUrl`); "
            "got 'https://*.oic.prod-aks.azure.com/'",
        ),
        (
            {"credentials": "identity", "workloadIdentity": [{**WEB, "namespace": "*"}]},
            "media-storage:workloadIdentity[0].namespace: expected a Kubernetes name: lowercase letters, digits, "
            "- and ., starting and ending with a letter or digit; got '*'",
        ),
    ],
)
def test_workload_identity_mistakes_get_one_clear_message(run_stack, settings_, expected):
    assert problems(run_stack(azure_config(**settings_))) == [expected]


def test_workload_identity_duplicates_and_the_limit_of_twenty(run_stack):
    (duplicate,) = problems(run_stack(azure_config(credentials="identity", workloadIdentity=[WEB, WEB])))
    assert duplicate.startswith(
        "media-storage:workloadIdentity: each issuer, namespace and service account may be listed once; got"
    )
    many = [{**WEB, "serviceAccount": f"sa-{i}"} for i in range(21)]
    (limit,) = problems(run_stack(azure_config(credentials="identity", workloadIdentity=many)))
    assert limit.startswith(
        "media-storage:workloadIdentity: list at most 20 service accounts: Azure allows 20 federated identity "
        "credentials per managed identity; got"
    )
    twenty = run_stack(azure_config(credentials="identity", workloadIdentity=many[:20])).raise_for_error()
    assert len(twenty.of_type(FEDERATED)) == 20


# Key Vault delivery


def test_key_vault_delivery_keeps_each_connection_string_in_the_vault(azure_run):
    run = azure_run(keyDelivery=["keyVault"], keyVaultId=VAULT_ID)
    secrets = {s.get("secretName"): s for s in run.of_type(VAULT_SECRET)}
    assert set(secrets) == {
        "shop-dev-media-public-connection-string",
        "shop-dev-media-private-connection-string",
    }
    for visibility in ("public", "private"):
        secret = secrets[f"shop-dev-media-{visibility}-connection-string"]
        assert (secret.get("resourceGroupName"), secret.get("vaultName")) == ("shop-secrets", "shop-kv")
        assert isinstance(secret.inputs["properties"]["value"], Secret)
        assert "properties" in secret.request.additionalSecretOutputs
        value = secret.get("properties", "value")
        assert value.startswith("DefaultEndpointsProtocol=https;AccountName=") and ";AccountKey=" in value
        assert secret.get("tags")["media-storage:visibility"] == visibility
    env = run.outputs["env"]
    assert env[names.AZURE_CONNECTION_STRING_SECRET_URI] == (
        "https://shop-kv.vault.azure.net/secrets/shop-dev-media-public-connection-string"
    )
    assert env[names.AZURE_PRIVATE_CONNECTION_STRING_SECRET_URI].endswith("/shop-dev-media-private-connection-string")
    assert not KEYS & set(env)
    assert not [value for value in env.values() if isinstance(value, Secret)]


def test_key_vault_and_output_keep_both_with_the_same_connection_strings(azure_run):
    run = azure_run(keyDelivery=["keyVault", "output"], keyVaultId=VAULT_ID)
    env = run.outputs["env"]
    assert set(env) >= (KEYS | URIS)
    stored = {s.get("secretName"): s.get("properties", "value") for s in run.of_type(VAULT_SECRET)}
    assert stored["shop-dev-media-public-connection-string"] == reveal(env[names.AZURE_CONNECTION_STRING])
    assert stored["shop-dev-media-private-connection-string"] == reveal(env[names.AZURE_PRIVATE_CONNECTION_STRING])


def test_the_default_delivery_creates_no_vault_secret(azure_run):
    assert azure_run().of_type(VAULT_SECRET) == []


@pytest.mark.parametrize(
    ("settings_", "expected"),
    [
        (
            {"keyDelivery": ["keyVault"]},
            # a value required only with another key names the key, not the missing value
            "media-storage:keyVaultId: keyDelivery keyVault needs keyVaultId, the resource id of an existing vault",
        ),
        (
            {"keyVaultId": VAULT_ID},
            f"media-storage:keyVaultId: only applies with keyDelivery keyVault; got '{VAULT_ID}'",
        ),
        (
            {"keyDelivery": ["keyVault"], "keyVaultId": "shop-kv"},
            "media-storage:keyVaultId: expected a Key Vault resource id such as "
            "/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.KeyVault/vaults/<name>; got 'shop-kv'",
        ),
        (
            {"credentials": "identity", "keyDelivery": ["keyVault"], "keyVaultId": VAULT_ID},
            'media-storage:keyDelivery: only applies with credentials: key (an identity has no keys); got ["keyVault"]',
        ),
    ],
)
def test_key_vault_mistakes_get_one_clear_message(run_stack, settings_, expected):
    assert problems(run_stack(azure_config(**settings_))) == [expected]


# The Django helper


def test_in_an_aks_pod_the_helper_uses_the_workload_identity(azure_run, tmp_path, monkeypatch):
    created = []

    class RecordingCredential(azure.identity.WorkloadIdentityCredential):
        def __init__(self, **kwargs):
            created.append(kwargs)
            super().__init__(**kwargs)

    monkeypatch.setattr(azure.identity, "WorkloadIdentityCredential", RecordingCredential)
    token = tmp_path / "azure-identity-token"
    token.write_text("a-service-account-token")
    env = reveal(azure_run(credentials="identity", workloadIdentity=[WEB]).outputs["env"])
    injected = {  # what AKS adds to a pod labelled azure.workload.identity/use: "true"
        names.AZURE_FEDERATED_TOKEN_FILE: str(token),
        names.AZURE_TENANT_ID: "11111111-1111-4111-8111-111111111111",
    }
    storages = storages_from_env({**env, **injected})
    assert created == [
        {
            "tenant_id": "11111111-1111-4111-8111-111111111111",
            "client_id": env[names.AZURE_CLIENT_ID],
            "token_file_path": str(token),
        }
    ]
    for alias in ("default", "private"):
        assert isinstance(storages[alias]["OPTIONS"]["token_credential"], azure.identity.WorkloadIdentityCredential)


def test_outside_aks_the_helper_keeps_the_managed_identity(azure_run):
    env = reveal(azure_run(credentials="identity", workloadIdentity=[WEB]).outputs["env"])
    credential = storages_from_env(env)["default"]["OPTIONS"]["token_credential"]
    assert isinstance(credential, azure.identity.ManagedIdentityCredential)


def test_a_token_file_without_the_tenant_is_reported(azure_run, tmp_path):
    env = reveal(azure_run(credentials="identity").outputs["env"])
    with pytest.raises(MediaStorageEnvError) as raised:
        storages_from_env({**env, names.AZURE_FEDERATED_TOKEN_FILE: str(tmp_path / "token")})
    assert raised.value.problems == ["AZURE_TENANT_ID: not set"]


def test_the_helper_works_with_the_connection_strings_the_platform_injects_from_the_vault(azure_run):
    run = azure_run(keyDelivery=["keyVault"], keyVaultId=VAULT_ID)
    stored = {s.get("secretName"): s.get("properties", "value") for s in run.of_type(VAULT_SECRET)}
    env = {
        **reveal(run.outputs["env"]),
        names.AZURE_CONNECTION_STRING: stored["shop-dev-media-public-connection-string"],
        names.AZURE_PRIVATE_CONNECTION_STRING: stored["shop-dev-media-private-connection-string"],
    }
    storages = storages_from_env(env)
    private = AzureStorage(**storages["private"]["OPTIONS"])
    # No account key variable: django-storages takes the key from the connection string to sign links.
    assert {"se", "sig", "sp"} <= set(parse_qs(urlsplit(private.url("invoices/a.pdf")).query))
    assert private.account_key in stored["shop-dev-media-private-connection-string"]


def test_the_helper_says_where_a_connection_string_kept_in_the_vault_must_come_from(azure_run):
    env = reveal(azure_run(keyDelivery=["keyVault"], keyVaultId=VAULT_ID).outputs["env"])
    with pytest.raises(MediaStorageEnvError) as raised:
        storages_from_env(env)
    assert raised.value.problems == [
        f"AZURE_CONNECTION_STRING: not set; the stack keeps it in the Key Vault secret "
        f"{names.AZURE_CONNECTION_STRING_SECRET_URI} names: inject it from there (e.g. an App Service or "
        "Container Apps Key Vault reference)",
        f"AZURE_PRIVATE_CONNECTION_STRING: not set; the stack keeps it in the Key Vault secret "
        f"{names.AZURE_PRIVATE_CONNECTION_STRING_SECRET_URI} names: inject it from there (e.g. an App Service or "
        "Container Apps Key Vault reference)",
    ]


def test_the_aks_example_stack_federates_its_two_service_accounts_and_exports_no_key(run_stack):
    run = run_stack(None, stack="aks").raise_for_error()
    assert [c.get("subject") for c in run.of_type(FEDERATED)] == [
        "system:serviceaccount:shop:web",
        "system:serviceaccount:shop:worker",
    ]
    assert not (KEYS | URIS) & set(run.outputs["env"])


def test_the_identity_building_block_refuses_more_than_twenty_federated_credentials():
    subjects = [(ISSUER, f"system:serviceaccount:shop:sa-{i}") for i in range(21)]
    with pytest.raises(ValueError, match=r"federated_subjects: at most 20, Azure's limit of federated identity"):
        AppIdentityArgs(
            identity_name="shop-dev-media",
            resource_group_name="rg",
            subscription_id="s",
            container_ids=[],
            tags={"media-storage:app": "shop", "media-storage:stack": "dev"},
            federated_subjects=subjects,
        )
