"""Read and validate the stack's `media-storage:*` config before anything is created.

Every problem becomes one line that names the config key, the bad value and what is
allowed; all lines are raised together as an `InvalidConfigError`, a `pulumi.RunError`,
which the Pulumi CLI prints without a Python traceback.
"""

from __future__ import annotations

import importlib
import json
import types
import typing
from dataclasses import dataclass
from typing import Any, Literal, Union, get_args, get_origin

import pulumi
from pulumi.runtime import config as runtime_config
from pydantic import BaseModel, ValidationError
from pydantic.alias_generators import to_camel
from pydantic_core import ErrorDetails

if typing.TYPE_CHECKING:
    from .settings.aws import AwsMediaStorageArgs
    from .settings.azure import AzureMediaStorageArgs
    from .settings.cloudflare import CloudflareMediaStorageArgs
    from .settings.digitalocean import DigitalOceanMediaStorageArgs

NAMESPACE = "media-storage"
CLOUDS = ("aws", "azure", "digitalocean", "cloudflare")
AWS_REGION_KEY = "aws:region"
AZURE_LOCATION_KEY = "azure-native:location"

Cloud = Literal["aws", "azure", "digitalocean", "cloudflare"]


class InvalidConfigError(pulumi.RunError):
    """The stack's config is invalid; `problems` holds one message per problem."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        count = f"{len(problems)} problem" + ("s" if len(problems) > 1 else "")
        super().__init__(f"invalid stack config ({count}):\n" + "\n".join(f"  - {p}" for p in problems))


@dataclass(frozen=True)
class StackConfig:
    """The validated config of a stack."""

    cloud: Cloud
    """Which cloud the stack provisions."""

    args: AwsMediaStorageArgs | AzureMediaStorageArgs | DigitalOceanMediaStorageArgs | CloudflareMediaStorageArgs
    """The arguments of the cloud's media storage component."""


def raw_config(namespace: str = NAMESPACE) -> dict[str, str]:
    """Every value set in `namespace`, keyed without the namespace (Pulumi passes strings)."""
    keys = set(runtime_config.CONFIG.get()) | set(runtime_config.get_config_env())
    prefix = f"{namespace}:"
    values = {key.removeprefix(prefix): runtime_config.get_config(key) for key in keys if key.startswith(prefix)}
    return {key: value for key, value in sorted(values.items()) if value is not None}


def load_stack_config() -> StackConfig:
    """The stack's validated config; raises `InvalidConfigError` listing every problem."""
    raw = raw_config()
    cloud = raw.pop("cloud", None)
    if cloud not in CLOUDS:
        got = "it is not set" if cloud is None else f"got {cloud!r}"
        one_of = ", ".join(f"`{name}`" for name in CLOUDS)
        raise InvalidConfigError([f"{NAMESPACE}:cloud: required, one of {one_of}; {got}"])
    return StackConfig(cloud=cloud, args=_args(cloud, raw))


@dataclass(frozen=True)
class _CloudSettings:
    # The settings model, imported when first needed: a stack validates its own cloud's, and
    # looks at another cloud's only when a key is not its own (pydantic models cost to build).
    model_path: str
    # The component argument filled from the provider's config, if any: the DigitalOcean
    # provider has no region for Spaces (`media-storage:region`), the Cloudflare provider no
    # account (`media-storage:accountId`), so those are our own keys.
    field: str | None = None
    provider_key: str | None = None
    example: str | None = None

    @property
    def model(self) -> type[BaseModel]:
        module, _, name = self.model_path.rpartition(".")
        return getattr(importlib.import_module(module, __package__), name)


_CLOUDS = {
    "aws": _CloudSettings(".settings.aws.AwsMediaStorageArgs", "region", AWS_REGION_KEY, "eu-west-1"),
    "azure": _CloudSettings(".settings.azure.AzureMediaStorageArgs", "location", AZURE_LOCATION_KEY, "westeurope"),
    "digitalocean": _CloudSettings(".settings.digitalocean.DigitalOceanMediaStorageArgs"),
    "cloudflare": _CloudSettings(".settings.cloudflare.CloudflareMediaStorageArgs"),
}


