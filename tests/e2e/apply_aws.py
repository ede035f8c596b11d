"""Apply the S3 and IAM resources a program registered (under mocks) to moto, with boto3.

What moto then holds is exactly what our components generate: bucket policy JSON, CORS
and lifecycle rules, encryption, versioning, ownership, public access block, the IAM user,
its inline policy and a real access key issued by moto (or the IAM role and its inline policy), and the
Secrets Manager secret or SSM parameters holding that key (`keyDelivery`). One deliberate change: bucket policy
statements with a `Condition` are left out, because moto ignores conditions and would apply
the TLS-only Deny to every request (so are the CloudFront reads, pinned by `AWS:SourceArn`).
With `cdn`, the origin access controls, public keys, key groups and distributions go to moto's
CloudFront; moto has no cache, origin request or response headers policy API, so distributions
name AWS's managed policy ids and the CORS response headers policy is not replayed.
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
    cloudfront_ids: dict[str, str] = field(default_factory=dict)
    """CloudFront resource URN -> the id moto gave it (origin access controls, public keys, key groups,
    distributions)."""
    distribution_domains: dict[str, str] = field(default_factory=dict)
    """Distribution URN -> the `*.cloudfront.net` domain moto gave it."""
    skipped_resources: list[str] = field(default_factory=list)
    """Resources moto has no API for (CloudFront response headers policies; tls keys, made locally)."""


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
    cloudfront: BaseClient | None = None,
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
        cdn_applier = CLOUDFRONT_APPLIERS.get(resource.type)
        if cdn_applier is not None:
            if cloudfront is None:
                raise LookupError(f"{resource.type} ({resource.name}) needs a moto client: pass cloudfront")
            cdn_applier(cloudfront, reveal(resource.inputs), resource, applied)
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


def _moto_id(resource: RegisteredResource, key: str, applied: AppliedAws) -> str:
    """The moto id of the CloudFront resource that `resource`'s input `key` was computed from."""
    (urn,) = [urn for urn in resource.property_dependencies.get(key, ()) if urn in applied.cloudfront_ids]
    return applied.cloudfront_ids[urn]


def _moto_ids(resource: RegisteredResource, key: str, applied: AppliedAws) -> list[str]:
    return [
        applied.cloudfront_ids[u] for u in resource.property_dependencies.get(key, ()) if u in applied.cloudfront_ids
    ]


def _origin_access_control(
    client: BaseClient, inputs: dict[str, Any], resource: RegisteredResource, applied: AppliedAws
) -> None:
    created = client.create_origin_access_control(
        OriginAccessControlConfig={
            "Name": inputs["name"],
            "Description": inputs.get("description", ""),
            "SigningProtocol": inputs["signingProtocol"],
            "SigningBehavior": inputs["signingBehavior"],
            "OriginAccessControlOriginType": inputs["originAccessControlOriginType"],
        }
    )
    applied.cloudfront_ids[resource.urn] = created["OriginAccessControl"]["Id"]


def _public_key(client: BaseClient, inputs: dict[str, Any], resource: RegisteredResource, applied: AppliedAws) -> None:
    created = client.create_public_key(
        PublicKeyConfig={
            "CallerReference": resource.urn,
            "Name": inputs.get("name") or inputs["namePrefix"] + "moto",
            "EncodedKey": inputs["encodedKey"],
            "Comment": inputs.get("comment", ""),
        }
    )
    applied.cloudfront_ids[resource.urn] = created["PublicKey"]["Id"]


def _key_group(client: BaseClient, inputs: dict[str, Any], resource: RegisteredResource, applied: AppliedAws) -> None:
    items = _moto_ids(resource, "items", applied)
    assert len(items) == len(inputs["items"]), "every key of the group was created first"
    created = client.create_key_group(
        KeyGroupConfig={"Name": inputs["name"], "Items": items, "Comment": inputs.get("comment", "")}
    )
    applied.cloudfront_ids[resource.urn] = created["KeyGroup"]["Id"]


