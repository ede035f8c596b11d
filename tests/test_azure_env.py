"""Azure's `env` output, and the Django storages built from it."""

from __future__ import annotations

import sys
from urllib.parse import parse_qs, urlsplit

import azure.identity
import pytest
from django_storage_url import get_storage
from storages.backends.azure_storage import AzureStorage

from media_storage import env_contract as names
from media_storage.django_storages import storages_from_env
from media_storage.testing import UNKNOWN, Secret, reveal

from .test_azure_storage import azure_config

ALWAYS = {
    names.MEDIA_STORAGE_BACKEND,
    names.AZURE_ACCOUNT_NAME,
    names.AZURE_CONTAINER,
    names.AZURE_PRIVATE_ACCOUNT_NAME,
    names.AZURE_PRIVATE_CONTAINER,
    names.AZURE_URL_EXPIRATION_SECS,
}
KEY_MODE = {
    names.AZURE_ACCOUNT_KEY,
    names.AZURE_CONNECTION_STRING,
    names.AZURE_PRIVATE_ACCOUNT_KEY,
    names.AZURE_PRIVATE_CONNECTION_STRING,
    names.DEFAULT_STORAGE_DSN,
}
VAULT_ID = (
    "/subscriptions/00000000-0000-4000-8000-000000000000/resourceGroups/shop-secrets"
    "/providers/Microsoft.KeyVault/vaults/shop-kv"
)
SECRETS = {variable.name for variable in names.AZURE_VARIABLES if variable.secret}


@pytest.fixture
def azure_env(run_stack):
    def env(**settings):
        return run_stack(azure_config(**settings)).raise_for_error().outputs["env"]

    return env


def test_key_mode_env(azure_env):
    env = azure_env(urlExpirySeconds=900)
    assert set(env) == ALWAYS | KEY_MODE
    assert env[names.MEDIA_STORAGE_BACKEND] == "azure"
    assert env[names.AZURE_CONTAINER] == "public-media"
    assert env[names.AZURE_PRIVATE_CONTAINER] == "private-media"
    assert env[names.AZURE_URL_EXPIRATION_SECS] == "900"
    assert env[names.AZURE_ACCOUNT_NAME] != env[names.AZURE_PRIVATE_ACCOUNT_NAME]
    assert {name for name, value in env.items() if isinstance(value, Secret)} == KEY_MODE == SECRETS
    plain = reveal(env)
    assert plain[names.AZURE_CONNECTION_STRING] == (
        f"DefaultEndpointsProtocol=https;AccountName={plain[names.AZURE_ACCOUNT_NAME]};"
        f"AccountKey={plain[names.AZURE_ACCOUNT_KEY]};EndpointSuffix=core.windows.net"
    )
    assert plain[names.AZURE_ACCOUNT_KEY] != plain[names.AZURE_PRIVATE_ACCOUNT_KEY]


def test_the_second_key_can_be_exported_for_rotation(azure_env):
    first, second = reveal(azure_env()), reveal(azure_env(accountKeyName="key2"))
    assert first[names.AZURE_ACCOUNT_KEY] != second[names.AZURE_ACCOUNT_KEY]
    assert first[names.AZURE_ACCOUNT_NAME] == second[names.AZURE_ACCOUNT_NAME]


def test_identity_mode_exports_the_client_id_and_no_keys(azure_env):
    env = azure_env(credentials="identity")
    assert set(env) == ALWAYS | {names.AZURE_CLIENT_ID}
    assert not any(isinstance(value, Secret) for value in env.values())


def test_custom_domain_for_the_public_storage_only(azure_env):
    env = reveal(azure_env(customDomain="media.shop.example.com"))
    assert env[names.AZURE_CUSTOM_DOMAIN] == "media.shop.example.com"
    assert env[names.DEFAULT_STORAGE_DSN].endswith("?domain=media.shop.example.com")
    storages = storages_from_env(env)
    assert storages["default"]["OPTIONS"]["custom_domain"] == "media.shop.example.com"
    assert storages["private"]["OPTIONS"]["custom_domain"] is None


def test_no_private_dsn_on_azure(azure_env):
    assert names.PRIVATE_STORAGE_DSN not in azure_env()


