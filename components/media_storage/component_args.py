"""What a media storage component checks before it registers anything.

- its args are the validated model it expects, validated once more as a whole, so values put
  in with `model_copy(update=...)` or `model_construct` (which skip validation) cannot
  reach a resource;
- no other media storage component of the same cloud in this program has claimed the same
  app and environment: both would derive the same bucket, account and IAM names, and a real
  `pulumi up` would fail halfway.
"""

from __future__ import annotations

import weakref
from typing import Any, TypeVar

from pulumi.runtime import settings as runtime_settings
from pydantic import BaseModel

Args = TypeVar("Args", bound=BaseModel)

# Claims per program, keyed by the program's resource monitor: one per `pulumi up`, one per
# `run_program` run, one per `pulumi.runtime.set_mocks` call; never shared between them.
_claims_by_monitor: weakref.WeakKeyDictionary[Any, dict[tuple[str, str, str], str]] = weakref.WeakKeyDictionary()


def require_args(component: str, args: object, expected: type) -> None:
    """A `TypeError` naming `expected` unless `args` is one (before the component registers)."""
    if not isinstance(args, expected):
        hint = f"{expected.__name__}(...)"
        if issubclass(expected, BaseModel):
            hint += f" or {expected.__name__}.model_validate(a_dict)"
        raise TypeError(
            f"{component} takes args of type {expected.__name__}, got {type(args).__name__}; build them with {hint}"
        )


def validated_args(component: str, args: object, expected: type[Args]) -> Args:
    """`args` validated afresh as `expected`; a `TypeError` naming `expected` for anything else."""
    require_args(component, args, expected)
    # Only the fields that were set (defaults are valid, and some validators refuse an explicit
    # value where the default is fine), by field name, without serializer warnings: a smuggled
    # value of the wrong type must reach the validator and fail there, with the field's name.
    return expected.model_validate(args.model_dump(exclude_unset=True, warnings=False, round_trip=True))


def claim_app_environment(cloud: str, component: str, name: str, app: str, environment: str) -> None:
    """Record that `name` provisions `app`/`environment` on `cloud` in this program, or raise a
    `ValueError` naming the component that already does."""
    claims = _claims()
    key = (cloud, app, environment)
    holder = claims.get(key)
    if holder is not None:
        raise ValueError(
            f"{component} {name!r}: app {app!r} and environment {environment!r} are already provisioned on "
            f"{cloud} by {holder!r} in this program; both would derive the same bucket, account and "
            "credential names. Give each component its own app slug or environment"
        )
    claims[key] = name


def _claims() -> dict[tuple[str, str, str], str]:
    monitor = runtime_settings.get_monitor()
    if monitor is None:  # no program: registering will fail on its own
        return {}
    return _claims_by_monitor.setdefault(monitor, {})
