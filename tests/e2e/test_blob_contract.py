"""Django + django-storages against Azurite, configured only by the env of an Azure stack.

`Pulumi.dev-azure.yaml`'s config (key credentials) runs under mocks; Azurite starts with
the program's two storage accounts and the keys the stack exports; containers and blob
service CORS are applied to it (apply_azure.py); the app gets the stack's env with the
connection strings pointed at Azurite. Azurite enforces container public access, shared
key and SAS signatures and expiry, and CORS; it has no lifecycle management, soft delete,
versioning, account-level public access flag or Entra ID roles (see apply_azure.py).
"""

from __future__ import annotations

import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from azure.core.exceptions import HttpResponseError
from azure.storage.blob import BlobServiceClient
from django.core.files.base import ContentFile
from django_storage_url import get_storage

from media_storage import env_contract as names
from media_storage.testing import ProgramRun, read_stack_config, reveal, run_program

from ..conftest import REPO_ROOT
from . import emulators
from .apply_azure import AppliedAzure, apply_to_azurite, connection_string
from .django_app import assert_app_round_trip, django_project
from .emulators import fetch, http_status, plain

AZURE_STACK = "dev-azure"
PUBLIC_ORIGIN = "https://shop.example.com"


def azure_stack_config() -> dict[str, Any]:
    """Pulumi.dev-azure.yaml's config with key credentials and no custom domain.

    A custom domain (a CDN in front of the public account) cannot serve the emulator, and
    the app's public URLs must reach Azurite here.
    """
    config = read_stack_config(REPO_ROOT, AZURE_STACK)
    config.pop("media-storage:customDomain", None)
    config["media-storage:credentials"] = "key"
    return config


@dataclass
class Deployment:
    run: ProgramRun
    applied: AppliedAzure
    env: dict[str, str]
    azurite: emulators.Emulator


@pytest.fixture(scope="module")
def azure(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Deployment]:
    run = run_program(REPO_ROOT, stack=AZURE_STACK, config=azure_stack_config()).raise_for_error()
    env = dict(reveal(run.outputs["env"]))
    keys = {
        env[names.AZURE_ACCOUNT_NAME]: env[names.AZURE_ACCOUNT_KEY],
        env[names.AZURE_PRIVATE_ACCOUNT_NAME]: env[names.AZURE_PRIVATE_ACCOUNT_KEY],
    }
    with emulators.azurite_blob(tmp_path_factory.mktemp("azurite"), keys) as azurite:
        applied = apply_to_azurite(run, azurite.url, keys)
        # The env as the stack exports it, but for the endpoint inside the connection strings.
        for name_var, cs_var in (
            (names.AZURE_ACCOUNT_NAME, names.AZURE_CONNECTION_STRING),
            (names.AZURE_PRIVATE_ACCOUNT_NAME, names.AZURE_PRIVATE_CONNECTION_STRING),
        ):
            env[cs_var] = connection_string(azurite.url, env[name_var], keys[env[name_var]])
        yield Deployment(run, applied, env, azurite)


def preflight(url: str, origin: str, method: str) -> int:
    return http_status(
        urllib.request.Request(
            url, method="OPTIONS", headers={"Origin": origin, "Access-Control-Request-Method": method}
        )
    )


def test_azurite_holds_the_containers_and_cors_the_components_generate(azure):
    public = f"{azure.env[names.AZURE_ACCOUNT_NAME]}/{azure.env[names.AZURE_CONTAINER]}"
    private = f"{azure.env[names.AZURE_PRIVATE_ACCOUNT_NAME]}/{azure.env[names.AZURE_PRIVATE_CONTAINER]}"
    assert azure.applied.containers == {public: "blob", private: None}
    origins = ",".join(read_stack_config(REPO_ROOT, AZURE_STACK)["media-storage:corsOrigins"])
    for connection_string_var in (names.AZURE_CONNECTION_STRING, names.AZURE_PRIVATE_CONNECTION_STRING):
        service = BlobServiceClient.from_connection_string(azure.env[connection_string_var])
        (rule,) = service.get_service_properties()["cors"]
        assert rule.allowed_origins == origins
        assert rule.allowed_methods == "GET,HEAD,PUT"  # browserUploads: true in dev-azure


