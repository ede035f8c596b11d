"""Generate the reference tables of the README and `docs/*.md` from the code, so the docs cannot drift.

    python -m media_storage.docs --write   # rewrite the generated sections (`make docs`)
    python -m media_storage.docs --check   # fail if one is out of date or missing (`make test`)

Without paths, both work on `README.md` and every `docs/*.md` of the current directory. A
generated section sits between `<!-- BEGIN name -->` and `<!-- END name -->`; each of
`SECTIONS` appears in exactly one of the files.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import types
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from .env_contract import (
    APP_VARIABLES,
    AWS_VARIABLES,
    AZURE_VARIABLES,
    R2_VARIABLES,
    SPACES_VARIABLES,
    EnvVariable,
)
from .settings import MediaStorageArgsBase, document_fields
from .settings.aws import AwsMediaStorageArgs
from .settings.azure import AzureMediaStorageArgs
from .settings.cloudflare import CloudflareMediaStorageArgs
from .settings.digitalocean import DigitalOceanMediaStorageArgs
from .stack_config import AWS_REGION_KEY, AZURE_LOCATION_KEY, CLOUDS, NAMESPACE

CLOUD_MODELS: dict[str, type[MediaStorageArgsBase]] = {
    "aws": AwsMediaStorageArgs,
    "azure": AzureMediaStorageArgs,
    "digitalocean": DigitalOceanMediaStorageArgs,
    "cloudflare": CloudflareMediaStorageArgs,
}
"""Each cloud's settings model, in the order of the config reference."""

# Fields the stack program fills from the provider's config (`aws:region`, `azure-native:location`)
# rather than from `media-storage:*`; Spaces' `region` is ours (`media-storage:region`).
_FROM_PROVIDER_CONFIG = {"aws": {"region"}, "azure": {"location"}}


def config_reference() -> str:
    """The config reference table: every key with cloud, type, default and meaning."""
    for model in (MediaStorageArgsBase, *CLOUD_MODELS.values()):
        document_fields(model)
    base = set(MediaStorageArgsBase.model_fields)
    clouds = " \\| ".join(f"`{cloud}`" for cloud in CLOUDS)
    rows = [
        ("cloud", "all", clouds, "required", "Which cloud to provision."),
        *_model_rows(MediaStorageArgsBase, "all"),
    ]
    for cloud, model in CLOUD_MODELS.items():
        # A cloud's narrower rules for a shared key (e.g. no versioning on R2) are its validators'
        # and docs/s3-compatible.md's; the table lists each key once, where it is declared.
        rows += _model_rows(model, cloud, skip=base | _FROM_PROVIDER_CONFIG.get(cloud, set()))
    lines = ["| Key | Cloud | Type | Default | Meaning |", "|---|---|---|---|---|"]
    lines += [
        f"| `{NAMESPACE}:{key}` | {cloud} | {type_} | {default} | {meaning} |"
        for key, cloud, type_, default, meaning in rows
    ]
    lines += [
        f"| `{AWS_REGION_KEY}` | aws | string | required | Region of the buckets (the AWS provider's setting). |",
        f"| `{AZURE_LOCATION_KEY}` | azure | string | required | Region of the resource group, accounts and "
        "identity (the Azure provider's setting). |",
    ]
    return "\n".join(lines)


def _model_rows(
    model: type[BaseModel], cloud: str, prefix: str = "", skip: set[str] = frozenset()
) -> Iterator[tuple[str, ...]]:
    for name, field in model.model_fields.items():
        if name in skip and not prefix:
            continue
        key = prefix + (field.alias or name)
        nested = _nested_model(field.annotation)
        if nested is not None:
            yield from _model_rows(nested, cloud, f"{key}.")
            continue
        item = _list_item_model(field.annotation)
        if item is not None:  # a list of objects: its row, then one row per key of an item
            yield key, cloud, "list of objects", _default(name, field), _meaning(field)
            yield from _model_rows(item, cloud, f"{key}[].")
            continue
        yield key, cloud, _type_name(field.annotation), _default(name, field), _meaning(field)


def _meaning(field: FieldInfo) -> str:
    return " ".join((field.description or "").split()).replace("|", "\\|")


def _default(name: str, field: FieldInfo) -> str:
    if name == "environment":
        return "the stack name"
    if field.default is PydanticUndefined:
        return "required"
    if field.default is None:
        return "unset"
    value = field.default
    if isinstance(value, tuple):
        value = list(value)
    return f"`{json.dumps(value)}`"


