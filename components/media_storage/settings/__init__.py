"""Validated settings shared by the AWS and Azure components and the stack config.

Every model here is a pydantic model whose field docstrings are the documentation: the
config reference (docs/configuration.md) is generated from them (`python -m media_storage.docs`). Fields are
snake_case in Python and camelCase in Pulumi config (`corsOrigins`, `lifecycle.archiveAfterDays`).
"""

from __future__ import annotations

import ast
import functools
import inspect
import ipaddress
import re
import sys
import typing
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationInfo, field_validator
from pydantic.alias_generators import to_camel

from ..env_contract import URL_EXPIRY_MAX_SECONDS, URL_EXPIRY_MIN_SECONDS
from ..naming import APP_SLUG_PATTERN

Visibility = Literal["public", "private"]
"""Who may read a bucket or container: `public` (anyone, anonymously) or `private` (the app)."""

VISIBILITIES: tuple[Visibility, ...] = ("public", "private")

LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1"})
"""Hosts that may be reached over plain http (local development and emulators only)."""

EMULATOR_HOSTS = LOOPBACK_HOSTS | {"::1"}
"""Hosts an `endpointUrl` may name: this machine only, since the app's keys are sent there."""

_HOSTNAME = re.compile(r"(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*")
_DEFAULT_PORTS = {"http": 80, "https": 443}


class Model(BaseModel):
    """Base of every settings model: immutable, camelCase aliases, unknown keys rejected."""

    model_config = ConfigDict(
        alias_generator=to_camel,
        validate_by_name=True,
        validate_by_alias=True,
        extra="forbid",
        frozen=True,
        # A stack validates one cloud's settings: the other cloud's schemas are never built.
        defer_build=True,
        # The docstrings under the fields are their documentation, read only when documenting
        # (`document_fields`): pydantic's `use_attribute_docstrings` parses the source of every
        # model at import, about 50 ms of CPU on every `pulumi up`.
    )


@functools.cache
def _module_field_docs(module: str) -> dict[str, dict[str, str]]:
    """For each class of `module` (by qualified name), the docstring under each annotated field."""
    tree = ast.parse(inspect.getsource(sys.modules[module]))
    found: dict[str, dict[str, str]] = {}

    def visit(body: list[ast.stmt], prefix: str) -> None:
        for node in body:
            if not isinstance(node, ast.ClassDef):
                continue
            qualname = f"{prefix}{node.name}"
            docs = found.setdefault(qualname, {})
            for statement, following in zip(node.body, node.body[1:], strict=False):
                if (
                    isinstance(statement, ast.AnnAssign)
                    and isinstance(statement.target, ast.Name)
                    and isinstance(following, ast.Expr)
                    and isinstance(following.value, ast.Constant)
                    and isinstance(following.value.value, str)
                ):
                    docs[statement.target.id] = inspect.cleandoc(following.value.value)
            visit(node.body, f"{qualname}.")

    visit(tree.body, "")
    return found


def document_fields(model: type[BaseModel]) -> type[BaseModel]:
    """Give every field of `model` and of the models nested in it its docstring as description.

    For the docs generator and other tools; validation never needs it. Returns `model`."""
    for cls in reversed(model.__mro__):
        if not (isinstance(cls, type) and issubclass(cls, BaseModel)) or cls is BaseModel:
            continue
        docs = _module_field_docs(cls.__module__).get(cls.__qualname__, {})
        for name, doc in docs.items():
            if name in model.model_fields:
                model.model_fields[name].description = doc
    for field in model.model_fields.values():
        for candidate in (field.annotation, *typing.get_args(field.annotation)):
            if isinstance(candidate, type) and issubclass(candidate, BaseModel):
                document_fields(candidate)
    return model


def matching(pattern: str, description: str) -> AfterValidator:
    """A validator that accepts strings matching `pattern` and otherwise says what is expected."""
    compiled = re.compile(pattern)

    def check(value: str) -> str:
        if not compiled.fullmatch(value):
            raise ValueError(f"expected {description}")
        return value

    return AfterValidator(check)


def _is_hostname(host: str) -> bool:
    if _HOSTNAME.fullmatch(host):
        return True
    try:
        ipaddress.IPv4Address(host)
    except ValueError:
        return False
    return True


