"""Which CORS origins a media storage must not allow."""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1"})


def untrusted_origins(origins: Iterable[object]) -> list[object]:
    """The origins that are wildcards, not https, or plain http to anything but this machine."""
    untrusted = []
    for origin in origins:
        if not isinstance(origin, str) or "*" in origin:
            untrusted.append(origin)
            continue
        parts = urlsplit(origin)
        local_http = parts.scheme == "http" and parts.hostname in LOOPBACK_HOSTS
        if not (parts.scheme == "https" or local_http) or not parts.hostname:
            untrusted.append(origin)
    return untrusted
