"""Shared fixtures: run the real stack program under Pulumi mocks with a given config."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from media_storage.testing import ProgramRun, run_program

# The Django side is tested with real django-storages backends, which read Django settings.
if not settings.configured:
    settings.configure(USE_TZ=True)

REPO_ROOT = Path(__file__).resolve().parent.parent

AWS_BASE_CONFIG: dict[str, Any] = {
    "aws:region": "eu-west-1",
    "media-storage:cloud": "aws",
    "media-storage:app": "shop",
}


def aws_config(**settings: Any) -> dict[str, Any]:
    """The minimal AWS config plus `media-storage:<key>` settings (None removes a key)."""
    config = dict(AWS_BASE_CONFIG)
    for key, value in settings.items():
        full = key if ":" in key else f"media-storage:{key}"
        if value is None:
            config.pop(full, None)
        else:
            config[full] = value
    return config


@pytest.fixture
def run_stack() -> Callable[..., ProgramRun]:
    """Run the repo's stack program: `run_stack(config, stack="dev", preview=False)`."""

    def run(config: dict[str, Any], *, stack: str = "dev", preview: bool = False) -> ProgramRun:
        return run_program(REPO_ROOT, stack=stack, config=config, preview=preview)

    return run


@pytest.fixture
def aws_run(run_stack: Callable[..., ProgramRun]) -> Callable[..., ProgramRun]:
    """Run the stack with the minimal AWS config plus settings, and fail on any program error."""

    def run(*, stack: str = "dev", preview: bool = False, **settings: Any) -> ProgramRun:
        return run_stack(aws_config(**settings), stack=stack, preview=preview).raise_for_error()

    return run