def _check_cors_origin(origin: str) -> str:
    allowed = (
        "a bare origin https://host[:port] (http:// only for localhost or 127.0.0.1), "
        "lowercase, without wildcard, path, trailing slash, query or fragment"
    )
    if "*" in origin:
        raise ValueError(f"wildcards are not allowed; expected {allowed}")
    parts = urlsplit(origin)
    try:
        port = parts.port
    except ValueError:
        port = -1
    host = parts.hostname or ""
    canonical = f"{parts.scheme}://{host}" + (f":{port}" if port else "")
    if (
        parts.scheme not in ("http", "https")
        or port == -1
        or not _is_hostname(host)
        or parts.username is not None
        or origin != canonical
    ):
        raise ValueError(f"expected {allowed}")
    if parts.scheme == "http" and host not in LOOPBACK_HOSTS:
        raise ValueError(f"http:// is only allowed for localhost and 127.0.0.1; expected {allowed}")
    if port == _DEFAULT_PORTS[parts.scheme]:
        raise ValueError(f"leave out the default port: browsers send {parts.scheme}://{host}")
    return origin


CorsOrigin = Annotated[str, AfterValidator(_check_cors_origin)]
"""A browser origin allowed to load media with JavaScript, e.g. `https://shop.example.com`."""


def _check_hostname(value: str) -> str:
    if not (_HOSTNAME.fullmatch(value) and "." in value):
        raise ValueError(
            "expected a lowercase DNS name such as media.example.com, without scheme, port, path or trailing dot"
        )
    return value


Hostname = Annotated[str, AfterValidator(_check_hostname)]
"""A lowercase DNS name such as `media.example.com`."""


def _check_endpoint_url(url: str) -> str:
    allowed = (
        "a local emulator's URL, http(s)://localhost, 127.0.0.1 or [::1] with an optional port and no path "
        "(the endpoints of AWS itself are derived from the region)"
    )
    parts = urlsplit(url)
    try:
        parts.port  # noqa: B018 -- raises on an out-of-range port
    except ValueError as error:
        raise ValueError(f"expected {allowed}") from error
    if (
        parts.scheme not in ("http", "https")
        or parts.path not in ("", "/")
        or parts.query
        or parts.fragment
        or parts.username is not None
    ):
        raise ValueError(f"expected {allowed}")
    if parts.hostname not in EMULATOR_HOSTS:
        # The app's keys go wherever this points: only this machine may receive them.
        raise ValueError(f"{parts.hostname or 'the host'} is not this machine; expected {allowed}")
    return url.rstrip("/")


EndpointUrl = Annotated[str, AfterValidator(_check_endpoint_url)]
"""The URL of a local S3 emulator, e.g. `http://127.0.0.1:5000`."""


def is_loopback_http(url: str | None) -> bool:
    """Whether `url` is a plain-http URL on this machine (an emulator, never a real cloud)."""
    if url is None:
        return False
    parts = urlsplit(url)
    return parts.scheme == "http" and parts.hostname in EMULATOR_HOSTS


AppSlug = Annotated[
    str,
    matching(
        APP_SLUG_PATTERN,
        "lowercase letters, digits and -, 3 to 32 characters, starting with a letter",
    ),
]
"""The app's slug: lowercase letters, digits and `-`, 3 to 32 characters, starting with a letter."""

EnvironmentName = Annotated[
    str,
    matching(
        r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}",
        "1 to 100 letters, digits, ., _ or -, starting with a letter or digit",
    ),
]
"""An environment name: like a Pulumi stack name, 1 to 100 letters, digits, `.`, `_` or `-`."""

KubernetesName = Annotated[
    str,
    matching(
        r"[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?",
        "a Kubernetes name: lowercase letters, digits, - and ., starting and ending with a letter or digit",
    ),
]
"""A Kubernetes namespace or service account name (a DNS subdomain)."""

WORKLOAD_IDENTITIES_MAX = 20
"""At most this many workloads (service accounts) per app identity: Azure's limit of federated
identity credentials per managed identity, and the limit this project applies on AWS."""

TemporaryPrefix = Annotated[
    str,
    matching(
        r"(?=.{2,200}$)[A-Za-z0-9][A-Za-z0-9_.-]*(/[A-Za-z0-9_.-]+)*/",
        "a key prefix such as tmp/ or uploads/tmp/: letters, digits, _ . - separated by /, ending in /",
    ),
]
"""A key prefix of short-lived objects, e.g. `tmp/`."""


