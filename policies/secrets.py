"""Secret values out of the report: policies see secrets unwrapped, the report shows `[secret]`.

The engine hands a policy every input in clear, so a violation message may quote a CORS
origin or a statement of a policy document the program marked secret. The checker knows
which inputs were secret (`Secret` in the registered inputs, `secure:` stack config) and
masks each of their values wherever the report would print it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from media_storage.testing import RegisteredResource, Secret, reveal

MASK = "[secret]"
_PART_SEPARATORS = re.compile(r"[:/]")  # of ARNs (arn:aws:s3:::bucket/key) and Azure scopes
_SHORTEST_PART = 4  # shorter parts are syntax (arn, aws, s3, iam, *), not names


def secret_values(resources: Iterable[RegisteredResource], config: Mapping[str, Any] | None = None) -> set[str]:
    """The text of every secret among the resources' inputs and the stack's `config`: each
    string and number, and the strings and numbers inside a secret that is a JSON document
    (a policy document is one secret; a message quotes one of its statements)."""
    found: set[str] = set()
    for resource in resources:
        for secret in _secrets(resource.inputs):
            found.update(_texts(reveal(secret)))
    for value in (config or {}).values():
        if isinstance(value, Secret):
            found.update(_texts(reveal(value)))
    found.discard("")
    return found


def _secrets(value: Any) -> Iterator[Secret]:
    if isinstance(value, Secret):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _secrets(item)
    elif isinstance(value, list):
        for item in value:
            yield from _secrets(item)


def _texts(value: Any) -> Iterator[str]:
    """Every string and number in `value`, as a message would print it."""
    if isinstance(value, bool) or value is None:
        return  # true, false and null name nothing: masking them would only garble messages
    if isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)
    elif isinstance(value, str):
        yield value
        yield repr(value)[1:-1]  # as `{value!r}` quotes it, escapes included
        yield from _texts(_json_document(value))
    elif isinstance(value, int | float):
        yield str(value)


def _json_document(text: str) -> Any:
    """The object or list `text` holds as JSON; None for any other text."""
    if text.lstrip()[:1] not in ("{", "["):
        return None
    try:
        return json.loads(text)
    except ValueError:
        return None


class SecretMask:
    """Replaces every occurrence of known secret values in a text with `[secret]`, and the
    parts of them a policy quotes on its own: the bucket or account in an ARN or a scope."""

    def __init__(self, values: Iterable[str]) -> None:
        """`values`: the secret texts (`secret_values`)."""
        values = set(values)
        parts = {part for value in values for part in _PART_SEPARATORS.split(value) if len(part) >= _SHORTEST_PART}
        # A secret is masked wherever it occurs; a number or a part only where it stands on
        # its own, not as the digits of a longer number or a piece of a longer name.
        alternatives = {value: re.escape(value) for value in values if not _is_number(value)}
        for token in parts | {value for value in values if _is_number(value)}:
            alternatives.setdefault(token, rf"(?<![\w.-]){re.escape(token)}(?![\w.-])")
        ordered = [alternatives[text] for text in sorted(alternatives, key=len, reverse=True)]  # longest first
        self._pattern = re.compile("|".join(ordered)) if ordered else None

    def __call__(self, text: str) -> str:
        return self._pattern.sub(MASK, text) if self._pattern else text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
