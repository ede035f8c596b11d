"""The smallest Django project that serves media: `STORAGES` from the env, nothing else.

Its settings are the README's snippet, `STORAGES = storages_from_env(env)`, applied with
Django's `override_settings`, so `django.core.files.storage.storages` builds the real
django-storages backends from exactly the env the stack exports.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping

from django.core.files.storage import StorageHandler, storages
from django.test import override_settings

from components.django_storages import storages_from_env


@contextlib.contextmanager
def django_project(env: Mapping[str, str]) -> Iterator[StorageHandler]:
    """Django configured by `env` alone; yields `storages` (`storages["default"]`, `storages["private"]`)."""
    with override_settings(STORAGES=storages_from_env(env)):
        yield storages