def _args(cloud: str, raw: dict[str, str]) -> Any:
    """Validate `raw` as the cloud's component arguments, region or location from the provider's config."""
    settings = _CLOUDS[cloud]
    problems: list[str] = []
    own = set(_aliases(settings.model))
    strangers = set(raw) - own
    for other_cloud, other in _CLOUDS.items():
        if not strangers:
            break
        for key in sorted(strangers & (set(_aliases(other.model)) - own - {other.field})):
            problems.append(f"{NAMESPACE}:{key}: only applies with cloud {other_cloud}")
            raw.pop(key)
            strangers.discard(key)
    if settings.field is None or settings.provider_key is None:
        values = _parse(settings.model, raw, problems)
        values.setdefault("environment", pulumi.get_stack())
        return _validate(settings.model, values, problems, {})
    value = runtime_config.get_config(settings.provider_key)
    if value is None:
        problems.append(
            f"{settings.provider_key}: required with cloud {cloud}, "
            f"e.g. `pulumi config set {settings.provider_key} {settings.example}`"
        )
    if settings.field in raw:
        problems.append(
            f"{NAMESPACE}:{settings.field}: unknown key; the {settings.field} comes from {settings.provider_key}"
        )
        raw.pop(settings.field)
    values = _parse(settings.model, raw, problems)
    values.setdefault("environment", pulumi.get_stack())
    if value is not None:
        values[settings.field] = value
    return _validate(settings.model, values, problems, {settings.field: settings.provider_key})


def _aliases(model: type[BaseModel]) -> list[str]:
    return [field.alias or name for name, field in model.model_fields.items()]


def _parse(model: type[BaseModel], raw: dict[str, str], problems: list[str]) -> dict[str, Any]:
    """Decode JSON for list- and object-valued fields; scalars stay strings for pydantic to parse."""
    fields = {field.alias or name: field for name, field in model.model_fields.items()}
    values: dict[str, Any] = {}
    for key, text in raw.items():
        field = fields.get(key)
        if field is None or not _is_structured(field.annotation):
            values[key] = text
            continue
        try:
            values[key] = json.loads(text)
        except json.JSONDecodeError:
            kind = "list" if _is_sequence(field.annotation) else "object"
            problems.append(f"{NAMESPACE}:{key}: expected a {kind} (YAML or JSON); got {text!r}")
    return values


def _validate(
    model: type[BaseModel],
    values: dict[str, Any],
    problems: list[str],
    foreign_keys: dict[str, str],
) -> Any:
    allowed = sorted(field.alias or name for name, field in model.model_fields.items() if name not in foreign_keys)
    try:
        args = model.model_validate(values)
    except ValidationError as error:
        problems.extend(_describe(detail, allowed, foreign_keys) for detail in error.errors())
    if problems:
        raise InvalidConfigError(problems)
    return args


def _describe(error: ErrorDetails, allowed: list[str], foreign_keys: dict[str, str]) -> str:
    loc = error["loc"]
    if error["type"] != "extra_forbidden":
        # A default that fails validation (a key required by another) is located by field name;
        # an unknown key is shown as the user spelled it.
        loc = tuple(to_camel(part) if isinstance(part, str) and "_" in part else part for part in loc)
    top = str(loc[0]) if loc else ""
    if top in foreign_keys:
        key = foreign_keys[top]
    else:
        key = (
            NAMESPACE
            + ":"
            + "".join(
                f"[{part}]" if isinstance(part, int) else ("" if i == 0 else ".") + str(part)
                for i, part in enumerate(loc)
            )
        )
    if error["type"] == "missing":
        return f"{key}: required"
    if error["type"] == "extra_forbidden":
        if len(loc) > 1:
            return f"{key}: unknown key"
        import difflib  # noqa: PLC0415 -- only for this message

        close = difflib.get_close_matches(top, allowed, n=1)
        hint = f"; did you mean {close[0]}?" if close else f"; known keys: {', '.join(allowed)}"
        return f"{key}: unknown key{hint}"
    message = error["msg"].removeprefix("Value error, ")
    if error["input"] is None:
        return f"{key}: {message}"
    return f"{key}: {message}; got {_show(error['input'])}"


def _show(value: Any) -> str:
    if isinstance(value, str):
        return repr(value)
    return json.dumps(value, default=str)


def _is_structured(annotation: Any) -> bool:
    annotation = _strip_optional(annotation)
    return _is_sequence(annotation) or (isinstance(annotation, type) and issubclass(annotation, BaseModel))


def _is_sequence(annotation: Any) -> bool:
    return get_origin(_strip_optional(annotation)) in (tuple, list)


def _strip_optional(annotation: Any) -> Any:
    if get_origin(annotation) in (Union, types.UnionType):
        members = [arg for arg in get_args(annotation) if arg is not type(None)]
        if len(members) == 1:
            return _strip_optional(members[0])
    if get_origin(annotation) is typing.Annotated:
        return _strip_optional(get_args(annotation)[0])
    return annotation
