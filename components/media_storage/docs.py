"""Generate the README's reference tables from the code, so the docs cannot drift.

    python -m media_storage.docs --write README.md   # rewrite the generated sections
    python -m media_storage.docs --check README.md   # fail if they are out of date (make test)

A generated section sits between `<!-- BEGIN name -->` and `<!-- END name -->`.
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

from .env_contract import AWS_VARIABLES, AZURE_VARIABLES, EnvVariable
from .settings import MediaStorageArgsBase
from .settings.aws import AwsMediaStorageArgs
from .settings.azure import AzureMediaStorageArgs
from .stack_config import AWS_REGION_KEY, AZURE_LOCATION_KEY, NAMESPACE

# Set by the stack program from the provider's config rather than by `media-storage:*` config.
_NOT_CONFIG = {"region", "location"}


def config_reference() -> str:
    """The config reference table: every key with cloud, type, default and meaning."""
    base = set(MediaStorageArgsBase.model_fields)
    rows = [
        ("cloud", "all", "`aws` \\| `azure`", "required", "Which cloud to provision."),
        *_model_rows(MediaStorageArgsBase, "all"),
        *_model_rows(AwsMediaStorageArgs, "aws", skip=base),
        *_model_rows(AzureMediaStorageArgs, "azure", skip=base),
    ]
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
        if (name in _NOT_CONFIG or name in skip) and not prefix:
            continue
        key = prefix + (field.alias or name)
        nested = _nested_model(field.annotation)
        if nested is not None:
            yield from _model_rows(nested, cloud, f"{key}.")
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


def env_table(variables: tuple[EnvVariable, ...]) -> str:
    """A table of env contract variables."""
    lines = ["| Variable | Value | Exported when | Secret |", "|---|---|---|---|"]
    lines += [f"| `{v.name}` | {v.meaning} | {v.present} | {'yes' if v.secret else 'no'} |" for v in variables]
    return "\n".join(lines)


SECTIONS = {
    "config-reference": config_reference,
    "env-aws": lambda: env_table(AWS_VARIABLES),
    "env-azure": lambda: env_table(AZURE_VARIABLES),
}


def render(text: str) -> str:
    """`text` with every generated section replaced by its current content."""
    for name, build in SECTIONS.items():
        pattern = re.compile(rf"(<!-- BEGIN {name} -->\n)(?:.*?\n)?(<!-- END {name} -->)", re.DOTALL)
        if not pattern.search(text):
            raise ValueError(f"section {name!r} is missing: add <!-- BEGIN {name} --> and <!-- END {name} -->")
        text = pattern.sub(lambda match, b=build: f"{match.group(1)}{b()}\n{match.group(2)}", text)
    return text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m media_storage.docs", description=__doc__.splitlines()[0])
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--check", action="store_true", help="fail if the file is out of date")
    mode.add_argument("--write", action="store_true", help="rewrite the generated sections")
    parser.add_argument("path", type=Path)
    args = parser.parse_args(argv)
    current = args.path.read_text(encoding="utf-8")
    try:
        expected = render(current)
    except ValueError as error:
        print(f"{args.path}: {error}", file=sys.stderr)
        return 1
    if args.write:
        args.path.write_text(expected, encoding="utf-8")
        return 0
    if current != expected:
        print(f"{args.path}: generated tables are out of date; run `make docs`", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
