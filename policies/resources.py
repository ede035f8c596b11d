"""Reading resources as policies see them: camelCase props that may be unknown during a preview.

A property that is unknown (a provider output not yet created) raises `UnknownValueError`
when read through pulumi-policy's proxy. These helpers turn that into `UNKNOWN`, so a policy
can skip what it cannot judge yet, never crash, and never report a false violation.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from pulumi_policy.proxy import UnknownValueError

APP_TAG = "media-storage:app"
STACK_TAG = "media-storage:stack"
VISIBILITY_TAG = "media-storage:visibility"
"""Tags written by the media-storage components; storage without the visibility tag is private."""


class _Unknown:
    def __repr__(self) -> str:
        return "UNKNOWN"


UNKNOWN: Any = _Unknown()


def prop(props: Any, *path: str | int, default: Any = None) -> Any:
    """The value at `path`, `default` when absent, or `UNKNOWN` when not known yet."""
    value = props
    try:
        for step in path:
            if isinstance(step, int):
                if not isinstance(value, Sequence) or isinstance(value, str) or step >= len(value):
                    return default
            elif not isinstance(value, Mapping) or step not in value:
                return default
            value = value[step]
        return plain(value)
    except UnknownValueError:
        return UNKNOWN


def plain(value: Any) -> Any:
    """A proxied value as plain dicts, lists and scalars; `UNKNOWN` if any part is unknown."""
    try:
        if isinstance(value, Mapping):
            items = {key: plain(value[key]) for key in value}
            return UNKNOWN if any(v is UNKNOWN for v in items.values()) else items
        if isinstance(value, Sequence) and not isinstance(value, str):
            elements = [plain(value[i]) for i in range(len(value))]
            return UNKNOWN if any(e is UNKNOWN for e in elements) else elements
    except UnknownValueError:
        return UNKNOWN
    return value


def is_public(props: Any) -> bool | None:
    """True for storage tagged public, False otherwise (untagged is private), None if unknown."""
    tags = prop(props, "tags", default={})
    if tags is UNKNOWN:
        return None
    return (tags or {}).get(VISIBILITY_TAG) == "public"


def is_media_principal(props: Any) -> bool:
    """Whether an IAM user/role or managed identity is tagged as a media-storage app's."""
    tags = prop(props, "tags", default={})
    return tags is not UNKNOWN and APP_TAG in (tags or {})


def as_list(value: Any) -> list[Any]:
    """A policy document field that may be one value or a list, as a list."""
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def json_document(value: Any) -> dict[str, Any] | None:
    """A policy document given as JSON text or as an object; None if unknown or not a document."""
    if value is UNKNOWN or value is None:
        return None
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return None
    return value if isinstance(value, dict) else None


def unreadable(value: Any) -> bool:
    """Whether a known policy document cannot be read (not JSON, not an object): a policy cannot
    judge it, so it fails closed."""
    return value is not UNKNOWN and value is not None and json_document(value) is None


def statements(document: Mapping[str, Any]) -> Iterator[dict[str, Any]]:
    """The statements of a policy document."""
    for statement in as_list(document.get("Statement")):
        if isinstance(statement, dict):
            yield statement


def for_types(types: Sequence[str], check: Any) -> Any:
    """A resource validation that runs `check(args, report)` only on resources of `types`."""

    def validate(args: Any, report: Any) -> None:
        if args.resource_type in types:
            check(args, report)

    return validate


def report_unprotected(what: str) -> Any:
    """A resource check that reports the resource (`what`: "bucket", "account") unless protected."""

    def check(args: Any, report: Any) -> None:
        if not args.opts.protect:
            report(f"The {what} is not protected: a `pulumi destroy` or a rename would delete its media.")

    return check
