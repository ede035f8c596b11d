"""Local emulators for the end-to-end tests: moto (S3, IAM) and Azurite (Blob) on loopback.

Each server gets a free 127.0.0.1 port and its own temporary directory, is polled until it
answers (bounded), and is killed (SIGKILL: Azurite ignores SIGTERM for a while) when the
fixture that started it ends, also when tests fail. Nothing listens beyond loopback.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

REPO_ROOT = Path(__file__).resolve().parents[2]
AZURITE_BLOB = REPO_ROOT / "node_modules" / ".bin" / "azurite-blob"
START_TIMEOUT_SECONDS = 30.0
REQUEST_TIMEOUT_SECONDS = 10.0


class EmulatorError(RuntimeError):
    """An emulator could not be started or did not answer in time."""


@dataclass
class Emulator:
    """A running emulator: its base URL and process."""

    name: str
    url: str
    process: subprocess.Popen[bytes]
    log_path: Path

    def log(self) -> str:
        """What the emulator printed so far (for failure messages)."""
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(request: urllib.request.Request | str) -> tuple[int, bytes]:
    """The HTTP status and body of a request (errors included), with a bounded timeout."""
    try:
        with urllib.request.urlopen(request, timeout=REQUEST_TIMEOUT_SECONDS) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def http_status(request: urllib.request.Request | str) -> int:
    """The HTTP status of a request (errors included), with a bounded timeout."""
    return fetch(request)[0]


def plain(url: str) -> str:
    """`url` without its query string (a signed link minus its signature)."""
    return urlunsplit(urlsplit(url)._replace(query=""))


def _die_with_parent() -> None:
    """In the child, before exec: on Linux, get SIGKILL when the test process dies.

    Covers what `finally` cannot: pytest itself killed (a CI timeout, SIGTERM, SIGKILL).
    """
    if sys.platform == "linux":
        pr_set_pdeathsig = 1
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL)


@contextlib.contextmanager
def running(
    name: str,
    command: list[str],
    *,
    port: int,
    workdir: Path,
    env: Mapping[str, str],
    ready: Callable[[Emulator], bool] | None = None,
) -> Iterator[Emulator]:
    """Start `command`, wait until http://127.0.0.1:`port` answers, and always kill it afterwards.

    `ready(emulator)` tells our server from anything else that may answer on the port.
    """
    workdir.mkdir(parents=True, exist_ok=True)
    log_path = workdir / f"{name}.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command,
            cwd=workdir,
            env={**os.environ, **env},
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            preexec_fn=_die_with_parent,  # noqa: PLW1509 -- only calls prctl
        )
    emulator = Emulator(name, f"http://127.0.0.1:{port}", process, log_path)
    try:
        _wait_until_answers(emulator, ready or _answers)
        yield emulator
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, 9)
        process.wait(timeout=REQUEST_TIMEOUT_SECONDS)


def _wait_until_answers(emulator: Emulator, ready: Callable[[Emulator], bool]) -> None:
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if emulator.process.poll() is not None:
            raise EmulatorError(f"{emulator.name} exited with {emulator.process.returncode}:\n{emulator.log()}")
        try:
            answered = ready(emulator)
        except OSError:
            answered = False
        # Still alive after answering: it is our process on the port, not another one.
        if answered and emulator.process.poll() is None:
            return
        time.sleep(0.1)
    raise EmulatorError(f"{emulator.name} did not answer within {START_TIMEOUT_SECONDS:.0f} s:\n{emulator.log()}")


@contextlib.contextmanager
def moto_server(workdir: Path) -> Iterator[Emulator]:
    """moto in server mode (S3, IAM, STS), IAM enforcement off until `MotoAuth.enforce()`."""
    port = free_port()
    command = [sys.executable, "-m", "moto.server", "--host", "127.0.0.1", "--port", str(port)]
    # Set, so moto checks IAM at all; "inf" requests go unchecked until reset-auth lowers it.
    env = {"INITIAL_NO_AUTH_ACTION_COUNT": "inf"}
    with running("moto", command, port=port, workdir=workdir, env=env, ready=_is_moto) as emulator:
        yield emulator


@contextlib.contextmanager
def azurite_blob(workdir: Path, accounts: Mapping[str, str]) -> Iterator[Emulator]:
    """Azurite's Blob service, strict mode, serving `accounts` (name to base64 key)."""
    if not AZURITE_BLOB.exists():
        raise EmulatorError(f"{AZURITE_BLOB} is missing: `make test` installs it with `npm ci`")
    if shutil.which("node") is None:
        raise EmulatorError("Azurite needs Node.js on PATH")
    port = free_port()
    command = [
        str(AZURITE_BLOB),
        "--blobHost",
        "127.0.0.1",
        "--blobPort",
        str(port),
        "--location",
        str(workdir / "data"),
        "--skipApiVersionCheck",
        "--disableProductStyleUrl",
        "--silent",
    ]
    env = {"AZURITE_ACCOUNTS": ";".join(f"{name}:{key}" for name, key in accounts.items())}
    with running("azurite", command, port=port, workdir=workdir, env=env, ready=_is_azurite) as emulator:
        yield emulator


def _answers(emulator: Emulator) -> bool:
    return http_status(emulator.url + "/") > 0


def _is_moto(emulator: Emulator) -> bool:
    return http_status(emulator.url + "/moto-api/data.json") == 200


def _is_azurite(emulator: Emulator) -> bool:
    try:
        with urllib.request.urlopen(emulator.url + "/", timeout=REQUEST_TIMEOUT_SECONDS) as response:
            server = response.headers.get("Server", "")
    except urllib.error.HTTPError as error:
        server = error.headers.get("Server", "")
    return server.startswith("Azurite-Blob")


@dataclass
class MotoAuth:
    """Switches moto's IAM enforcement for signed requests on and off.

    While it is on, moto answers anonymous and presigned requests with a 500, so the tests
    that make those requests turn it off first.
    """

    url: str

    def enforce(self) -> None:
        self._reset("0")

    def lift(self) -> None:
        self._reset("inf")

    def _reset(self, count: str) -> None:
        request = urllib.request.Request(
            f"{self.url}/moto-api/reset-auth",
            data=count.encode(),
            method="POST",
            headers={"Content-Type": "text/plain"},
        )
        if http_status(request) != 200:
            raise EmulatorError(f"moto refused reset-auth {count}")

    @contextlib.contextmanager
    def enforced(self) -> Iterator[None]:
        self.enforce()
        try:
            yield
        finally:
            self.lift()