def _listed(items: list[Any]) -> dict[str, Any]:
    return {"Quantity": len(items), "Items": items}


def _distribution(
    client: BaseClient, inputs: dict[str, Any], resource: RegisteredResource, applied: AppliedAws
) -> None:
    behaviour = inputs["defaultCacheBehavior"]
    api_behaviour: dict[str, Any] = {
        "TargetOriginId": behaviour["targetOriginId"],
        "ViewerProtocolPolicy": behaviour["viewerProtocolPolicy"],
        "AllowedMethods": {
            **_listed(behaviour["allowedMethods"]),
            "CachedMethods": _listed(behaviour["cachedMethods"]),
        },
        "Compress": behaviour["compress"],
        # AWS managed policies: their ids are the same in every account (moto has no policy API).
        "CachePolicyId": behaviour["cachePolicyId"],
        "OriginRequestPolicyId": behaviour["originRequestPolicyId"],
    }
    key_groups = _moto_ids(resource, "defaultCacheBehavior", applied)
    if behaviour.get("trustedKeyGroups"):
        assert len(key_groups) == len(behaviour["trustedKeyGroups"])
        api_behaviour["TrustedKeyGroups"] = {"Enabled": True, **_listed(key_groups)}
    origins = []
    for origin in inputs["origins"]:
        origins.append(
            {
                "Id": origin["originId"],
                "DomainName": origin["domainName"],
                "OriginAccessControlId": _moto_id(resource, "origins", applied),
                "S3OriginConfig": {"OriginAccessIdentity": ""},  # empty: no legacy origin access identity
            }
        )
    certificate = inputs["viewerCertificate"]
    api_certificate = (
        {"CloudFrontDefaultCertificate": True}
        if certificate.get("cloudfrontDefaultCertificate")
        else {
            "ACMCertificateArn": certificate["acmCertificateArn"],
            "SSLSupportMethod": certificate["sslSupportMethod"],
            "MinimumProtocolVersion": certificate["minimumProtocolVersion"],
        }
    )
    created = client.create_distribution_with_tags(
        DistributionConfigWithTags={
            "DistributionConfig": {
                "CallerReference": resource.urn,
                "Aliases": _listed(inputs.get("aliases") or []),
                "Origins": _listed(origins),
                "DefaultCacheBehavior": api_behaviour,
                "Comment": inputs.get("comment", ""),
                "Enabled": inputs["enabled"],
                "PriceClass": inputs["priceClass"],
                "HttpVersion": inputs["httpVersion"],
                "IsIPV6Enabled": inputs["isIpv6Enabled"],
                "ViewerCertificate": api_certificate,
                "Restrictions": {"GeoRestriction": {"RestrictionType": "none", "Quantity": 0}},
            },
            "Tags": {"Items": _tag_list(inputs)},
        }
    )["Distribution"]
    applied.cloudfront_ids[resource.urn] = created["Id"]
    applied.distribution_domains[resource.urn] = created["DomainName"]


def _not_in_moto(client: BaseClient, inputs: dict[str, Any], resource: RegisteredResource, applied: AppliedAws) -> None:
    applied.skipped_resources.append(resource.type)


CLOUDFRONT_APPLIERS: dict[str, StoreApplier] = {
    "aws:cloudfront/originAccessControl:OriginAccessControl": _origin_access_control,
    "aws:cloudfront/publicKey:PublicKey": _public_key,
    "aws:cloudfront/keyGroup:KeyGroup": _key_group,
    "aws:cloudfront/distribution:Distribution": _distribution,
    # moto has no response headers policy API: the CORS headers stay with the mock tests and the pack.
    "aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy": _not_in_moto,
    # Generated locally by pulumi-tls (and by the mock runner): no API to call.
    "tls:index/privateKey:PrivateKey": _not_in_moto,
}
"""How the CloudFront resources (`cdn`) are created in moto's CloudFront."""
