"""Session fixtures: the emulators, started on loopback for the tests that need them."""

from __future__ import annotations

from collections.abc import Iterator

import boto3
import pytest
from botocore.client import BaseClient
from botocore.config import Config

from . import emulators

EMULATOR_REGION = "eu-west-1"


@pytest.fixture(scope="session")
def moto(tmp_path_factory: pytest.TempPathFactory) -> Iterator[emulators.Emulator]:
    """moto's S3/IAM server for the whole session, killed at the end."""
    with emulators.moto_server(tmp_path_factory.mktemp("moto")) as server:
        yield server


@pytest.fixture(scope="session")
def moto_auth(moto: emulators.Emulator) -> emulators.MotoAuth:
    """IAM enforcement switch; off unless a test turns it on (and it is off again afterwards)."""
    auth = emulators.MotoAuth(moto.url)
    auth.lift()
    return auth


def moto_client(service: str, url: str, key_id: str = "admin", secret: str = "admin") -> BaseClient:
    """A boto3 client for moto; the default keys act as the account admin while IAM is not enforced."""
    return boto3.client(
        service,
        endpoint_url=url,
        region_name=EMULATOR_REGION,
        aws_access_key_id=key_id,
        aws_secret_access_key=secret,
        config=Config(s3={"addressing_style": "path"}, signature_version="s3v4", retries={"max_attempts": 1}),
    )
