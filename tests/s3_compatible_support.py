"""Configs for the DigitalOcean Spaces and Cloudflare R2 stacks, shared by their tests."""

from __future__ import annotations

from typing import Any

ACCOUNT_ID = "0123456789abcdef0123456789abcdef"
ZONE_ID = "fedcba9876543210fedcba9876543210"

SPACES_BASE: dict[str, Any] = {
    "media-storage:cloud": "digitalocean",
    "media-storage:region": "ams3",
    "media-storage:app": "shop",
}
R2_BASE: dict[str, Any] = {
    "media-storage:cloud": "cloudflare",
    "media-storage:accountId": ACCOUNT_ID,
    "media-storage:app": "shop",
}


def config(base: dict[str, Any], **settings: Any) -> dict[str, Any]:
    """`base` plus `media-storage:<key>` settings (None removes a key)."""
    values = dict(base)
    for key, value in settings.items():
        full = key if ":" in key else f"media-storage:{key}"
        if value is None:
            values.pop(full, None)
        else:
            values[full] = value
    return values


def problems(run) -> list[str]:
    """The problem lines of a failed run, after checking nothing was registered."""
    assert run.resources == [], "a config error must stop the program before any resource"
    assert run.error is not None and run.error_traceback is None, run.error_traceback
    assert run.error.startswith("invalid stack config")
    return [line.removeprefix("  - ") for line in run.error.splitlines()[1:]]
