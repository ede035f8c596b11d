"""Apply the S3 and IAM resources a program registered (under mocks) to moto, with boto3.

What moto then holds is exactly what our components generate: bucket policy JSON, CORS
and lifecycle rules, encryption, versioning, ownership, public access block, the IAM user,
its inline policy and a real access key issued by moto (or the IAM role and its inline policy), and the
Secrets Manager secret or SSM parameters holding that key (`keyDelivery`). One deliberate change: bucket policy
statements with a `Condition` are left out, because moto ignores conditions and would apply
the TLS-only Deny to every request.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from botocore.client import BaseClient

from media_storage.testing import ProgramRun, RegisteredResource, reveal


@dataclass
class AppliedAws:
    """What applying a program to moto produced."""

    buckets: list[str] = field(default_factory=list)
    users: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    access_keys: dict[str, tuple[str, str]] = field(default_factory=dict)
    """AccessKey resource name -> (access key id, secret) issued by moto."""
    keys_by_urn: dict[str, tuple[str, str]] = field(default_factory=dict)
    """AccessKey resource URN -> (access key id, secret) issued by moto."""
    secret_arns: dict[str, str] = field(default_factory=dict)
    """Secrets Manager secret URN -> the ARN moto gave it."""
    parameters: list[str] = field(default_factory=list)
    """Names of the SSM parameters created."""
    skipped_statements: list[dict[str, Any]] = field(default_factory=list)
    """Bucket policy statements left out because moto cannot evaluate their conditions."""


def pascal(value: Any) -> Any:
    """Pulumi's camelCase input keys as the S3 API's PascalCase (`id` becomes `ID`)."""
    if isinstance(value, dict):
        return {("ID" if key == "id" else key[:1].upper() + key[1:]): pascal(item) for key, item in value.items()}
    if isinstance(value, list):
        return [pascal(item) for item in value]
    return value


def _tag_list(inputs: dict[str, Any]) -> list[dict[str, str]]:
    """Pulumi's `tags` map as the AWS APIs' list of `Key`/`Value` pairs."""
    return [{"Key": key, "Value": value} for key, value in sorted((inputs.get("tags") or {}).items())]


Applier = Callable[[BaseClient, BaseClient, dict[str, Any], RegisteredResource, AppliedAws], None]


def apply_to_moto(
    run: ProgramRun,
    s3: BaseClient,
    iam: BaseClient,
    *,
    secretsmanager: BaseClient | None = None,
    ssm: BaseClient | None = None,
) -> AppliedAws:
    """Create every registered S3/IAM (and Secrets Manager/SSM) resource of `run` in moto, in registration order.

    The program registers a resource after those it depends on (a policy after its bucket),
    so registration order is a valid creation order. An unknown resource type fails, so a
    new resource in the components cannot silently go untested.
    """
    applied = AppliedAws()
    for resource in run.resources:
        if not resource.custom:
            continue  # component resources have no API counterpart
        store_applier = STORE_APPLIERS.get(resource.type)
        if store_applier is not None:
            client = {"secretsmanager": secretsmanager, "ssm": ssm}[resource.type.split(":")[1].split("/")[0]]
            if client is None:
                raise LookupError(f"{resource.type} ({resource.name}) needs a moto client: pass it to apply_to_moto")
            store_applier(client, reveal(resource.inputs), resource, applied)
            continue
        applier = APPLIERS.get(resource.type)
        if applier is None:
            raise LookupError(f"no emulator mapping for {resource.type} ({resource.name}): add one, so it is tested")
        applier(s3, iam, reveal(resource.inputs), resource, applied)
    return applied


def _bucket(
    s3: BaseClient, iam: BaseClient, inputs: dict[str, Any], resource: RegisteredResource, applied: AppliedAws
) -> None:
    name = inputs["bucket"]
    s3.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": inputs["region"]})
    if inputs.get("tags"):
        s3.put_bucket_tagging(Bucket=name, Tagging={"TagSet": _tag_list(inputs)})
    applied.buckets.append(name)


def _ownership(
    s3: BaseClient, iam: BaseClient, inputs: dict[str, Any], resource: RegisteredResource, applied: AppliedAws
) -> None:
    s3.put_bucket_ownership_controls(Bucket=inputs["bucket"], OwnershipControls={"Rules": [pascal(inputs["rule"])]})


def _public_access_block(
    s3: BaseClient, iam: BaseClient, inputs: dict[str, Any], resource: RegisteredResource, applied: AppliedAws
) -> None:
    flags = {key: value for key, value in inputs.items() if key not in ("bucket", "region")}
    s3.put_public_access_block(Bucket=inputs["bucket"], PublicAccessBlockConfiguration=pascal(flags))


def _bucket_policy(
    s3: BaseClient, iam: BaseClient, inputs: dict[str, Any], resource: RegisteredResource, applied: AppliedAws
) -> None:
    document = json.loads(inputs["policy"])
    kept = []
    for statement in document["Statement"]:
        (applied.skipped_statements if "Condition" in statement else kept).append(statement)
    if kept:
        s3.put_bucket_policy(Bucket=inputs["bucket"], Policy=json.dumps(dict(document, Statement=kept)))


def _encryption(
    s3: BaseClient, iam: BaseClient, inputs: dict[str, Any], resource: RegisteredResource, applied: AppliedAws
) -> None:
    rules = []
    for rule in inputs["rules"]:
        default = rule["applyServerSideEncryptionByDefault"]
        api_rule: dict[str, Any] = {"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": default["sseAlgorithm"]}}
        if "kmsMasterKeyId" in default:
            api_rule["ApplyServerSideEncryptionByDefault"]["KMSMasterKeyID"] = default["kmsMasterKeyId"]
        if "bucketKeyEnabled" in rule:
            api_rule["BucketKeyEnabled"] = rule["bucketKeyEnabled"]
        if "blockedEncryptionTypes" in rule:  # a list in Pulumi, an object in the S3 API
            api_rule["BlockedEncryptionTypes"] = {"EncryptionType": rule["blockedEncryptionTypes"]}
        rules.append(api_rule)
    s3.put_bucket_encryption(Bucket=inputs["bucket"], ServerSideEncryptionConfiguration={"Rules": rules})


def _versioning(
    s3: BaseClient, iam: BaseClient, inputs: dict[str, Any], resource: RegisteredResource, applied: AppliedAws
) -> None:
    s3.put_bucket_versioning(Bucket=inputs["bucket"], VersioningConfiguration=pascal(inputs["versioningConfiguration"]))


def _cors(
    s3: BaseClient, iam: BaseClient, inputs: dict[str, Any], resource: RegisteredResource, applied: AppliedAws
) -> None:
    s3.put_bucket_cors(Bucket=inputs["bucket"], CORSConfiguration={"CORSRules": pascal(inputs["corsRules"])})


def _lifecycle(
    s3: BaseClient, iam: BaseClient, inputs: dict[str, Any], resource: RegisteredResource, applied: AppliedAws
) -> None:
    s3.put_bucket_lifecycle_configuration(
        Bucket=inputs["bucket"], LifecycleConfiguration={"Rules": pascal(inputs["rules"])}
    )


def _user(
    s3: BaseClient, iam: BaseClient, inputs: dict[str, Any], resource: RegisteredResource, applied: AppliedAws
) -> None:
    iam.create_user(UserName=inputs["name"], Path=inputs.get("path", "/"), Tags=_tag_list(inputs))
    applied.users.append(inputs["name"])


def _user_policy(
    s3: BaseClient, iam: BaseClient, inputs: dict[str, Any], resource: RegisteredResource, applied: AppliedAws
) -> None:
    iam.put_user_policy(
        UserName=inputs["user"], PolicyName=inputs.get("name", resource.name), PolicyDocument=inputs["policy"]
    )


def _role(
    s3: BaseClient, iam: BaseClient, inputs: dict[str, Any], resource: RegisteredResource, applied: AppliedAws
) -> None:
    iam.create_role(
        RoleName=inputs["name"],
        AssumeRolePolicyDocument=inputs["assumeRolePolicy"],
        MaxSessionDuration=inputs.get("maxSessionDuration", 3600),
        Tags=_tag_list(inputs),
    )
    applied.roles.append(inputs["name"])


def _role_policy(
    s3: BaseClient, iam: BaseClient, inputs: dict[str, Any], resource: RegisteredResource, applied: AppliedAws
) -> None:
    iam.put_role_policy(
        RoleName=inputs["role"], PolicyName=inputs.get("name", resource.name), PolicyDocument=inputs["policy"]
    )


def _access_key(
    s3: BaseClient, iam: BaseClient, inputs: dict[str, Any], resource: RegisteredResource, applied: AppliedAws
) -> None:
    key = iam.create_access_key(UserName=inputs["user"])["AccessKey"]
    applied.access_keys[resource.name] = (key["AccessKeyId"], key["SecretAccessKey"])
    applied.keys_by_urn[resource.urn] = applied.access_keys[resource.name]


def _issued_key(resource: RegisteredResource, key: str, applied: AppliedAws) -> tuple[str, str]:
    """The key moto issued for the AccessKey that `resource`'s input `key` was computed from.

    The mocks' key is a placeholder: what moto stores must be the key moto issued."""
    (urn,) = [urn for urn in resource.property_dependencies.get(key, ()) if urn in applied.keys_by_urn]
    return applied.keys_by_urn[urn]