def _type_name(annotation: Any) -> str:
    annotation = _unwrap(annotation)
    origin = get_origin(annotation)
    if origin in (tuple, list):
        return f"list of {_type_name(get_args(annotation)[0])}"
    if origin is Literal:
        return " \\| ".join(f"`{value}`" for value in get_args(annotation))
    return {str: "string", int: "integer", bool: "boolean"}.get(annotation, getattr(annotation, "__name__", "value"))


def _unwrap(annotation: Any) -> Any:
    if get_origin(annotation) is typing.Annotated:
        return _unwrap(get_args(annotation)[0])
    if get_origin(annotation) in (Union, types.UnionType):
        members = [arg for arg in get_args(annotation) if arg is not type(None)]
        if len(members) == 1:
            return _unwrap(members[0])
    return annotation


def _nested_model(annotation: Any) -> type[BaseModel] | None:
    annotation = _unwrap(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return None


def _list_item_model(annotation: Any) -> type[BaseModel] | None:
    annotation = _unwrap(annotation)
    if get_origin(annotation) in (tuple, list):
        return _nested_model(get_args(annotation)[0])
    return None


def env_table(variables: tuple[EnvVariable, ...]) -> str:
    """A table of the variables a stack exports."""
    lines = ["| Variable | Value | Exported when | Secret |", "|---|---|---|---|"]
    lines += [f"| `{v.name}` | {v.meaning} | {v.present} | {'yes' if v.secret else 'no'} |" for v in variables]
    return "\n".join(lines)


def app_env_table() -> str:
    """A table of the variables the app's operator sets and the Django helper reads."""
    lines = ["| Variable | Value | Read when |", "|---|---|---|"]
    lines += [f"| `{v.name}` | {v.meaning} | {v.present} |" for v in APP_VARIABLES]
    return "\n".join(lines)


SECTIONS = {
    "config-reference": config_reference,
    "env-aws": lambda: env_table(AWS_VARIABLES),
    "env-azure": lambda: env_table(AZURE_VARIABLES),
    "env-spaces": lambda: env_table(SPACES_VARIABLES),
    "env-r2": lambda: env_table(R2_VARIABLES),
    "env-app": app_env_table,
}

_SECTION = re.compile(r"(<!-- BEGIN (?P<name>[a-z0-9-]+) -->\n)(?:.*?\n)?(<!-- END (?P=name) -->)", re.DOTALL)


def sections_in(text: str) -> list[str]:
    """The names of the generated sections `text` holds, in order."""
    return [match["name"] for match in _SECTION.finditer(text)]


def render(text: str) -> str:
    """`text` with every generated section it holds replaced by its current content."""
    for name in sections_in(text):
        if name not in SECTIONS:
            raise ValueError(f"unknown generated section {name!r}; known: {', '.join(SECTIONS)}")

    def replace(match: re.Match[str]) -> str:
        return f"{match.group(1)}{SECTIONS[match['name']]()}\n{match.group(3)}"

    return _SECTION.sub(replace, text)


def default_paths(root: Path = Path()) -> list[Path]:
    """The README and every page under docs/."""
    return [root / "README.md", *sorted((root / "docs").glob("*.md"))]


def problems(paths: list[Path], *, write: bool = False) -> list[str]:
    """What is wrong with the generated sections of `paths` (rewritten first with `write`)."""
    found: list[str] = []
    placed: dict[str, list[Path]] = {name: [] for name in SECTIONS}
    for path in paths:
        current = path.read_text(encoding="utf-8")
        try:
            expected = render(current)
        except ValueError as error:
            found.append(f"{path}: {error}")
            continue
        for name in sections_in(current):
            placed[name].append(path)
        if write and expected != current:
            path.write_text(expected, encoding="utf-8")
        elif expected != current:
            found.append(f"{path}: generated tables are out of date; run `make docs`")
    for name, where in placed.items():
        if not where:
            found.append(f"section {name!r} is in none of the docs: add <!-- BEGIN {name} --> and <!-- END {name} -->")
        elif len(where) > 1:
            found.append(f"section {name!r} is in several files ({', '.join(map(str, where))}); keep it in one")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m media_storage.docs", description=__doc__.splitlines()[0])
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--check", action="store_true", help="fail if a generated section is out of date or missing")
    mode.add_argument("--write", action="store_true", help="rewrite the generated sections")
    parser.add_argument("paths", type=Path, nargs="*", help="default: README.md and docs/*.md")
    args = parser.parse_args(argv)
    found = problems(args.paths or default_paths(), write=args.write)
    for problem in found:
        print(problem, file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
