"""Run a Pulumi Python program offline, under mocks, and capture what it registers.

No Pulumi CLI, no cloud: the program's `__main__.py` runs exactly as the Python language
host runs it, against a mock engine that records every `RegisterResource` request (type,
name, camelCase inputs, parent, dependencies, protect, provider, ...) and the stack's
outputs. The project's tests, the offline policy check and the emulator tests use it, and
so can another stack that imports these components:

    from media_storage.testing import run_program

    run = run_program("path/to/project", stack="dev", config={"media-storage:app": "shop", ...})
    bucket = run.one("aws:s3/bucket:Bucket", "public")
    assert bucket.inputs["tags"]["media-storage:visibility"] == "public"

Values that are Pulumi secrets arrive wrapped in `Secret`; values unknown during a preview
are `UNKNOWN`.
"""

from __future__ import annotations

import asyncio
import base64
import contextvars
import gc
import hashlib
import json
import logging
import os
import re
import runpy
import traceback
import uuid
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pulumi
import yaml
from google.protobuf import json_format
from pulumi.runtime import config as runtime_config
from pulumi.runtime import mocks as runtime_mocks
from pulumi.runtime import rpc
from pulumi.runtime import settings as runtime_settings
from pulumi.runtime.proto import resource_pb2
from pulumi.runtime.stack import run_in_stack

SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d"
SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270"
UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"  # the SDK's generic unknown
UNKNOWN_VALUES = frozenset(
    {
        UNKNOWN_STRING,  # string
        "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",  # boolean
        "3eeb2bf0-c639-47a8-9e75-3b44932eb421",  # number
        "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",  # array
        "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",  # object
    }
)
STACK_TYPE = "pulumi:pulumi:Stack"

DEFAULT_ACCOUNT_ID = "123456789012"
DEFAULT_SUBSCRIPTION_ID = "00000000-0000-4000-8000-000000000000"
DEFAULT_TENANT_ID = "11111111-1111-4111-8111-111111111111"


class _Unknown:
    """A value the engine does not know yet (a provider output during preview)."""

    def __repr__(self) -> str:
        return "UNKNOWN"


UNKNOWN = _Unknown()


@dataclass(frozen=True)
class Secret:
    """A value marked secret: the engine encrypts it in state and masks it in output."""

    value: Any


def reveal(value: Any) -> Any:
    """`value` with every `Secret` replaced by its content."""
    if isinstance(value, Secret):
        return reveal(value.value)
    if isinstance(value, dict):
        return {key: reveal(item) for key, item in value.items()}
    if isinstance(value, list):
        return [reveal(item) for item in value]
    return value


def from_struct(struct: Any) -> dict[str, Any]:
    """A protobuf Struct as the engine sends it, decoded to plain values, `Secret` and `UNKNOWN`."""
    return _decode(json_format.MessageToDict(struct))