@pytest.mark.parametrize("alias", ["default", "private"])
def test_the_app_saves_opens_lists_and_deletes_with_its_own_key(azure, alias):
    with django_project(azure.env) as storages:
        assert_app_round_trip(storages[alias], lists_full_names=True)


def test_a_public_file_is_served_to_anyone_but_nobody_lists_writes_or_deletes(azure):
    with django_project(azure.env) as storages:
        name = storages["default"].save("avatars/public.txt", ContentFile(b"for everyone"))
        url = storages["default"].url(name)
    assert url.startswith(f"{azure.azurite.url}/{azure.env[names.AZURE_ACCOUNT_NAME]}/")
    assert "sig=" not in url
    assert fetch(url) == (200, b"for everyone")
    container_url = url.rsplit("/", 2)[0]
    assert http_status(f"{container_url}?restype=container&comp=list") in (403, 404)
    put = urllib.request.Request(url, data=b"defaced", method="PUT", headers={"x-ms-blob-type": "BlockBlob"})
    assert http_status(put) in (401, 403, 404)
    assert http_status(urllib.request.Request(url, method="DELETE")) in (401, 403, 404)
    assert fetch(url) == (200, b"for everyone")


def test_a_private_file_is_served_only_through_its_signed_link_until_it_expires(azure):
    with django_project(azure.env) as storages:
        private = storages["private"]
        assert private.expiration_secs == int(azure.env[names.AZURE_URL_EXPIRATION_SECS])
        # The stack and the helper allow 60 s at least; the storage's lifetime is shortened here
        # so the test need not wait a minute for Azurite to refuse the link.
        private.expiration_secs = 5
        name = private.save("invoices/private.txt", ContentFile(b"only for you"))
        url = private.url(name)
    assert "sig=" in url and "se=" in url
    assert fetch(plain(url))[0] in (403, 404)
    assert fetch(url) == (200, b"only for you")
    time.sleep(6)
    assert fetch(url)[0] == 403


def test_cors_lets_only_the_configured_origins_in(azure):
    with django_project(azure.env) as storages:
        name = storages["default"].save("scripts/data.json", ContentFile(b"{}"))
        url = storages["default"].url(name)
    assert preflight(url, PUBLIC_ORIGIN, "GET") == 200
    assert preflight(url, PUBLIC_ORIGIN, "PUT") == 200  # browserUploads: true in dev-azure
    assert preflight(url, "https://evil.example.com", "GET") == 403
    assert preflight(url, PUBLIC_ORIGIN, "DELETE") == 403


@pytest.mark.parametrize(
    ("account", "container", "key"),
    [
        (names.AZURE_PRIVATE_ACCOUNT_NAME, names.AZURE_PRIVATE_CONTAINER, names.AZURE_ACCOUNT_KEY),
        (names.AZURE_ACCOUNT_NAME, names.AZURE_CONTAINER, names.AZURE_PRIVATE_ACCOUNT_KEY),
    ],
    ids=["public-key-on-private-account", "private-key-on-public-account"],
)
def test_one_account_key_does_not_open_the_other_account(azure, account, container, key):
    crossed = connection_string(azure.azurite.url, azure.env[account], azure.env[key])
    client = BlobServiceClient.from_connection_string(crossed).get_container_client(azure.env[container])
    with pytest.raises(HttpResponseError) as raised:
        client.get_container_properties()
    assert raised.value.status_code == 403


def test_the_dsn_names_the_same_storage_but_cannot_express_the_emulator(azure):
    """`az://ACCOUNT:KEY@blob.core.windows.net/CONTAINER`: django-storage-url builds
    https://ACCOUNT.blob.core.windows.net from it, so the DSN cannot point at Azurite."""
    storage = get_storage(azure.env[names.DEFAULT_STORAGE_DSN])
    assert storage.account_name == azure.env[names.AZURE_ACCOUNT_NAME]
    assert storage.account_key == azure.env[names.AZURE_ACCOUNT_KEY]
    assert storage.azure_container == azure.env[names.AZURE_CONTAINER]
    assert names.PRIVATE_STORAGE_DSN not in azure.env