StoreApplier = Callable[[BaseClient, dict[str, Any], RegisteredResource, AppliedAws], None]


def _secret(client: BaseClient, inputs: dict[str, Any], resource: RegisteredResource, applied: AppliedAws) -> None:
    created = client.create_secret(
        Name=inputs["name"], Description=inputs.get("description", ""), Tags=_tag_list(inputs)
    )
    applied.secret_arns[resource.urn] = created["ARN"]


def _secret_version(
    client: BaseClient, inputs: dict[str, Any], resource: RegisteredResource, applied: AppliedAws
) -> None:
    (secret_urn,) = resource.property_dependencies["secretId"]
    key_id, secret = _issued_key(resource, "secretString", applied)
    stored = json.loads(inputs["secretString"])
    assert set(stored) == {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"}, stored.keys()
    value = json.dumps({"AWS_ACCESS_KEY_ID": key_id, "AWS_SECRET_ACCESS_KEY": secret})
    client.put_secret_value(SecretId=applied.secret_arns[secret_urn], SecretString=value)


def _parameter(client: BaseClient, inputs: dict[str, Any], resource: RegisteredResource, applied: AppliedAws) -> None:
    key_id, secret = _issued_key(resource, "value", applied)
    value = key_id if inputs["name"].endswith("/AWS_ACCESS_KEY_ID") else secret
    client.put_parameter(
        Name=inputs["name"], Type=inputs["type"], Value=value, Description=inputs.get("description", "")
    )
    client.add_tags_to_resource(ResourceType="Parameter", ResourceId=inputs["name"], Tags=_tag_list(inputs))
    applied.parameters.append(inputs["name"])


APPLIERS: dict[str, Applier] = {
    "aws:s3/bucket:Bucket": _bucket,
    "aws:s3/bucketOwnershipControls:BucketOwnershipControls": _ownership,
    "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": _public_access_block,
    "aws:s3/bucketPolicy:BucketPolicy": _bucket_policy,
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": _encryption,
    "aws:s3/bucketVersioning:BucketVersioning": _versioning,
    "aws:s3/bucketCorsConfiguration:BucketCorsConfiguration": _cors,
    "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": _lifecycle,
    "aws:iam/user:User": _user,
    "aws:iam/userPolicy:UserPolicy": _user_policy,
    "aws:iam/accessKey:AccessKey": _access_key,
    "aws:iam/role:Role": _role,
    "aws:iam/rolePolicy:RolePolicy": _role_policy,
}
"""How each resource type the AWS components register is created in moto."""

STORE_APPLIERS: dict[str, StoreApplier] = {
    "aws:secretsmanager/secret:Secret": _secret,
    "aws:secretsmanager/secretVersion:SecretVersion": _secret_version,
    "aws:ssm/parameter:Parameter": _parameter,
}
"""How the secret stores that hold the app's key (`keyDelivery`) are created in moto."""