def _encode(value: Any) -> Any:
    """The inverse of `_decode`: `Secret` and `UNKNOWN` in the engine's wire form."""
    if isinstance(value, Secret):
        return {SECRET_SIG_KEY: SECRET_SIG, "value": _encode(value.value)}
    if value is UNKNOWN:
        return UNKNOWN_STRING
    if isinstance(value, dict):
        return {key: _encode(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_encode(item) for item in value]
    return value


def _decode(value: Any) -> Any:
    if isinstance(value, dict):
        if value.get(SECRET_SIG_KEY) == SECRET_SIG:
            return Secret(_decode(value.get("value")))
        return {key: _decode(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_decode(item) for item in value]
    if isinstance(value, str) and value in UNKNOWN_VALUES:
        return UNKNOWN
    if isinstance(value, float) and value.is_integer():
        return int(value)  # protobuf has only doubles; every number we register is an integer
    return value


@dataclass(frozen=True)
class RegisteredResource:
    """One resource as the program registered it with the engine."""

    type: str
    """The type token, e.g. `aws:s3/bucket:Bucket`."""

    name: str
    """The logical name."""

    urn: str
    """The URN."""

    parent: str
    """The parent's URN."""

    custom: bool
    """True for a provider resource, False for a component."""

    inputs: dict[str, Any]
    """The inputs with the engine's camelCase names."""

    protect: bool | None
    """The `protect` option as sent (None: not set)."""

    dependencies: tuple[str, ...]
    """URNs this resource depends on (explicit `depends_on` and through its inputs)."""

    property_dependencies: dict[str, tuple[str, ...]]
    """For each input, the URNs its value came from."""

    provider: str
    """The provider reference (empty: the default provider)."""

    request: Any = field(repr=False, compare=False)
    """The raw `RegisterResourceRequest`, for tools that need more (e.g. the policy check)."""

    computed: Mapping[str, str] = field(default_factory=dict)
    """The outputs of `COMPUTED_OUTPUTS` the mocks gave the resource (`rpc.UNKNOWN` in a preview):
    `pulumi up`'s stack policies see them among the outputs."""

    def get(self, *path: str | int, default: Any = None) -> Any:
        """The input at `path` (secrets revealed), or `default`."""
        value: Any = reveal(self.inputs)
        for step in path:
            try:
                value = value[step]
            except (KeyError, IndexError, TypeError):
                return default
        return value


@dataclass
class ProgramRun:
    """What one run of a program registered, exported and reported."""

    resources: list[RegisteredResource]
    """Every resource except the stack itself, in registration order."""

    outputs: dict[str, Any]
    """The stack outputs as the engine received them (`Secret` and `UNKNOWN` preserved)."""

    error: str | None
    """The message of the error that ended the program, if any."""

    error_traceback: str | None
    """The traceback for unexpected errors; None for a clean `pulumi.RunError`."""

    logs: list[tuple[str, str]]
    """(level, message) of every `pulumi.log` call."""

    stack_urn: str = ""
    """The URN of the stack resource."""

    exit_status: int | None = None
    """The status the program asked to exit with (`sys.exit`, or 130 for `KeyboardInterrupt`);
    None when it did not. Either way it did not finish, so `error` says so too."""

    config: dict[str, Any] = field(default_factory=dict)
    """The config the program ran with, by full key (`secure:` values as `Secret`)."""

    def of_type(self, type_: str) -> list[RegisteredResource]:
        """The resources of one type token."""
        return [r for r in self.resources if r.type == type_]

    def one(self, type_: str, name_part: str = "") -> RegisteredResource:
        """The single resource of `type_` whose name contains `name_part`."""
        found = [r for r in self.of_type(type_) if name_part in r.name]
        if len(found) != 1:
            names = [r.name for r in self.of_type(type_)]
            raise LookupError(f"expected one {type_} named *{name_part}*, found {len(found)} among {names}")
        return found[0]

    def by_urn(self, urn: str) -> RegisteredResource:
        """The resource with this URN."""
        return next(r for r in self.resources if r.urn == urn)

    def children(self, parent_urn: str) -> Iterator[RegisteredResource]:
        """Resources whose parent is `parent_urn`."""
        return (r for r in self.resources if r.parent == parent_urn)

    def dumps(self) -> bytes:
        """This run as bytes, to hand it to another process (see `loads`)."""
        document = {
            "resources": [
                {
                    "urn": r.urn,
                    "request": base64.b64encode(r.request.SerializeToString()).decode(),
                    "computed": dict(r.computed),
                }
                for r in self.resources
            ],
            "outputs": _encode(self.outputs),
            "error": self.error,
            "error_traceback": self.error_traceback,
            "logs": self.logs,
            "stack_urn": self.stack_urn,
            "exit_status": self.exit_status,
            "config": _encode(self.config),
        }
        return json.dumps(document).encode()

    @classmethod
    def loads(cls, data: bytes) -> ProgramRun:
        """The run `dumps` wrote, with its requests, `Secret` and `UNKNOWN` values as they were."""
        document = json.loads(data)
        resources = []
        for resource in document["resources"]:
            request = resource_pb2.RegisterResourceRequest.FromString(base64.b64decode(resource["request"]))
            resources.append(_registered(request, resource["urn"], resource["computed"]))
        return cls(
            resources=resources,
            outputs=_decode(document["outputs"]),
            error=document["error"],
            error_traceback=document["error_traceback"],
            logs=[(level, message) for level, message in document["logs"]],
            stack_urn=document["stack_urn"],
            exit_status=document["exit_status"],
            config=_decode(document["config"]),
        )

    def raise_for_error(self) -> ProgramRun:
        """Raise if the program failed; otherwise return self."""
        if self.error is not None:
            raise AssertionError(f"program failed: {self.error}\n{self.error_traceback or ''}")
        return self


COMPUTED_OUTPUTS: dict[str, Callable[[str], bool]] = {
    "arn": lambda type_: type_.startswith("aws:"),  # names the account of what the program creates
    "principalId": lambda type_: type_ == "azure-native:managedidentity:UserAssignedIdentity",
}
"""Outputs the provider computes on create that `pulumi up`'s stack policies see and the pack reads
(the offline check hands them over), each with the resource types that have one: unknown in a
preview, what the mocks give otherwise."""

AUTONAME_KEYS = {
    "aws:s3/bucket:Bucket": "bucket",
    "aws:s3/bucketV2:BucketV2": "bucket",
    "aws:iam/user:User": "name",
    "aws:iam/role:Role": "name",
    "aws:lambda/function:Function": "name",
    "azure-native:storage:StorageAccount": "accountName",
    "azure-native:storage:BlobContainer": "containerName",
}
"""The name input each provider fills in (auto-names) when a program leaves it out."""


class MediaStorageMocks(pulumi.runtime.Mocks):
    """Mocks that answer like the clouds for the resources and functions this project uses.

    Provider-computed outputs (ARNs, ids, keys, endpoints) get realistic, deterministic
    values; every other resource echoes its inputs. In a preview nothing computed is
    returned, so it stays unknown as it would with the real engine.
    """

    def __init__(
        self,
        *,
        preview: bool = False,
        account_id: str = DEFAULT_ACCOUNT_ID,
        subscription_id: str = DEFAULT_SUBSCRIPTION_ID,
        tenant_id: str = DEFAULT_TENANT_ID,
        region: str = "us-east-1",
    ) -> None:
        self.preview = preview
        self.account_id = account_id
        self.subscription_id = subscription_id
        self.tenant_id = tenant_id
        self.region = region
        self._provider_regions: dict[str, str] = {}  # explicit `aws.Provider(region=...)` by id
        self._key_pairs: dict[str, tuple[str, str]] = {}  # tls private keys by resource name, within a run

    def region_of(self, provider: str | None) -> str:
        """The region a resource or call with this provider reference (`urn::id`) works in."""
        return self._provider_regions.get((provider or "").rsplit("::", 1)[-1], self.region)

    def call(self, args: pulumi.runtime.MockCallArgs) -> dict:  # type: ignore[override]  # noqa: PLR0911 -- one per function
        if args.token == "aws:index/getCallerIdentity:getCallerIdentity":
            arn = f"arn:aws:iam::{self.account_id}:user/deployer"
            return {
                "accountId": self.account_id,
                "arn": arn,
                "userId": "AIDAMOCK",
                "id": self.account_id,
            }
        if args.token == "aws:index/getRegion:getRegion":
            region = self.region_of(args.provider)
            return {"region": region, "name": region, "id": region}
        if args.token == "aws:index/getPartition:getPartition":
            return {"partition": "aws", "dnsSuffix": "amazonaws.com", "id": "aws"}
        if args.token == "digitalocean:index/getAccount:getAccount":
            return {"uuid": _guid("digitalocean-account", self.account_id), "email": "deployer@example.com"}
        if args.token == "azure-native:authorization:getClientConfig":
            return {
                "clientId": _guid("client", "deployer"),
                "objectId": _guid("object", "deployer"),
                "subscriptionId": self.subscription_id,
                "tenantId": self.tenant_id,
            }
        if args.token == "azure-native:storage:listStorageAccountKeys":
            account = args.args.get("accountName", "")
            return {
                "keys": [
                    {"keyName": name, "value": _account_key(account, name), "permissions": "FULL"}
                    for name in ("key1", "key2")
                ]
            }
        if args.token == POLICY_DOCUMENT_FUNCTION:
            return render_policy_document(args.args)
        return {}

    def autoname(self, type_: str, name: str) -> str:
        """The name a provider would give a resource of `type_` named `name` in the program:
        the logical name plus random characters (here derived from it, so runs repeat)."""
        token = hashlib.sha256(f"{type_}/{name}".encode()).hexdigest()
        if type_ == "azure-native:storage:StorageAccount":
            return re.sub(r"[^a-z0-9]", "", name.lower())[:16] + token[:8]
        if type_ == "azure-native:storage:BlobContainer":
            return f"{name}-{token[:8]}"
        return f"{name}-{token[:7]}"

    def new_resource(self, args: pulumi.runtime.MockResourceArgs) -> tuple[str, dict]:
        outputs = dict(args.inputs)
        if args.typ.startswith("aws:"):
            _policy_documents_as_text(outputs)
        computed, physical_id = self._computed(args)
        if self.preview and not args.resource_id:
            return "", outputs  # a resource about to be created has no id or computed outputs yet
        # (`Resource.get` reads an existing resource: its outputs are known in a preview too)
        outputs.update(computed)
        return physical_id, outputs

    def _access_point_or_key(self, args: pulumi.runtime.MockResourceArgs, token: str) -> tuple[dict[str, Any], str]:
        """An S3 access point's or a KMS key's ARN, in the account it belongs to (policies read the account)."""
        region = args.inputs.get("region") or self.region_of(args.provider)
        if args.typ == "aws:kms/key:Key":
            key_id = str(uuid.UUID(token[:32]))
            return {"keyId": key_id, "arn": f"arn:aws:kms:{region}:{self.account_id}:key/{key_id}"}, key_id
        name = args.inputs.get("name") or self.autoname(args.typ, args.name)
        account = args.inputs.get("accountId") or self.account_id
        return {"name": name, "arn": f"arn:aws:s3:{region}:{account}:accesspoint/{name}"}, name

    def _computed(self, args: pulumi.runtime.MockResourceArgs) -> tuple[dict[str, Any], str]:  # noqa: PLR0911, PLR0912 -- one per type
        inputs = args.inputs
        token = hashlib.sha256(f"{args.typ}/{args.name}".encode()).hexdigest()
        if args.typ == "pulumi:providers:aws":
            physical_id = f"{args.name}-id"
            if inputs.get("region"):
                self._provider_regions[physical_id] = inputs["region"]
            return {}, physical_id
        if args.typ in ("aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"):
            name = inputs.get("bucket") or args.resource_id or self.autoname(args.typ, args.name)
            region = inputs.get("region") or self.region_of(args.provider)
            return {
                "bucket": name,
                "arn": f"arn:aws:s3:::{name}",
                "region": region,
                "bucketRegionalDomainName": f"{name}.s3.{region}.amazonaws.com",
            }, name
        if args.typ in ("aws:iam/user:User", "aws:iam/role:Role", "aws:iam/group:Group", "aws:iam/policy:Policy"):
            kind = args.typ.split(":")[-1].lower()
            name = inputs.get("name") or self.autoname(args.typ, args.name)
            return {
                "name": name,
                "arn": f"arn:aws:iam::{self.account_id}:{kind}/{name}",
                "uniqueId": token[:21],
            }, name
        if args.typ in ("aws:s3/accessPoint:AccessPoint", "aws:kms/key:Key"):
            return self._access_point_or_key(args, token)
        if args.typ in _SECRET_STORE_TYPES:
            return self._secret_store(args, token)
        if args.typ.startswith("azure-native:"):
            return self._azure(args)
        if args.typ.startswith(("digitalocean:", "cloudflare:")):
            return self._s3_compatible(args, token)
        if args.typ.startswith("aws:cloudfront/"):
            return self._cloudfront(args, token)
        if args.typ.startswith("aws:cloudwatch/logDelivery"):
            kind = args.typ.rsplit(":", 1)[-1]
            name = inputs.get("name") or token[:16]
            region = inputs.get("region") or self.region_of(args.provider)
            resource = {"LogDeliverySource": "delivery-source", "LogDeliveryDestination": "delivery-destination"}
            if kind in resource:
                arn = f"arn:aws:logs:{region}:{self.account_id}:{resource[kind]}:{name}"
                return {"name": name, "arn": arn}, name
            return {"arn": f"arn:aws:logs:{region}:{self.account_id}:delivery:{token[:16]}"}, token[:16]
        if args.typ == "tls:index/privateKey:PrivateKey":
            return self._tls_private_key(args, token)
        if args.typ == "aws:iam/accessKey:AccessKey":
            key_id = "AKIA" + token[:16].upper()
            # Real secrets are base64-like and contain / and +; so do these, to exercise encoding.
            secret = f"{token[16:28]}/{token[28:40]}+{token[40:54]}"
            return {"secret": secret, "status": "Active"}, key_id
        return {}, f"{args.name}-id"

    def _cloudfront(self, args: pulumi.runtime.MockResourceArgs, token: str) -> tuple[dict[str, Any], str]:
        """CloudFront: ids of 13 to 14 uppercase characters, distributions' ARNs and domains."""
        kind = args.typ.rsplit(":", 1)[-1]
        if kind == "Distribution":
            distribution_id = "E" + token[:13].upper()
            return (
                {
                    "arn": f"arn:aws:cloudfront::{self.account_id}:distribution/{distribution_id}",
                    "domainName": f"d{token[13:26]}.cloudfront.net",
                    "hostedZoneId": "Z2FDTNDATAQYW2",  # CloudFront's one hosted zone
                    "status": "Deployed",
                    "etag": token[26:40].upper(),
                },
                distribution_id,
            )
        if kind == "PublicKey":
            return {"etag": token[14:28].upper(), "name": args.inputs.get("name") or args.name}, "K" + token[
                :13
            ].upper()
        if kind in ("KeyGroup", "ResponseHeadersPolicy", "OriginAccessControl"):
            return {"etag": token[14:28].upper()}, _guid("cloudfront", kind, args.name)
        return {}, f"{args.name}-id"

    def _tls_private_key(self, args: pulumi.runtime.MockResourceArgs, token: str) -> tuple[dict[str, Any], str]:
        """A real RSA key pair, as pulumi-tls generates: the signing path runs with real keys."""
        if args.name not in self._key_pairs:
            try:
                from cryptography.hazmat.primitives import serialization  # noqa: PLC0415
                from cryptography.hazmat.primitives.asymmetric import rsa  # noqa: PLC0415
            except ModuleNotFoundError as error:
                raise RuntimeError(
                    "the offline runner generates real RSA keys for tls.PrivateKey with the cryptography "
                    "package: pip install cryptography"
                ) from error
            key = rsa.generate_private_key(public_exponent=65537, key_size=int(args.inputs.get("rsaBits") or 2048))
            private_pem = key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.TraditionalOpenSSL,
                serialization.NoEncryption(),
            ).decode()
            public_pem = (
                key.public_key()
                .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
                .decode()
            )
            self._key_pairs[args.name] = (private_pem, public_pem)
        private_pem, public_pem = self._key_pairs[args.name]
        return {
            "algorithm": args.inputs.get("algorithm", "RSA"),
            "privateKeyPem": private_pem,
            "publicKeyPem": public_pem,
        }, token[:40]

    def _s3_compatible(self, args: pulumi.runtime.MockResourceArgs, token: str) -> tuple[dict[str, Any], str]:
        """DigitalOcean Spaces and Cloudflare R2: what their providers compute."""
        inputs = args.inputs
        if args.typ == "digitalocean:index/spacesBucket:SpacesBucket":
            name, region = inputs.get("name") or self.autoname(args.typ, args.name), inputs.get("region", "nyc3")
            return {
                "name": name,
                "bucketUrn": f"do:space:{name}",
                "bucketDomainName": f"{name}.{region}.digitaloceanspaces.com",
                "endpoint": f"{region}.digitaloceanspaces.com",
            }, f"{region},{name}"
        if args.typ == "digitalocean:index/spacesKey:SpacesKey":
            # Spaces keys: a 20-character id and a base64-like 43-character secret.
            return {"accessKey": "DO" + token[:18].upper(), "secretKey": f"{token[18:38]}/{token[38:60]}"}, token[:18]
        if args.typ == "cloudflare:index/accountToken:AccountToken":
            return {"value": f"{token[:20]}_{token[20:40]}", "status": "active"}, token[:32]
        if args.typ == "cloudflare:index/r2ManagedDomain:R2ManagedDomain":
            return {"domain": f"pub-{token[:32]}.r2.dev", "bucketId": token[32:64]}, token[:32]
        return {}, f"{args.name}-id"

    def _secret_store(self, args: pulumi.runtime.MockResourceArgs, token: str) -> tuple[dict[str, Any], str]:
        """Secrets Manager, SSM, EKS Pod Identity and Key Vault secrets: their ARNs, URIs and ids."""
        inputs = args.inputs
        region = inputs.get("region") or self.region_of(args.provider)
        if args.typ == "aws:secretsmanager/secret:Secret":
            name = inputs.get("name") or self.autoname(args.typ, args.name)
            # Secrets Manager appends six random characters to the ARN of every secret.
            arn = f"arn:aws:secretsmanager:{region}:{self.account_id}:secret:{name}-{token[:6]}"
            return {"name": name, "arn": arn}, arn
        if args.typ == "aws:secretsmanager/secretVersion:SecretVersion":
            version = _guid("version", args.name)
            return {"arn": inputs.get("secretId", ""), "versionId": version}, f"{inputs.get('secretId', '')}|{version}"
        if args.typ == "aws:ssm/parameter:Parameter":
            name = inputs.get("name", args.name)
            return {"arn": f"arn:aws:ssm:{region}:{self.account_id}:parameter{name}", "version": 1}, name
        if args.typ == "aws:eks/podIdentityAssociation:PodIdentityAssociation":
            association = f"a-{token[:17]}"
            cluster = inputs.get("clusterName", "")
            arn = f"arn:aws:eks:{region}:{self.account_id}:podidentityassociation/{cluster}/{association}"
            return {"associationId": association, "associationArn": arn}, f"{cluster},{association}"
        # azure-native:keyvault:Secret
        vault, name = inputs.get("vaultName", ""), inputs.get("secretName") or args.name
        uri = f"https://{vault}.vault.azure.net/secrets/{name}"
        versioned = f"{uri}/{token[:32]}"
        given = inputs.get("properties") or {}
        if given.get(SECRET_SIG_KEY) == SECRET_SIG:  # the secret value makes the whole object secret
            given = given.get("value") or {}
        properties = {**given, "secretUri": uri, "secretUriWithVersion": versioned}
        group = f"/subscriptions/{self.subscription_id}/resourceGroups/{inputs.get('resourceGroupName', '')}"
        return {"name": name, "properties": properties}, (
            f"{group}/providers/Microsoft.KeyVault/vaults/{vault}/secrets/{name}"
        )

    def _azure(self, args: pulumi.runtime.MockResourceArgs) -> tuple[dict[str, Any], str]:  # noqa: PLR0911 -- one per type
        inputs = args.inputs
        group = f"/subscriptions/{self.subscription_id}/resourceGroups/{inputs.get('resourceGroupName', '')}"
        kind = args.typ.split(":")[-1]
        if kind == "ResourceGroup":
            name = inputs.get("resourceGroupName") or args.name
            return {"name": name}, f"/subscriptions/{self.subscription_id}/resourceGroups/{name}"
        if kind == "StorageAccount":
            name = inputs.get("accountName") or self.autoname(args.typ, args.name)
            endpoints = {"blob": f"https://{name}.blob.core.windows.net/"}
            return {"name": name, "primaryEndpoints": endpoints}, (
                f"{group}/providers/Microsoft.Storage/storageAccounts/{name}"
            )
        account = f"{group}/providers/Microsoft.Storage/storageAccounts/{inputs.get('accountName', '')}"
        if kind == "BlobContainer":
            name = inputs.get("containerName") or self.autoname(args.typ, args.name)
            return {"name": name}, f"{account}/blobServices/default/containers/{name}"
        if kind == "BlobServiceProperties":
            return {"name": "default"}, f"{account}/blobServices/default"
        if kind == "ManagementPolicy":
            return {"name": "default"}, f"{account}/managementPolicies/default"
        if kind == "UserAssignedIdentity":
            name = inputs.get("resourceName") or args.name
            return {
                "name": name,
                "clientId": _guid("client", name),
                "principalId": _guid("principal", name),
                "tenantId": self.tenant_id,
            }, f"{group}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/{name}"
        if kind == "AFDEndpoint":
            name = inputs.get("endpointName") or args.name
            digest = hashlib.sha256(f"{args.typ}/{args.name}".encode()).hexdigest()
            return {"name": name, "hostName": f"{name}-{digest[:16]}.z01.azurefd.net"}, (
                f"{group}/providers/Microsoft.Cdn/profiles/{inputs.get('profileName', '')}/afdEndpoints/{name}"
            )
        if kind == "Profile":
            name = inputs.get("profileName") or args.name
            return {"name": name, "frontDoorId": _guid("front-door", name)}, (
                f"{group}/providers/Microsoft.Cdn/profiles/{name}"
            )
        if kind in _FRONT_DOOR_NAMES:
            name = inputs.get(_FRONT_DOOR_NAMES[kind]) or args.name
            return {
                "name": name
            }, f"{group}/providers/Microsoft.Cdn/profiles/{inputs.get('profileName', '')}/{kind}/{name}"
        if kind == "RoleAssignment":
            name = inputs.get("roleAssignmentName") or _guid("assignment", args.name)
            return {"name": name}, f"{inputs.get('scope', '')}/providers/Microsoft.Authorization/roleAssignments/{name}"
        return {}, f"{group}/providers/{kind}/{args.name}"


_FRONT_DOOR_NAMES = {
    "AFDOriginGroup": "originGroupName",
    "AFDOrigin": "originName",
    "RuleSet": "ruleSetName",
    "Rule": "ruleName",
    "Route": "routeName",
    "AFDCustomDomain": "customDomainName",
}
"""The input that names each Front Door child resource (its `name` output)."""

_SECRET_STORE_TYPES = frozenset(
    {
        "aws:secretsmanager/secret:Secret",
        "aws:secretsmanager/secretVersion:SecretVersion",
        "aws:ssm/parameter:Parameter",
        "aws:eks/podIdentityAssociation:PodIdentityAssociation",
        "azure-native:keyvault:Secret",
    }
)


POLICY_DOCUMENT_FUNCTION = "aws:iam/getPolicyDocument:getPolicyDocument"
_POLICY_DOCUMENT_INPUTS = ("policy", "assumeRolePolicy")


def _policy_documents_as_text(outputs: dict[str, Any]) -> None:
    """Policy documents given as objects, as the AWS provider returns them: JSON text (the SDK
    accepts either shape as input, but reads the output as a string)."""
    for key in _POLICY_DOCUMENT_INPUTS:
        if isinstance(outputs.get(key), dict):
            outputs[key] = json.dumps(outputs[key])
    inline = outputs.get("inlinePolicies")
    if isinstance(inline, list):
        outputs["inlinePolicies"] = [
            {**p, "policy": json.dumps(p["policy"])} if isinstance(p, dict) and isinstance(p.get("policy"), dict) else p
            for p in inline
        ]


def _one_or_many(values: Any) -> Any:
    """A list as the provider writes it into a document: one value alone, several sorted descending."""
    values = sorted({str(v) for v in values}, reverse=True) if isinstance(values, list) else values
    return values[0] if isinstance(values, list) and len(values) == 1 else values


def _principal_block(principals: Any) -> Any:
    """`principals` / `notPrincipals` blocks ({type, identifiers}) as a document's `Principal`."""
    merged: dict[str, list[Any]] = {}
    for block in principals if isinstance(principals, list) else []:
        kind = block.get("type") if isinstance(block, dict) else None
        identifiers = block.get("identifiers") if isinstance(block, dict) else None
        merged.setdefault(str(kind), []).extend(identifiers if isinstance(identifiers, list) else [identifiers])
    if merged.keys() == {"*"} and merged["*"] == ["*"]:
        return "*"  # type "*" with identifier "*" is written as the bare wildcard
    return {kind: _one_or_many(identifiers) for kind, identifiers in merged.items()}


def _statement(block: Mapping[str, Any]) -> dict[str, Any]:
    """One `statements` block of `getPolicyDocument` as the IAM statement the provider writes."""
    statement: dict[str, Any] = {}
    if block.get("sid"):
        statement["Sid"] = block["sid"]
    statement["Effect"] = block.get("effect") or "Allow"
    for field_name, key in (
        ("actions", "Action"),
        ("notActions", "NotAction"),
        ("resources", "Resource"),
        ("notResources", "NotResource"),
    ):
        if block.get(field_name):
            statement[key] = _one_or_many(list(block[field_name]))
    for field_name, key in (("principals", "Principal"), ("notPrincipals", "NotPrincipal")):
        if block.get(field_name):
            statement[key] = _principal_block(block[field_name])
    conditions: dict[str, dict[str, Any]] = {}
    for condition in block.get("conditions") or []:
        if isinstance(condition, dict):
            values = condition.get("values")
            conditions.setdefault(str(condition.get("test")), {})[str(condition.get("variable"))] = _one_or_many(
                list(values) if isinstance(values, list) else [values]
            )
    if conditions:
        statement["Condition"] = conditions
    return statement


def _merge_statements(into: list[dict[str, Any]], statements: list[Any]) -> None:
    """Merge as the provider does: a statement with a Sid replaces the one with that Sid, others append."""
    for statement in statements:
        if not isinstance(statement, dict):
            continue
        sid = statement.get("Sid")
        position = next((i for i, s in enumerate(into) if sid and s.get("Sid") == sid), None)
        if position is None:
            into.append(statement)
        else:
            into[position] = statement


def _document_statements(text: Any) -> list[Any]:
    try:
        document = json.loads(text) if isinstance(text, str) else text
    except ValueError:
        return []
    statements = document.get("Statement") if isinstance(document, dict) else None
    return statements if isinstance(statements, list) else [statements] if isinstance(statements, dict) else []


def render_policy_document(args: Mapping[str, Any]) -> dict[str, Any]:
    """What `aws.iam.get_policy_document` returns for `args` (camelCase), rendered as the provider
    renders it: source documents first, the statements given here over them (by Sid), then each
    override document over the result (by Sid); `json` indented, `minifiedJson` compact."""
    statements: list[dict[str, Any]] = []
    for source in args.get("sourcePolicyDocuments") or []:
        _merge_statements(statements, _document_statements(source))
    _merge_statements(statements, [_statement(b) for b in args.get("statements") or [] if isinstance(b, dict)])
    for override in args.get("overridePolicyDocuments") or []:
        _merge_statements(statements, _document_statements(override))
    document: dict[str, Any] = {"Version": args.get("version") or "2012-10-17"}
    if args.get("policyId"):
        document["Id"] = args["policyId"]
    document["Statement"] = statements
    text = json.dumps(document, indent=2)
    return {
        "json": text,
        "minifiedJson": json.dumps(document, separators=(",", ":")),
        "id": str(int(hashlib.sha256(text.encode()).hexdigest()[:8], 16)),
        **{key: value for key, value in args.items() if key not in ("json", "minifiedJson")},
    }


def _guid(*parts: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "/".join(parts)))


