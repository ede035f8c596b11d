"""The emulator harness itself: servers answer on loopback, and never outlive their fixture."""

from __future__ import annotations

import sys

import pytest
from botocore.exceptions import ClientError

from . import emulators
from .conftest import moto_client


def test_a_server_is_stopped_when_its_block_ends_even_on_failure(tmp_path):
    port = emulators.free_port()
    command = [sys.executable, "-m", "http.server", "--bind", "127.0.0.1", str(port)]
    started = []
    with (
        pytest.raises(RuntimeError, match="a failing test"),
        emulators.running("http", command, port=port, workdir=tmp_path, env={}) as server,
    ):
        assert server.url == f"http://127.0.0.1:{port}"
        assert emulators.http_status(server.url + "/") == 200
        started.append(server.process)
        raise RuntimeError("a failing test")
    (process,) = started
    assert process.poll() is not None
    with pytest.raises(OSError):
        emulators.http_status(f"http://127.0.0.1:{port}/")


def test_a_server_that_exits_at_start_is_reported_with_its_output(tmp_path):
    command = [sys.executable, "-c", "import sys; print('cannot start: port taken'); sys.exit(3)"]
    with (
        pytest.raises(emulators.EmulatorError, match=r"(?s)exited with 3.*cannot start: port taken"),
        emulators.running("broken", command, port=emulators.free_port(), workdir=tmp_path, env={}),
    ):
        pass


def test_moto_enforces_iam_only_while_asked(moto, moto_auth):
    s3 = moto_client("s3", moto.url, "AKIAUNKNOWN", "unknown")
    s3.list_buckets()  # not enforced: any key works
    with moto_auth.enforced(), pytest.raises(ClientError) as raised:
        s3.list_buckets()
    assert raised.value.response["Error"]["Code"] == "InvalidAccessKeyId"
    s3.list_buckets()