def test_every_exported_variable_is_in_the_azure_contract(azure_env):
    vault = {"keyDelivery": ["keyVault"], "keyVaultId": VAULT_ID}
    exported = (
        set(azure_env(customDomain="media.shop.example.com"))
        | set(azure_env(credentials="identity"))
        | set(azure_env(**vault))
    )
    assert exported == {variable.name for variable in names.AZURE_VARIABLES}


def test_a_preview_keeps_keys_secret_and_unknown(run_stack):
    env = run_stack(azure_config(), preview=True).raise_for_error().outputs["env"]
    for name in SECRETS:
        assert isinstance(env[name], Secret), name
    assert env[names.AZURE_ACCOUNT_KEY] == Secret(UNKNOWN)


def test_key_mode_storages_sign_private_links_and_leave_public_ones_plain(azure_env):
    env = reveal(azure_env(urlExpirySeconds=900))
    storages = storages_from_env(env)
    assert storages["default"]["BACKEND"] == "storages.backends.azure_storage.AzureStorage"
    public = AzureStorage(**storages["default"]["OPTIONS"])
    private = AzureStorage(**storages["private"]["OPTIONS"])
    assert (public.account_name, public.azure_container) == (env[names.AZURE_ACCOUNT_NAME], "public-media")
    assert (private.account_name, private.azure_container) == (env[names.AZURE_PRIVATE_ACCOUNT_NAME], "private-media")
    assert public.overwrite_files is False and private.overwrite_files is False
    public_url = public.url("photos/a.jpg")
    assert public_url == f"https://{env[names.AZURE_ACCOUNT_NAME]}.blob.core.windows.net/public-media/photos/a.jpg"
    private_url = urlsplit(private.url("invoices/a.pdf"))
    query = parse_qs(private_url.query)
    assert private_url.netloc == f"{env[names.AZURE_PRIVATE_ACCOUNT_NAME]}.blob.core.windows.net"
    assert {"se", "sig", "sp"} <= set(query)
    assert query["sp"] == ["r"]
    assert storages["easy_thumbnails"] == storages["default"]


def test_identity_mode_storages_use_a_managed_identity_credential(azure_env, monkeypatch):
    created = []

    class RecordingCredential(azure.identity.ManagedIdentityCredential):
        def __init__(self, **kwargs):
            created.append(kwargs)
            super().__init__(**kwargs)

    monkeypatch.setattr(azure.identity, "ManagedIdentityCredential", RecordingCredential)
    env = reveal(azure_env(credentials="identity"))
    storages = storages_from_env(env)
    assert created == [{"client_id": env[names.AZURE_CLIENT_ID]}]
    for alias in ("default", "private"):
        options = storages[alias]["OPTIONS"]
        assert isinstance(options["token_credential"], azure.identity.ManagedIdentityCredential)
        assert "account_key" not in options and "connection_string" not in options
    assert storages["private"]["OPTIONS"]["expiration_secs"] == 3600
    assert storages["default"]["OPTIONS"]["expiration_secs"] is None


def test_the_public_dsn_configures_a_working_storage(azure_env):
    env = reveal(azure_env())
    storage = get_storage(env[names.DEFAULT_STORAGE_DSN])
    assert storage.account_name == env[names.AZURE_ACCOUNT_NAME]
    # Account keys hold + / and =: the percent-encoding must round-trip.
    assert storage.account_key == env[names.AZURE_ACCOUNT_KEY]
    assert storage.azure_container == "public-media"
    assert storage.url("a.jpg") == f"https://{env[names.AZURE_ACCOUNT_NAME]}.blob.core.windows.net/public-media/a.jpg"


def test_expiry_is_parsed_as_an_integer(azure_env):
    env = reveal(azure_env())
    with pytest.raises(ValueError) as error:
        storages_from_env({**env, names.AZURE_URL_EXPIRATION_SECS: "15m"})
    assert error.value.problems == [
        "AZURE_URL_EXPIRATION_SECS: expected a whole number of seconds from 60 to 604800; got '15m'"
    ]


def test_identity_mode_without_azure_identity_says_what_to_install(azure_env, monkeypatch):
    env = reveal(azure_env(credentials="identity"))
    monkeypatch.setitem(sys.modules, "azure.identity", None)  # as if the package were not installed
    with pytest.raises(ValueError) as error:
        storages_from_env(env)
    assert error.value.problems == [
        "AZURE_CLIENT_ID: a managed identity needs the azure-identity package; pip install azure-identity "
        '(or "django-storages[azure]" azure-identity)'
    ]