def _account_key(account: str, name: str) -> str:
    # Real account keys are 64 random bytes in base64: they contain + / and end in ==.
    raw = hashlib.sha512(f"{account}/{name}".encode()).digest()
    key = base64.b64encode(raw).decode()
    return key if "+" in key or "/" in key else "+/" + key[2:]


def stack_config_values(value: Any) -> str:
    """A config value in the string form the Pulumi CLI passes to a program."""
    if isinstance(value, str):
        return value
    return json.dumps(value)


class ProjectError(ValueError):
    """A project or stack file that cannot be used; the message is one line naming the file
    (with line and column for YAML syntax) and what is wrong."""


def _read_yaml_mapping(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise ProjectError(f"{path}: not UTF-8 text (invalid byte at offset {error.start})") from error
    except OSError as error:
        raise ProjectError(f"{path}: cannot read it: {error.strerror}") from error
    try:
        document = yaml.safe_load(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        problem = error.problem or error.context or "invalid YAML"
        raise ProjectError(f"{where}: invalid YAML: {problem}") from error
    except yaml.YAMLError as error:
        raise ProjectError(f"{path}: invalid YAML: {error}") from error
    if document is None:
        return {}
    if not isinstance(document, dict):
        raise ProjectError(f"{path}: expected a mapping of settings; got {_yaml_kind(document)}")
    return document


def _yaml_kind(value: Any) -> str:
    return {list: "a list", str: "a string", bool: "a boolean", int: "a number", float: "a number"}.get(
        type(value), type(value).__name__
    )


def read_project(program_dir: str | Path) -> dict[str, Any]:
    """The parsed `Pulumi.yaml` of a Python project; `ProjectError` for anything else."""
    path = Path(program_dir) / "Pulumi.yaml"
    if not path.is_file():
        raise ProjectError(f"{Path(program_dir)} is not a Pulumi project: it has no Pulumi.yaml")
    project = _read_yaml_mapping(path)
    for key in ("name", "main"):
        if key in project and not isinstance(project[key], str):
            raise ProjectError(f"{path}: `{key}` must be a string; got {_yaml_kind(project[key])}")
    runtime = project.get("runtime")
    runtime_name = runtime.get("name") if isinstance(runtime, dict) else runtime
    if runtime_name != "python":
        raise ProjectError(f"{path}: runtime is {runtime_name!r}; only Python programs (runtime: python) can be run")
    if not isinstance(project.get("config") or {}, dict):
        raise ProjectError(f"{path}: `config` must be a mapping of keys to settings")
    return project


def program_entry(program_dir: Path, project: Mapping[str, Any]) -> Path:
    """What the language host runs: `main` (a file, or a directory with its own `__main__.py`),
    by default the project directory; `ProjectError` when there is no such program, so nothing
    else on `sys.path` is ever run in its place."""
    main = project.get("main") or "."
    entry = (program_dir / main).resolve()
    program = entry / "__main__.py" if entry.is_dir() else entry
    if not program.is_file():
        named = f"main {main!r}" if "main" in project else "the project directory"
        raise ProjectError(f"{program_dir / 'Pulumi.yaml'}: {named} has no program: {program} does not exist")
    return entry


def read_stack_config(program_dir: str | Path, stack: str) -> dict[str, Any]:
    """The config of `Pulumi.<stack>.yaml`, with project defaults from `Pulumi.yaml` and full keys.

    A `secure:` value cannot be decrypted without the CLI; it becomes a `Secret` placeholder.
    A file that cannot be used raises `ProjectError`.
    """
    program_dir = Path(program_dir)
    project = read_project(program_dir)
    name = project.get("name", "project")

    def full_key(key: Any, path: Path) -> str:
        if not isinstance(key, str) or not key:
            raise ProjectError(f"{path}: config keys must be non-empty strings; got {key!r}")
        return key if ":" in key else f"{name}:{key}"

    values: dict[str, Any] = {}
    for key, spec in (project.get("config") or {}).items():
        if isinstance(spec, dict) and ("default" in spec or "value" in spec):
            values[full_key(key, program_dir / "Pulumi.yaml")] = spec.get("value", spec.get("default"))
        elif not isinstance(spec, dict):
            values[full_key(key, program_dir / "Pulumi.yaml")] = spec
    stack_file = program_dir / f"Pulumi.{stack}.yaml"
    if stack_file.exists():
        stack_settings = _read_yaml_mapping(stack_file)
        config = stack_settings.get("config") or {}
        if not isinstance(config, dict):
            raise ProjectError(f"{stack_file}: `config` must be a mapping of keys to values; got {_yaml_kind(config)}")
        for key, value in config.items():
            is_secure = isinstance(value, dict) and set(value) == {"secure"}
            values[full_key(key, stack_file)] = Secret(f"placeholder-for-{key}") if is_secure else value
    return values


class _RecordingMonitor(runtime_mocks.MockMonitor):
    """The SDK's mock monitor, keeping every registration request and the outputs sent,
    and naming resources with URNs as the engine does."""

    def __init__(self, mocks: pulumi.runtime.Mocks, project: str, stack: str) -> None:
        super().__init__(mocks)
        self.project = project
        self.stack = stack
        self.requests: list[Any] = []
        self.outputs: dict[str, Any] = {}
        self.computed: dict[int, dict[str, str]] = {}  # by id() of the request

    def make_urn(self, parent: str, type_: str, name: str) -> str:
        """The engine's URN: the parents' type chain (without the root stack), then the type."""
        if parent:
            qualified = parent.split("::")[2]
            if qualified != STACK_TYPE:
                type_ = f"{qualified}${type_}"
        return f"urn:pulumi:{self.stack}::{self.project}::{type_}::{name}"

    def RegisterResource(self, request: Any) -> Any:
        # The engine passes a resource's inputs through the provider's Check, which fills in
        # auto-names: policies and the resource's creation see the name, in previews too.
        key = AUTONAME_KEYS.get(request.type)
        if request.custom and key and key not in request.object.fields and isinstance(self.mocks, MediaStorageMocks):
            request.object.fields[key].string_value = self.mocks.autoname(request.type, request.name)
        self.requests.append(request)
        response = super().RegisterResource(request)
        computed = self.computed.setdefault(id(request), {})
        for key, has_it in COMPUTED_OUTPUTS.items():
            if not (request.custom and has_it(request.type)):
                continue
            value = response.object.fields.get(key)
            if value is not None and value.WhichOneof("kind") == "string_value":
                computed[key] = value.string_value
            elif getattr(self.mocks, "preview", False):
                computed[key] = rpc.UNKNOWN  # an output the provider computes on create
        return response

    def RegisterResourceOutputs(self, request: Any) -> Any:
        self.outputs[request.urn] = request.outputs
        return super().RegisterResourceOutputs(request)


class _LogCollector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.records: list[tuple[str, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.levelname.lower(), record.getMessage()))


def run_program(
    program: str | Path | Callable[[], None],
    *,
    stack: str = "dev",
    config: Mapping[str, Any] | None = None,
    project: str | None = None,
    preview: bool = False,
    mocks: pulumi.runtime.Mocks | None = None,
) -> ProgramRun:
    """Run a Pulumi Python program under mocks and return what it registered.

    `program` is a project directory (its `Pulumi.yaml` names the project and `main`) or a
    function. `config` maps full keys (`media-storage:app`) to values; `None` reads the
    project's `Pulumi.<stack>.yaml`. Each run has its own Pulumi runtime state, so runs
    never see each other's resources.
    """
    if callable(program):
        project_name = project or "project"
        main: Callable[[], Any] = program
        config = {} if config is None else config
    else:
        program_dir = Path(program).resolve()
        settings = read_project(program_dir)
        project_name = project or settings.get("name", "project")
        entry = program_entry(program_dir, settings)
        config = read_stack_config(program_dir, stack) if config is None else config

        def main() -> Any:
            # As the language host does: run from the project directory, with it on sys.path.
            previous = Path.cwd()
            os.chdir(program_dir)
            try:
                return runpy.run_path(str(entry), run_name="__main__")
            finally:
                os.chdir(previous)

    mocks = mocks or MediaStorageMocks(preview=preview, region=str(reveal(config.get("aws:region") or "us-east-1")))
    monitor = _RecordingMonitor(mocks, project_name, stack)
    collector = _LogCollector()
    logger = logging.getLogger(f"media-storage.testing.{id(collector)}")
    logger.propagate = False
    logger.addHandler(collector)
    # Settings live in context variables: they are made inside the run's fresh context.
    settings = {
        "monitor": monitor,
        "monitor_features": set(monitor.GetDeploymentInfo(None).supportedFeatures),
        "engine": runtime_mocks.MockEngine(logger),
        "project": project_name,
        "stack": stack,
        "dry_run": preview,
        "organization": "organization",
        "callbacks": None,
    }
    try:
        error, error_traceback, exit_status = contextvars.Context().run(_run_in_stack, main, settings, config)
    finally:
        logger.removeHandler(collector)

    resources: list[RegisteredResource] = []
    stack_urn = ""
    for request in monitor.requests:
        urn = monitor.make_urn(request.parent, request.type, request.name)
        if request.type == STACK_TYPE:
            stack_urn = urn
        else:
            resources.append(_registered(request, urn, monitor.computed.get(id(request), {})))
    outputs = from_struct(monitor.outputs[stack_urn]) if stack_urn in monitor.outputs else {}
    return ProgramRun(
        resources, outputs, error, error_traceback, collector.records, stack_urn, exit_status, dict(config)
    )


def _run_in_stack(
    main: Callable[[], Any], settings: dict[str, Any], config: Mapping[str, Any]
) -> tuple[str | None, str | None, int | None]:
    """Run `main` as the language host does, in the current (fresh) context: (error, traceback,
    exit status)."""
    secret_keys = [key for key, value in config.items() if isinstance(value, Secret)]
    runtime_config.set_all_config(
        {key: stack_config_values(reveal(value)) for key, value in config.items()}, secret_keys
    )
    runtime_settings.configure(runtime_mocks.MockSettings(**settings))
    runtime_settings.ROOT.set(None)
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    try:
        loop.run_until_complete(run_in_stack(main))
    except pulumi.RunError as error:
        return str(error), None, None
    except Exception as error:
        return f"{type(error).__name__}: {error}", traceback.format_exc(), None
    except (SystemExit, KeyboardInterrupt) as stop:
        # Wherever the program stops itself, even at its very end, it did not finish: never a pass.
        status = exit_status(stop)
        return f"the program exited with status {status}", traceback.format_exc(), status
    finally:
        # A failed program leaves registrations in flight; end them before the loop goes.
        pending = asyncio.all_tasks(loop)
        for task in pending:
            task.cancel()
        loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
        # Join the executor threads now: the SDK gives each an event loop of its own.
        loop.run_until_complete(loop.shutdown_default_executor())
        loop.close()
        asyncio.set_event_loop(None)
        # A program may freeze what it imported (the stack program does): undo it, so that in a
        # process running many programs (the tests) no run pins another's garbage forever.
        gc.unfreeze()
        gc.enable()
        # Those per-thread loops are now garbage in reference cycles; collected at
        # interpreter exit instead, they fail to close and print noise on stderr.
        gc.collect(1)
    return None, None, None


def exit_status(stop: SystemExit | KeyboardInterrupt) -> int:
    """The status a Python process ends with on `stop`: `sys.exit`'s code (None is 0, a message
    is 1), or 130 for `KeyboardInterrupt` (128 + SIGINT, as a shell reports it)."""
    if isinstance(stop, KeyboardInterrupt):
        return 130
    if stop.code is None:
        return 0
    return stop.code if isinstance(stop.code, int) else 1


def _registered(request: Any, urn: str, computed: Mapping[str, str] | None = None) -> RegisteredResource:
    return RegisteredResource(
        type=request.type,
        name=request.name,
        urn=urn,
        parent=request.parent,
        custom=request.custom,
        inputs=from_struct(request.object),
        protect=request.protect if request.HasField("protect") else None,
        dependencies=tuple(request.dependencies),
        property_dependencies={key: tuple(deps.urns) for key, deps in request.propertyDependencies.items()},
        provider=request.provider,
        request=request,
        computed=dict(computed or {}),
    )
