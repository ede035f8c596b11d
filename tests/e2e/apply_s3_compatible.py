"""Apply the DigitalOcean Spaces and Cloudflare R2 resources a program registered (under mocks) to moto.

The data plane of both is S3, so moto stands in for it: each Space or R2 bucket becomes an S3
bucket with the same name, bucket ACL, CORS and lifecycle rules. The Spaces stack has no bucket
policy (a Spaces bucket policy has no mapping here, so one would fail the test): public media
are public by the object ACL the app uploads them with, which moto honours for anonymous GETs.
moto has no Spaces keys or Cloudflare tokens:
each becomes an IAM user whose policy grants what the key's or token's grants allow, with an
access key issued by moto. R2's public domains have no S3 counterpart and are only recorded:
what they serve is checked under mocks (the public URL's host), not here.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from botocore.client import BaseClient

from media_storage.testing import ProgramRun, RegisteredResource, reveal

EMULATOR_REGION = "eu-west-1"
OBJECT_ACTIONS = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload"]
READ_ACTIONS = ["s3:GetObject"]
R2_ITEM_READ, R2_ITEM_WRITE = "6a018a9f2fc74eb6b293b0c548f38b39", "2efd5506f9c8494dacb1fa10a3e7d5b6"
R2_BUCKET_PREFIX = "com.cloudflare.edge.r2.bucket."


@dataclass
class AppliedS3Compatible:
    """What applying a program to moto produced."""

    buckets: list[str] = field(default_factory=list)
    access_keys: dict[str, tuple[str, str]] = field(default_factory=dict)
    """Key or token resource name -> (access key id, secret) issued by moto for its stand-in user."""
    grants: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    """Key or token resource name -> bucket -> the object actions its stand-in user got."""
    public_domains: dict[str, str] = field(default_factory=dict)
    """Bucket -> domain resource type, for the public domains moto cannot serve."""


Applier = Callable[[BaseClient, BaseClient, dict[str, Any], RegisteredResource, AppliedS3Compatible], None]


def apply_to_moto(run: ProgramRun, s3: BaseClient, iam: BaseClient) -> AppliedS3Compatible:
    """Create every registered Spaces/R2 resource of `run` in moto, in registration order;
    an unknown resource type fails, so a new resource cannot silently go untested."""
    applied = AppliedS3Compatible()
    for resource in run.resources:
        if not resource.custom:
            continue
        applier = APPLIERS.get(resource.type)
        if applier is None:
            raise LookupError(f"no emulator mapping for {resource.type} ({resource.name}): add one, so it is tested")
        applier(s3, iam, reveal(resource.inputs), resource, applied)
    return applied


def _create_bucket(s3: BaseClient, name: str, applied: AppliedS3Compatible) -> None:
    s3.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": EMULATOR_REGION})
    applied.buckets.append(name)


def _stand_in_user(
    iam: BaseClient, resource: RegisteredResource, grants: dict[str, list[str]], applied: AppliedS3Compatible
) -> None:
    """An IAM user allowed exactly `grants` (bucket -> object actions), plus listing those buckets."""
    user = f"{resource.name}-stand-in"
    statements = [
        {"Effect": "Allow", "Action": ["s3:ListBucket"], "Resource": [f"arn:aws:s3:::{b}" for b in grants]},
        *(
            {"Effect": "Allow", "Action": actions, "Resource": [f"arn:aws:s3:::{bucket}/*"]}
            for bucket, actions in grants.items()
        ),
    ]
    iam.create_user(UserName=user)
    iam.put_user_policy(
        UserName=user,
        PolicyName="grants",
        PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": statements}),
    )
    key = iam.create_access_key(UserName=user)["AccessKey"]
    applied.access_keys[resource.name] = (key["AccessKeyId"], key["SecretAccessKey"])
    applied.grants[resource.name] = grants


# --- DigitalOcean Spaces ---------------------------------------------------------------------


def _space(s3: BaseClient, iam: BaseClient, inputs: dict[str, Any], resource: RegisteredResource, applied) -> None:
    name = inputs["name"]
    _create_bucket(s3, name, applied)
    s3.put_bucket_acl(Bucket=name, ACL=inputs["acl"])
    if (inputs.get("versioning") or {}).get("enabled"):
        s3.put_bucket_versioning(Bucket=name, VersioningConfiguration={"Status": "Enabled"})
    rules = []
    for rule in inputs.get("lifecycleRules") or []:
        api: dict[str, Any] = {
            "ID": rule["id"],
            "Status": "Enabled" if rule["enabled"] else "Disabled",
            "Filter": {"Prefix": rule.get("prefix", "")},
        }
        if "abortIncompleteMultipartUploadDays" in rule:
            api["AbortIncompleteMultipartUpload"] = {"DaysAfterInitiation": rule["abortIncompleteMultipartUploadDays"]}
        if "expiration" in rule:
            expiration = rule["expiration"]
            api["Expiration"] = (
                {"Days": expiration["days"]}
                if "days" in expiration
                else {"ExpiredObjectDeleteMarker": expiration["expiredObjectDeleteMarker"]}
            )
        if "noncurrentVersionExpiration" in rule:
            api["NoncurrentVersionExpiration"] = {"NoncurrentDays": rule["noncurrentVersionExpiration"]["days"]}
        rules.append(api)
    if rules:
        s3.put_bucket_lifecycle_configuration(Bucket=name, LifecycleConfiguration={"Rules": rules})


def _space_cors(s3: BaseClient, iam: BaseClient, inputs: dict[str, Any], resource: RegisteredResource, applied) -> None:
    rules = [
        {
            "ID": rule["id"],
            "AllowedOrigins": rule["allowedOrigins"],
            "AllowedMethods": rule["allowedMethods"],
            "AllowedHeaders": rule.get("allowedHeaders", []),
            "ExposeHeaders": rule.get("exposeHeaders", []),
            "MaxAgeSeconds": rule["maxAgeSeconds"],
        }
        for rule in inputs["corsRules"]
    ]
    s3.put_bucket_cors(Bucket=inputs["bucket"], CORSConfiguration={"CORSRules": rules})


def _spaces_key(s3: BaseClient, iam: BaseClient, inputs: dict[str, Any], resource: RegisteredResource, applied) -> None:
    grants = {}
    for grant in inputs["grants"]:
        if grant["permission"] not in ("read", "readwrite"):
            raise ValueError(f"{resource.name}: a {grant['permission']!r} grant has no per-bucket stand-in")
        grants[grant["bucket"]] = OBJECT_ACTIONS if grant["permission"] == "readwrite" else READ_ACTIONS
    _stand_in_user(iam, resource, grants, applied)


# --- Cloudflare R2 ---------------------------------------------------------------------------


def _r2_bucket(s3: BaseClient, iam: BaseClient, inputs: dict[str, Any], resource: RegisteredResource, applied) -> None:
    _create_bucket(s3, inputs["name"], applied)


def _r2_cors(s3: BaseClient, iam: BaseClient, inputs: dict[str, Any], resource: RegisteredResource, applied) -> None:
    rules = [
        {
            "ID": rule["id"],
            "AllowedOrigins": rule["allowed"]["origins"],
            "AllowedMethods": rule["allowed"]["methods"],
            "AllowedHeaders": rule["allowed"].get("headers", []),
            "ExposeHeaders": rule.get("exposeHeaders", []),
            "MaxAgeSeconds": rule["maxAgeSeconds"],
        }
        for rule in inputs["rules"]
    ]
    s3.put_bucket_cors(Bucket=inputs["bucketName"], CORSConfiguration={"CORSRules": rules})


def _days(transition: dict[str, Any]) -> int:
    return transition["condition"]["maxAge"] // 86400


def _r2_lifecycle(
    s3: BaseClient, iam: BaseClient, inputs: dict[str, Any], resource: RegisteredResource, applied
) -> None:
    rules = []
    for rule in inputs["rules"]:
        api: dict[str, Any] = {
            "ID": rule["id"],
            "Status": "Enabled" if rule["enabled"] else "Disabled",
            "Filter": {"Prefix": rule["conditions"]["prefix"]},
        }
        if "abortMultipartUploadsTransition" in rule:
            api["AbortIncompleteMultipartUpload"] = {
                "DaysAfterInitiation": _days(rule["abortMultipartUploadsTransition"])
            }
        if "deleteObjectsTransition" in rule:
            api["Expiration"] = {"Days": _days(rule["deleteObjectsTransition"])}
        if "storageClassTransitions" in rule:  # R2's Infrequent Access is S3's Standard-IA
            api["Transitions"] = [
                {"Days": _days(t), "StorageClass": "STANDARD_IA"} for t in rule["storageClassTransitions"]
            ]
        rules.append(api)
    s3.put_bucket_lifecycle_configuration(Bucket=inputs["bucketName"], LifecycleConfiguration={"Rules": rules})


def _r2_domain(s3: BaseClient, iam: BaseClient, inputs: dict[str, Any], resource: RegisteredResource, applied) -> None:
    applied.public_domains[inputs["bucketName"]] = resource.type


def _r2_token(s3: BaseClient, iam: BaseClient, inputs: dict[str, Any], resource: RegisteredResource, applied) -> None:
    grants: dict[str, list[str]] = {}
    for policy in inputs["policies"]:
        groups = {group["id"] for group in policy["permissionGroups"]}
        if policy["effect"] != "allow" or not groups <= {R2_ITEM_READ, R2_ITEM_WRITE}:
            raise ValueError(f"{resource.name}: only R2 object read/write policies have a per-bucket stand-in")
        for key in json.loads(policy["resources"]):
            if not key.startswith(R2_BUCKET_PREFIX):
                raise ValueError(f"{resource.name}: {key} names no single bucket")
            bucket = key.removeprefix(R2_BUCKET_PREFIX).split("_", 2)[2]
            grants[bucket] = OBJECT_ACTIONS if R2_ITEM_WRITE in groups else READ_ACTIONS
    _stand_in_user(iam, resource, grants, applied)


APPLIERS: dict[str, Applier] = {
    "digitalocean:index/spacesBucket:SpacesBucket": _space,
    "digitalocean:index/spacesBucketCorsConfiguration:SpacesBucketCorsConfiguration": _space_cors,
    "digitalocean:index/spacesKey:SpacesKey": _spaces_key,
    "cloudflare:index/r2Bucket:R2Bucket": _r2_bucket,
    "cloudflare:index/r2BucketCors:R2BucketCors": _r2_cors,
    "cloudflare:index/r2BucketLifecycle:R2BucketLifecycle": _r2_lifecycle,
    "cloudflare:index/r2ManagedDomain:R2ManagedDomain": _r2_domain,
    "cloudflare:index/r2CustomDomain:R2CustomDomain": _r2_domain,
    "cloudflare:index/accountToken:AccountToken": _r2_token,
}
"""How each resource type the Spaces and R2 components register is created in moto."""
