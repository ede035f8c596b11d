"""The smallest Django project that serves media: `STORAGES` from the env, nothing else.

Its settings are the docs' snippet (docs/django.md), `STORAGES = storages_from_env(env)`, applied with
Django's `override_settings`, so `django.core.files.storage.storages` builds the real
django-storages backends from exactly the env the stack exports.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping

from django.core.files.base import ContentFile
from django.core.files.storage import Storage, StorageHandler, storages
from django.test import override_settings

from media_storage.django_storages import storages_from_env


@contextlib.contextmanager
def django_project(env: Mapping[str, str]) -> Iterator[StorageHandler]:
    """Django configured by `env` alone; yields `storages` (`storages["default"]`, `storages["private"]`)."""
    with override_settings(STORAGES=storages_from_env(env)):
        yield storages


def assert_app_round_trip(storage: Storage, *, lists_full_names: bool = False) -> None:
    """What the app does with a storage: save (twice under one name), check, open, list, delete.

    `lists_full_names`: django-storages' AzureStorage lists full (container-relative) names,
    S3Storage names relative to the directory.
    """
    name = storage.save("contract/hello.txt", ContentFile(b"hello"))
    again = storage.save("contract/hello.txt", ContentFile(b"second"))
    assert again != name, "a second upload of the same name must not overwrite the first"
    assert storage.exists(name)
    assert not storage.exists("contract/missing.txt")
    with storage.open(name) as stored:
        assert stored.read() == b"hello"
    listed = {name, again} if lists_full_names else {name.rsplit("/", 1)[1], again.rsplit("/", 1)[1]}
    assert listed <= set(storage.listdir("contract")[1])
    storage.delete(name)
    storage.delete(again)
    assert not storage.exists(name)