class Lifecycle(Model):
    """Lifecycle rules that keep storage costs bounded. A number of days of 0 turns a rule off."""

    abort_incomplete_uploads_after_days: int = Field(default=7, ge=1, le=365)
    """Days after which parts of an unfinished multipart upload are deleted (AWS)."""

    noncurrent_version_expiration_days: int = Field(default=30, ge=1, le=3650)
    """Days after which an overwritten or deleted version is removed, where versioning is on."""

    temporary_prefix: TemporaryPrefix = "tmp/"
    """Key prefix for short-lived uploads (e.g. `tmp/`), expired by `temporaryExpirationDays`."""

    temporary_expiration_days: int = Field(default=7, ge=0, le=3650)
    """Days after which objects under `temporaryPrefix` are deleted (0: never)."""

    infrequent_access_after_days: int = Field(default=0, ge=0, le=3650)
    """Days after which objects move to S3 Standard-IA / Azure Cool (0: never; AWS needs >= 30)."""

    archive_after_days: int = Field(default=0, ge=0, le=3650)
    """Days after which objects move to S3 Glacier Instant Retrieval / Azure Cold (0: never)."""

    @field_validator("infrequent_access_after_days")
    @classmethod
    def _infrequent_access_needs_30_days(cls, days: int) -> int:
        if 0 < days < 30:
            raise ValueError(
                "must be 0 (off) or at least 30: S3 moves objects to Standard-IA after 30 days at the earliest"
            )
        return days

    @field_validator("archive_after_days")
    @classmethod
    def _archive_after_infrequent_access(cls, days: int, info: ValidationInfo) -> int:
        infrequent = info.data.get("infrequent_access_after_days") or 0
        if days and infrequent and days < infrequent + 30:
            raise ValueError(
                f"must be 0 (off) or at least 30 days after infrequentAccessAfterDays ({infrequent}): "
                "objects stay 30 days in the infrequent-access tier first"
            )
        return days


class Versioning(Model):
    """Object versioning per visibility: overwritten and deleted files stay recoverable."""

    public: bool = False
    """Keep old versions of public media (off by default: public files are usually re-creatable)."""

    private: bool = True
    """Keep old versions of private media (on by default)."""


class MediaStorageArgsBase(Model):
    """What every cloud's media storage component takes."""

    app: AppSlug
    """The app's slug: lowercase letters, digits and `-`, 3 to 32 characters, starting with a letter."""

    environment: EnvironmentName
    """The environment, used in names and the `media-storage:stack` tag (the stack program uses the stack name)."""

    cors_origins: tuple[CorsOrigin, ...] = ()
    """Browser origins allowed to load media with JavaScript, e.g. `https://shop.example.com` (may be empty)."""

    browser_uploads: bool = False
    """Let browsers of `corsOrigins` upload directly with signed URLs: adds PUT (and POST on AWS) to CORS."""

    cors_max_age_seconds: int = Field(default=3600, ge=0, le=86400)
    """How long browsers may cache a CORS preflight answer."""

    url_expiry_seconds: int = Field(default=3600, ge=URL_EXPIRY_MIN_SECONDS, le=URL_EXPIRY_MAX_SECONDS)
    """Seconds a signed link to a private file stays valid (at most 7 days, the SigV4 and SAS limit)."""

    custom_domain: Hostname | None = None
    """Domain (e.g. a CDN) that serves the public media; never used for private media."""

    lifecycle: Lifecycle = Lifecycle()
    """Lifecycle rules; see the `lifecycle.*` rows."""

    versioning: Versioning = Versioning()
    """Versioning per visibility; see the `versioning.*` rows."""

    protect: bool = True
    """Protect buckets and accounts from deletion (`pulumi destroy` refuses); false only for throwaway stacks."""

    @field_validator("cors_origins")
    @classmethod
    def _no_duplicate_origins(cls, origins: tuple[str, ...]) -> tuple[str, ...]:
        duplicates = sorted({origin for origin in origins if origins.count(origin) > 1})
        if duplicates:
            raise ValueError(f"each origin may be listed once; repeated: {', '.join(duplicates)}")
        return origins


def one_or_several(value: object) -> object:
    """A list setting given as one string (`keyDelivery: ssm`), as a list of that one value."""
    return (value,) if isinstance(value, str) else value


def checked_key_delivery(
    delivery: tuple[str, ...], credentials: str | None, *, keyless: str, keyless_note: str, places: tuple[str, ...]
) -> tuple[str, ...]:
    """`keyDelivery` as every cloud checks it: only with keys (not with `credentials: keyless`,
    which `keyless_note` explains), at least one of `places`, each once."""
    if credentials == keyless and delivery != ("output",):
        raise ValueError(f"only applies with credentials: key ({keyless_note})")
    if not delivery:
        raise ValueError(f"name at least one of {', '.join(places[:-1])} or {places[-1]}")
    if len(set(delivery)) != len(delivery):
        raise ValueError("each place may be listed once")
    return delivery
