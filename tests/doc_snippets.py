"""The code blocks of the README and `docs/*.md`, each with the marker that says how it is checked.

A fenced block is preceded (on the line before) by one of:

- `<!-- snippet: NAME -->`: a test runs it, fetched with `snippet("NAME")`;
- `<!-- not run: REASON -->`: with one of `NOT_RUN_REASONS` (the Pulumi CLI, a cloud account, ...).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from media_storage.docs import default_paths

REPO_ROOT = Path(__file__).resolve().parent.parent

NOT_RUN_REASONS = frozenset(
    {
        "needs the Pulumi CLI",
        "needs a cloud account",
        "needs the network",
        "example output",
        "the test command itself (.ci/run)",
        "a diagram",
    }
)

_BLOCK = re.compile(r"^(?P<marker>[^\n]*)\n```(?P<lang>[a-z]*)\n(?P<code>.*?)^```$", re.MULTILINE | re.DOTALL)
_MARKER = re.compile(r"<!-- (?:snippet: (?P<name>[a-z0-9-]+)|not run: (?P<reason>[^>]+?)) -->")


@dataclass(frozen=True)
class Block:
    path: Path
    lang: str
    code: str
    name: str | None
    reason: str | None
    marker_line: str


def doc_files() -> list[Path]:
    """The README and every page under docs/ (the files the docs generator checks)."""
    return default_paths(REPO_ROOT)


def blocks() -> list[Block]:
    """Every fenced block of the docs, with its marker (if any)."""
    found = []
    for path in doc_files():
        for match in _BLOCK.finditer(path.read_text(encoding="utf-8")):
            marker = _MARKER.fullmatch(match["marker"].strip())
            found.append(
                Block(
                    path=path,
                    lang=match["lang"],
                    code=match["code"],
                    name=marker["name"] if marker else None,
                    reason=marker["reason"] if marker else None,
                    marker_line=match["marker"],
                )
            )
    return found


def snippet(name: str) -> str:
    """The code of the one block marked `<!-- snippet: name -->`."""
    matches = [block.code for block in blocks() if block.name == name]
    assert len(matches) == 1, f"expected one snippet {name!r} in the docs, found {len(matches)}"
    return matches[0]
