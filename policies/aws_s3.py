"""Policies for S3 buckets of media: public access, TLS, ACLs, encryption, CORS, lifecycle, versioning.

Every bucket in the program is judged as a media bucket. Its visibility comes from the
`media-storage:visibility` tag; a bucket without it is private (the safe default).
Configuration that lives in its own resource (`BucketPolicy`, `BucketCorsConfiguration`, ...)
and the deprecated inline arguments of `Bucket` are both considered.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from pulumi_policy import (
    EnforcementLevel,
    PolicyConfigSchema,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
)

from .aws_accounts import ALLOWED_PRINCIPALS_SCHEMA, TRUSTED_ACCOUNTS_SCHEMA, own_accounts, undeclared_principals
from .aws_statements import Principals, account_of, covered_paths, is_tls_only_deny, lower_actions, principals
from .cdn import _origin_bucket_name, is_distribution_read, is_log_delivery_write
from .cors import trusted_origins_policy
from .resources import (
    UNKNOWN,
    as_list,
    for_types,
    is_public,
    json_document,
    prop,
    report_unprotected,
    statements,
    unreadable,
)
from .stack_index import stack_index

BUCKET_TYPES = ("aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2")
POLICY_TYPES = ("aws:s3/bucketPolicy:BucketPolicy",)
ACCESS_BLOCK_TYPES = ("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",)
OWNERSHIP_TYPES = ("aws:s3/bucketOwnershipControls:BucketOwnershipControls",)
ACL_TYPES = ("aws:s3/bucketAcl:BucketAcl", "aws:s3/bucketAclV2:BucketAclV2")
OBJECT_TYPES = (
    "aws:s3/bucketObject:BucketObject",
    "aws:s3/bucketObjectv2:BucketObjectv2",
    "aws:s3/objectCopy:ObjectCopy",
)
ENCRYPTION_TYPES = (
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
)
VERSIONING_TYPES = ("aws:s3/bucketVersioning:BucketVersioning", "aws:s3/bucketVersioningV2:BucketVersioningV2")
CORS_TYPES = (
    "aws:s3/bucketCorsConfiguration:BucketCorsConfiguration",
    "aws:s3/bucketCorsConfigurationV2:BucketCorsConfigurationV2",
)
LIFECYCLE_TYPES = (
    "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
    "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2",
)
REPLICATION_TYPES = ("aws:s3/bucketReplicationConfig:BucketReplicationConfig",)
INVENTORY_TYPES = ("aws:s3/inventory:Inventory",)
ANALYTICS_TYPES = ("aws:s3/analyticsConfiguration:AnalyticsConfiguration",)
LOGGING_TYPES = ("aws:s3/bucketLogging:BucketLogging", "aws:s3/bucketLoggingV2:BucketLoggingV2")
WEBSITE_TYPES = (
    "aws:s3/bucketWebsiteConfiguration:BucketWebsiteConfiguration",
    "aws:s3/bucketWebsiteConfigurationV2:BucketWebsiteConfigurationV2",
)
ACCESS_POINT_TYPES = ("aws:s3/accessPoint:AccessPoint",)

PUBLIC_CANNED_ACLS = {"public-read", "public-read-write", "authenticated-read"}
PUBLIC_GRANTEE_URIS = {
    "http://acs.amazonaws.com/groups/global/AllUsers",
    "http://acs.amazonaws.com/groups/global/AuthenticatedUsers",
}


def _buckets(args: StackValidationArgs) -> list[Any]:
    return stack_index(args).of_types(*BUCKET_TYPES)


def attached(args: StackValidationArgs, bucket: Any, types: Sequence[str]) -> list[Any]:
    """The resources of `types` that configure `bucket` (through their `bucket` input)."""
    return stack_index(args).attached(bucket, types, "bucket", BUCKET_TYPES, "bucket")


def bucket_label(bucket: Any) -> str:
    """How a violation names a bucket: its logical name and, when known, its real name."""
    name = prop(bucket.props, "bucket")
    return f"Bucket {bucket.name}" + (f" ({name})" if isinstance(name, str) else "")


def blocks(value: Any, *path: str | tuple[str, ...]) -> list[Any]:
    """Every value at `path` below the plain `value`, a list at any step walked element by element.

    A step may name alternative keys: the v7 `Bucket` takes `versioning`, `website`, ... where the
    deprecated `BucketV2` takes `versionings`, `websites`, ... (lists of one block). An unknown
    value on the way is returned as `UNKNOWN`, for the caller to leave to the update.
    """
    found = [value]
    for step in path:
        keys = (step,) if isinstance(step, str) else step
        deeper: list[Any] = []
        for item in found:
            for element in item if isinstance(item, list) else [item]:
                if element is UNKNOWN:
                    deeper.append(UNKNOWN)
                elif isinstance(element, dict):
                    deeper += [element[key] for key in keys if element.get(key) is not None]
        found = deeper
    return [element for item in found for element in (item if isinstance(item, list) else [item])]


def _bucket_policies(args: StackValidationArgs, bucket: Any) -> list[dict[str, Any]] | None:
    """The bucket's policy documents (resource and inline); None if any is unknown yet."""
    sources = [prop(p.props, "policy") for p in attached(args, bucket, POLICY_TYPES)]
    inline = prop(bucket.props, "policy")
    if inline is not None:
        sources.append(inline)
    if any(source is UNKNOWN for source in sources):
        return None
    return [document for document in map(json_document, sources) if document is not None]


def _known_bucket_policies(args: StackValidationArgs, bucket: Any) -> list[dict[str, Any]]:
    """The bucket's policy documents (resource and inline) known so far."""
    sources = [prop(p.props, "policy") for p in attached(args, bucket, POLICY_TYPES)] + [prop(bucket.props, "policy")]
    return [document for document in map(json_document, sources) if document is not None]


def _unreadable_bucket_policies(args: StackValidationArgs) -> Iterator[tuple[Any, str]]:
    """(resource, its label) for each bucket policy, resource or inline, that is known but not a
    document the pack can read."""
    for resource in stack_index(args).of_types(*POLICY_TYPES, *BUCKET_TYPES):
        if unreadable(prop(resource.props, "policy")):
            yield resource, resource.name


# --- mandatory ---------------------------------------------------------------------------


ACCESS_BLOCK_FLAGS = ("blockPublicAcls", "ignorePublicAcls", "blockPublicPolicy", "restrictPublicBuckets")


def flags_off(props: Any, container: Any = None, *, default: bool = False) -> list[str]:
    """The public access block flags that are not on (`default`: what S3 assumes for a flag not given)."""
    block = props if container is None else prop(props, container, default={})
    if block is UNKNOWN:
        return []
    return [flag for flag in ACCESS_BLOCK_FLAGS if prop(block, flag, default=default) not in (True, UNKNOWN)]


def _check_private_access_block(args: StackValidationArgs, report: ReportViolation) -> None:
    for bucket in _buckets(args):
        if is_public(bucket.props) is not False:
            continue
        access_blocks = attached(args, bucket, ACCESS_BLOCK_TYPES)
        if not access_blocks:
            report(
                f"{bucket_label(bucket)} is private but has no public access block: add a BucketPublicAccessBlock "
                "with all four flags true.",
                bucket.urn,
            )
        for block in access_blocks:
            off = flags_off(block.props)
            if off:
                report(
                    f"{bucket_label(bucket)} is private, but its public access block leaves {', '.join(off)} off: "
                    "set them to true.",
                    block.urn,
                )
    # A bucket the program only names (allowlisted in allowedUndeclaredBuckets or not) is judged as private.
    for block, name in _undeclared(args, ACCESS_BLOCK_TYPES):
        off = flags_off(block.props)
        if off:
            report(
                f"{block.name} leaves {', '.join(off)} off on bucket {name!r}, which the program does not declare "
                "and the pack therefore judges as private media: set them to true.",
                block.urn,
            )


private_bucket_blocks_public_access = StackValidationPolicy(
    name="s3-private-bucket-blocks-public-access",
    description=(
        "A private media bucket (any bucket not tagged media-storage:visibility=public) needs a "
        "BucketPublicAccessBlock with blockPublicAcls, ignorePublicAcls, blockPublicPolicy and "
        "restrictPublicBuckets all true."
    ),
    enforcement_level=EnforcementLevel.MANDATORY,
    validate=_check_private_access_block,
)


def _check_public_acls(args: ResourceValidationArgs, report: ReportViolation) -> None:
    acl = prop(args.props, "acl")
    if acl in PUBLIC_CANNED_ACLS:
        report(f"The canned ACL {acl!r} gives everyone access.")
    grants = as_list(prop(args.props, "grants", default=[]))
    policy = prop(args.props, "accessControlPolicy", default={})
    owner = None
    if isinstance(policy, dict):
        grants += as_list(policy.get("grants"))
        owner = (policy.get("owner") or {}).get("id") if isinstance(policy.get("owner"), dict) else None
    for grant in grants:
        if not isinstance(grant, dict):
            continue
        grantee = grant.get("grantee") if isinstance(grant.get("grantee"), dict) else grant
        if grantee.get("uri") in PUBLIC_GRANTEE_URIS:
            report(f"An ACL grant to {grantee['uri']} gives everyone access.")
        elif grantee.get("emailAddress") or str(grantee.get("type")) == "AmazonCustomerByEmail":
            report("An ACL grant to an email address gives another AWS account access.")
        elif owner and str(grantee.get("type")) == "CanonicalUser" and grantee.get("id") not in (None, owner):
            report(f"An ACL grant to canonical user {grantee.get('id')} gives another AWS account access.")
        elif not owner and str(grantee.get("type")) == "CanonicalUser":
            report(
                f"An ACL grant to canonical user {grantee.get('id')} names no owner to compare with, so it may give "
                "another AWS account access: remove the grant, disable ACLs with BucketOwnerEnforced ownership, and "
                "grant access with a bucket policy naming the account."
            )


no_public_acls = ResourceValidationPolicy(
    name="s3-no-public-acls",
    description=(
        "Do not grant access with ACLs: remove public canned ACLs (public-read, public-read-write, "
        "authenticated-read) and grants to AllUsers, AuthenticatedUsers or other accounts. Disable ACLs with "
        "BucketOwnershipControls (BucketOwnerEnforced) and grant public reads with a bucket policy."
    ),
    enforcement_level=EnforcementLevel.MANDATORY,
    validate=for_types(BUCKET_TYPES + ACL_TYPES + OBJECT_TYPES, _check_public_acls),
)


def _allow_statements(args: StackValidationArgs) -> Iterator[tuple[Any, bool, dict[str, Any]]]:
    """(bucket, is it public, statement) for every Allow statement of every bucket's policies.

    Buckets whose policy or visibility is not known yet (a preview) are left out: judged on the update.
    """
    for bucket in _buckets(args):
        # A known grant is judged even while another policy of the bucket is unknown (a preview).
        documents = _known_bucket_policies(args, bucket)
        public = is_public(bucket.props)
        if public is None:
            continue
        for document in documents:
            for statement in statements(document):
                if statement.get("Effect") == "Allow":
                    yield bucket, public, statement


def _reads_only(statement: dict[str, Any]) -> bool:
    """Whether the statement grants s3:GetObject and nothing else."""
    return "NotAction" not in statement and lower_actions(statement) == {"s3:getobject"}


def _undeclared(args: StackValidationArgs, types: Sequence[str]) -> Iterator[tuple[Any, str]]:
    """(resource, bucket name) for each resource of `types` that configures a bucket the program
    does not declare (a literal name or ARN); unknown names (a preview) are left out."""
    index = stack_index(args)
    for resource in index.of_types(*types):
        name = prop(resource.props, "bucket")
        if isinstance(name, str) and index.linked(resource, "bucket", BUCKET_TYPES, "bucket") is None:
            yield resource, name


def _report_copies_to_public(args: StackValidationArgs, report: ReportViolation) -> None:
    """An ObjectCopy from a private bucket (or one the program does not declare) into a public one."""
    index = stack_index(args)
    buckets = index.candidates(BUCKET_TYPES, "bucket")
    for copy in index.of_types("aws:s3/objectCopy:ObjectCopy"):
        source, target = prop(copy.props, "source"), index.linked(copy, "bucket", BUCKET_TYPES, "bucket")
        if not isinstance(source, str) or target is None or is_public(target.props) is not True:
            continue
        origin = buckets.first_named(source.split(":::", 1)[-1].split("/", 1)[0])
        if origin is None or is_public(origin.props) is not True:
            report(
                f"{copy.name} copies {source!r}, media of a private bucket (or one the program does not declare), "
                f"into the public {bucket_label(target)}, where anyone may read it: copy only public media there, "
                "or serve the object from the private bucket through signed links.",
                copy.urn,
            )


def _check_anonymous_grants(args: StackValidationArgs, report: ReportViolation) -> None:
    _report_copies_to_public(args, report)
    for policy, name in _undeclared(args, POLICY_TYPES):
        document = json_document(prop(policy.props, "policy"))
        for statement in statements(document or {}):
            if statement.get("Effect") == "Allow" and principals(statement).anonymous:
                report(
                    f"{policy.name} grants anonymous access to bucket {name!r}, which the program does not declare "
                    "and the pack therefore judges as private media: remove the statement.",
                    policy.urn,
                )
    for bucket, public, statement in _allow_statements(args):
        if not principals(statement).anonymous:
            continue
        name = prop(bucket.props, "bucket")
        actions = as_list(statement.get("Action"))
        resources = as_list(statement.get("Resource"))
        if not public:
            report(
                f'{bucket_label(bucket)} is private, but its policy grants anonymous access (a "*" principal not '
                "pinned to an account by aws:PrincipalAccount, aws:SourceAccount or an ARN; aws:PrincipalOrgID "
                "or aws:SourceVpce pin no account): remove the statement or name the principals.",
                bucket.urn,
            )
        elif "NotResource" in statement or not _reads_only(statement):
            report(
                f"{bucket_label(bucket)} grants anonymous {actions or 'NotAction'}: only s3:GetObject is allowed; "
                "narrow the statement to s3:GetObject on the bucket's objects.",
                bucket.urn,
            )
        elif not isinstance(name, str) or any(
            not (isinstance(r, str) and r.split(":::", 1)[-1].startswith(f"{name}/")) for r in resources
        ):
            report(
                f"{bucket_label(bucket)} grants anonymous reads beyond its own objects: {resources}; name only "
                f"arn:aws:s3:::{name}/* (or a prefix of it).",
                bucket.urn,
            )


anonymous_read_only_public_objects = StackValidationPolicy(
    name="s3-anonymous-read-only-public-objects",
    description=(
        'A bucket policy may grant an anonymous principal ("*") nothing but s3:GetObject on the '
        "objects of a bucket tagged media-storage:visibility=public. Remove other anonymous "
        "statements, and every anonymous statement from private buckets; copy no private media "
        "(ObjectCopy) into a public bucket."
    ),
    enforcement_level=EnforcementLevel.MANDATORY,
    validate=_check_anonymous_grants,
)


def _report_access_grants(
    args: StackValidationArgs, report: ReportViolation, own: set[str], allowed: list[str]
) -> None:
    """S3 Access Grants: the instance's resource policy and each grant's IAM grantee are principals
    that get credentials for the granted buckets; those of another account are foreign."""
    index = stack_index(args)
    for policy in index.of_types("aws:s3control/accessGrantsInstanceResourcePolicy:AccessGrantsInstanceResourcePolicy"):
        for statement in statements(json_document(prop(policy.props, "policy")) or {}):
            who = principals(statement) if statement.get("Effect") == "Allow" else None
            if who is None:
                continue
            for account in sorted(who.accounts - own) + (["anyone (*)"] if who.anonymous else []):
                report(
                    f"{policy.name} lets AWS account {account} ask the Access Grants instance for credentials to "
                    "the buckets it grants, which is not one of the program's own accounts; remove the grant, or if "
                    "the account is yours list it in trustedAccounts.",
                    policy.urn,
                )
    for grant in index.of_types("aws:s3control/accessGrant:AccessGrant"):
        grantee = prop(grant.props, "grantee")
        identifier = grantee.get("granteeIdentifier") if isinstance(grantee, dict) else None
        if isinstance(grantee, dict) and grantee.get("granteeType") == "IAM" and isinstance(identifier, str):
            account = account_of(identifier)
            for subject, fix in undeclared_principals(args, Principals(named=[identifier]), own, allowed):
                report(f"{grant.name} grants bucket data through S3 Access Grants to {subject}: {fix}.", grant.urn)
            if account not in own:
                report(
                    f"{grant.name} grants {identifier} (account {account}) access to bucket data through S3 Access "
                    "Grants, which is not one of the program's own accounts; grant a principal of your account, or "
                    "if the account is yours list it in trustedAccounts.",
                    grant.urn,
                )


def _report_undeclared_bucket_grants(
    args: StackValidationArgs, report: ReportViolation, own: set[str], allowed: list[str]
) -> None:
    """A policy on a bucket the program only names (allowlisted or not) is judged as on private media."""
    for policy, name in _undeclared(args, POLICY_TYPES):
        for statement in statements(json_document(prop(policy.props, "policy")) or {}):
            if statement.get("Effect") != "Allow":
                continue
            who = principals(statement)
            for subject, fix in undeclared_principals(args, who, own, allowed):
                report(
                    f"{policy.name} lets {subject} into bucket {name!r}, which the program does not declare and the "
                    f"pack judges as private media: {fix}.",
                    policy.urn,
                )
            for account in sorted(who.accounts - own):
                report(
                    f"{policy.name} lets AWS account {account} into bucket {name!r}, which is not one of the "
                    "program's own accounts; remove the grant, or if the account is yours list it in "
                    "trustedAccounts (or the provider's allowedAccountIds).",
                    policy.urn,
                )
            for other in who.others:
                report(
                    f"{policy.name} grants {other} {as_list(statement.get('Action')) or 'NotAction'} on bucket "
                    f"{name!r}, which the program does not declare and the pack judges as private media: remove "
                    "the grant.",
                    policy.urn,
                )


def _check_foreign_principals(args: StackValidationArgs, report: ReportViolation) -> None:
    own = own_accounts(args, args.get_config().get("trustedAccounts", []))
    allowed = args.get_config().get("allowedPrincipals", [])
    _report_access_grants(args, report, own, allowed)
    for resource, label in _unreadable_bucket_policies(args):
        report(
            f"{label}: its bucket policy is not JSON the pack can read, so who it lets in cannot be judged; write "
            "it with json.dumps or get_policy_document.",
            resource.urn,
        )
    _report_undeclared_bucket_grants(args, report, own, allowed)
    for bucket, public, statement in _allow_statements(args):
        who = principals(statement)
        for account in sorted(who.accounts - own):
            report(
                f"{bucket_label(bucket)} lets AWS account {account} in, which is not one of the program's own "
                "accounts; remove the grant, or if the account is yours list it in trustedAccounts (or the "
                "provider's allowedAccountIds).",
                bucket.urn,
            )
        if not public or not _reads_only(statement):  # reads of public media are anyone's anyway
            for subject, fix in undeclared_principals(args, who, own, allowed):
                report(
                    f"{bucket_label(bucket)} is {'public' if public else 'private'}, and its policy statement "
                    f"{statement.get('Sid') or '(no Sid)'} lets in {subject}"
                    f"{' to more than reads' if public else ''}: {fix}.",
                    bucket.urn,
                )
        if (
            (public and _reads_only(statement))
            or is_distribution_read(args, bucket, statement)
            or is_log_delivery_write(args, bucket, statement)
        ):
            continue
        for other in who.others:
            report(
                f"{bucket_label(bucket)} grants {other} {as_list(statement.get('Action')) or 'NotAction'}"
                + (": only s3:GetObject is allowed" if public else " on private media")
                + "; remove the grant or narrow it to reads of public objects.",
                bucket.urn,
            )


no_foreign_principals = StackValidationPolicy(
    name="s3-no-foreign-principals",
    description=(
        "A bucket policy may grant named principals access only in the program's own AWS accounts "
        "(its providers' allowedAccountIds, the accounts of ARNs of resources it creates) and those "
        'listed in trustedAccounts, also when a "*" principal is pinned to an account by a condition. '
        'Service, federated and canonical-user principals (and a "*" held only by aws:SourceAccount or '
        "aws:SourceArn: every service of that account) may only read (s3:GetObject) public media. A bucket "
        "policy must be JSON the pack can read. S3 Access Grants (instance resource policy, grantees) name "
        "only own accounts. On private media, an own account's principal must be a role or user the program "
        'creates (or be listed in allowedPrincipals): not one it does not create, not the account root, not a "*" '
        "pinned only by aws:PrincipalAccount (every principal of the account)."
    ),
    enforcement_level=EnforcementLevel.MANDATORY,
    config_schema=PolicyConfigSchema(
        properties={"trustedAccounts": TRUSTED_ACCOUNTS_SCHEMA, "allowedPrincipals": ALLOWED_PRINCIPALS_SCHEMA}
    ),
    validate=_check_foreign_principals,
)


def _denies_insecure_transport(document: dict[str, Any], name: str) -> set[str]:
    """Which of the bucket ARN and its objects' ARN a TLS-only Deny in `document` covers."""
    wanted = {name, f"{name}/*"}
    return {
        path
        for statement in statements(document)
        if is_tls_only_deny(statement)
        for path in covered_paths(statement)
        if path in wanted
    }


CONFIGURATION_TYPES = (
    POLICY_TYPES
    + ACCESS_BLOCK_TYPES
    + OWNERSHIP_TYPES
    + ACL_TYPES
    + ENCRYPTION_TYPES
    + VERSIONING_TYPES
    + CORS_TYPES
    + LIFECYCLE_TYPES
    + OBJECT_TYPES
    + REPLICATION_TYPES
    + INVENTORY_TYPES
    + ANALYTICS_TYPES
    + LOGGING_TYPES
    + WEBSITE_TYPES
    + ACCESS_POINT_TYPES
)


def _report_undeclared_origins(args: StackValidationArgs, report: ReportViolation, allowed: set[str]) -> None:
    """CloudFront origins that are S3 buckets the program does not declare: the distribution serves
    a bucket whose visibility, policy and signed-link need cannot be judged."""
    index = stack_index(args)
    buckets = index.candidates(BUCKET_TYPES, "bucket")
    if any(not isinstance(buckets.name_of(b), str) for b in buckets.resources):
        return  # a declared bucket's name is not known yet (a preview): judged on the update
    for distribution in index.of_types("aws:cloudfront/distribution:Distribution"):
        origins = prop(distribution.props, "origins", default=[])
        for origin in as_list(origins) if origins is not UNKNOWN else []:
            name = _origin_bucket_name(origin.get("domainName")) if isinstance(origin, dict) else None
            if name and name not in allowed and buckets.first_named(name) is None:
                report(
                    f"{distribution.name} serves bucket {name!r} (origin {origin.get('domainName')}), which the "
                    "program does not declare, so the pack cannot judge whether it holds private media that needs "
                    "signed links. Declare the bucket in the program (adopt an existing one with the import_ "
                    "resource option), or list its name in allowedUndeclaredBuckets if it holds no media.",
                    distribution.urn,
                )


def _check_declared_buckets(args: StackValidationArgs, report: ReportViolation) -> None:
    allowed = set(args.get_config().get("allowedUndeclaredBuckets", []))
    _report_undeclared_origins(args, report, allowed)
    for resource, name in _undeclared(args, CONFIGURATION_TYPES):
        if name.split(":::", 1)[-1] in allowed:
            continue
        report(
            f"{resource.name} configures bucket {name!r}, which the program does not declare, so the pack cannot "
            "judge the bucket as media (its tags, policy, access block). Declare the bucket in the program "
            "(adopt an existing one with the import_ resource option), or list its name in "
            "allowedUndeclaredBuckets if it holds no media.",
            resource.urn,
        )


configures_declared_buckets = StackValidationPolicy(
    name="s3-configures-declared-buckets",
    description=(
        "Resources that configure a bucket (BucketPolicy, BucketPublicAccessBlock, BucketAcl, CORS, lifecycle, "
        "replication, inventory, logging, website, access points, objects, ...) must name a bucket the program "
        "declares, and so must a CloudFront origin serving a bucket; a bucket it only names by a literal cannot be "
        "judged. Declare it (import_ an existing bucket), "
        "or list it in allowedUndeclaredBuckets; its policy and public access block are judged as private media "
        "either way (s3-anonymous-read-only-public-objects, s3-no-foreign-principals, "
        "s3-private-bucket-blocks-public-access)."
    ),
    enforcement_level=EnforcementLevel.MANDATORY,
    config_schema=PolicyConfigSchema(
        properties={
            "allowedUndeclaredBuckets": {
                "type": "array",
                "items": {"type": "string", "pattern": "^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$"},
                "default": [],
                "description": "Names of buckets the program configures without declaring them that hold no media.",
            }
        }
    ),
    validate=_check_declared_buckets,
)


def _check_tls_only(args: StackValidationArgs, report: ReportViolation) -> None:
    for bucket in _buckets(args):
        documents = _bucket_policies(args, bucket)
        name = prop(bucket.props, "bucket")
        if documents is None or not isinstance(name, str):
            continue
        covered = set().union(*(_denies_insecure_transport(d, name) for d in documents))
        if covered != {name, f"{name}/*"}:
            report(
                f"{bucket_label(bucket)} does not deny requests without TLS on the bucket and its objects: add a "
                'bucket policy statement denying s3:* to "*" on both when aws:SecureTransport is false.',
                bucket.urn,
            )


deny_insecure_transport = StackValidationPolicy(
    name="s3-deny-insecure-transport",
    description=(
        'Every bucket needs a bucket policy statement that denies s3:* to "*" on the bucket and its '
        "objects when aws:SecureTransport is false, so no request travels without TLS."
    ),
    enforcement_level=EnforcementLevel.MANDATORY,
    validate=_check_tls_only,
)


# What S3 keeps once per bucket: the resources that set it, and the inline arguments of Bucket
# (v7) / BucketV2 (deprecated) that set it too.
SINGLE_CONFIGURATIONS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "bucket policy": (POLICY_TYPES, ("policy",)),
    "public access block": (ACCESS_BLOCK_TYPES, ()),
    "ownership controls": (OWNERSHIP_TYPES, ()),
    "ACL": (ACL_TYPES, ("acl", "grants")),
    "versioning": (VERSIONING_TYPES, ("versioning", "versionings")),
    "default encryption": (
        ENCRYPTION_TYPES,
        ("serverSideEncryptionConfiguration", "serverSideEncryptionConfigurations"),
    ),
    "CORS configuration": (CORS_TYPES, ("corsRules",)),
    "lifecycle configuration": (LIFECYCLE_TYPES, ("lifecycleRules",)),
    "replication configuration": (REPLICATION_TYPES, ("replicationConfiguration", "replicationConfigurations")),
    "website configuration": (WEBSITE_TYPES, ("website", "websites")),
    "access logging": (LOGGING_TYPES, ("logging", "loggings")),
}


def _check_single_configuration(args: StackValidationArgs, report: ReportViolation) -> None:
    for what, (types, inline_keys) in SINGLE_CONFIGURATIONS.items():
        setters: list[tuple[str, str, list[str]]] = []  # (bucket label, urn to report on, setters)
        for bucket in _buckets(args):
            names = [
                f"{bucket.name} ({key})" for key in inline_keys if prop(bucket.props, key) not in (None, "", [], {})
            ]
            names += [resource.name for resource in attached(args, bucket, types)]
            setters.append((bucket_label(bucket), bucket.urn, names))
        undeclared: dict[str, list[Any]] = {}
        for resource, name in _undeclared(args, types):
            undeclared.setdefault(name.split(":::", 1)[-1], []).append(resource)
        for name, resources in undeclared.items():
            setters.append((f"Bucket {name!r}", resources[-1].urn, [resource.name for resource in resources]))
        for label, urn, names in setters:
            if len(names) > 1:
                report(
                    f"{label} has its {what} set by {len(names)} resources or arguments ({', '.join(names)}): S3 "
                    "keeps one, so whichever is applied last silently replaces the others (and deleting one removes "
                    f"it). Merge them into a single {what}.",
                    urn,
                )


one_configuration_per_bucket = StackValidationPolicy(
    name="s3-one-configuration-per-bucket",
    description=(
        "Set each configuration that S3 keeps once per bucket (bucket policy, public access block, ownership "
        "controls, ACL, versioning, default encryption, CORS, lifecycle, replication, website, access logging) with "
        "one resource or one inline argument of the Bucket, never two: the last one applied wins, so what the pack "
        "judges is not what the bucket keeps."
    ),
    enforcement_level=EnforcementLevel.MANDATORY,
    validate=_check_single_configuration,
)


cors_trusted_origins = trusted_origins_policy("s3-cors-trusted-origins", "", BUCKET_TYPES + CORS_TYPES, "corsRules")


# --- advisory ----------------------------------------------------------------------------


def _check_acls_disabled(args: StackValidationArgs, report: ReportViolation) -> None:
    for bucket in _buckets(args):
        ownership = [prop(c.props, "rule", "objectOwnership") for c in attached(args, bucket, OWNERSHIP_TYPES)]
        if not any(value in ("BucketOwnerEnforced", UNKNOWN) for value in ownership):
            report(
                f"{bucket_label(bucket)} does not disable ACLs: add a BucketOwnershipControls with objectOwnership "
                "BucketOwnerEnforced.",
                bucket.urn,
            )


acls_disabled = StackValidationPolicy(
    name="s3-acls-disabled",
    description=(
        "Disable ACLs on every bucket with a BucketOwnershipControls rule objectOwnership "
        "BucketOwnerEnforced, so that only policies decide who may access objects."
    ),
    enforcement_level=EnforcementLevel.ADVISORY,
    validate=_check_acls_disabled,
)


def _check_encryption(args: StackValidationArgs, report: ReportViolation) -> None:
    for bucket in _buckets(args):
        rules = [prop(c.props, "rules") for c in attached(args, bucket, ENCRYPTION_TYPES)]
        # The v7 Bucket's `serverSideEncryptionConfiguration.rule`, the deprecated BucketV2's lists of blocks.
        inline = [
            rule
            for key in ("serverSideEncryptionConfiguration", "serverSideEncryptionConfigurations")
            for rule in blocks(prop(bucket.props, key), ("rule", "rules"))
        ]
        configured = [rule for rule in rules + inline if rule]
        if not configured:
            report(
                f"{bucket_label(bucket)} has no default encryption configuration: add a "
                "BucketServerSideEncryptionConfiguration (sseAlgorithm AES256 or aws:kms).",
                bucket.urn,
            )


default_encryption = StackValidationPolicy(
    name="s3-default-encryption",
    description=(
        "Give every bucket a BucketServerSideEncryptionConfiguration (SSE-S3, AES256, for media "
        "that is served publicly) so every object is encrypted at rest."
    ),
    enforcement_level=EnforcementLevel.ADVISORY,
    validate=_check_encryption,
)


def _aborts_uploads(rule: Any, maximum_days: int) -> bool:
    """Whether an enabled lifecycle rule for every object aborts uploads within `maximum_days`.

    Understands `BucketLifecycleConfiguration` rules and the inline `Bucket.lifecycleRules`.
    """
    if not isinstance(rule, dict):
        return False
    enabled = rule.get("status") == "Enabled" if "status" in rule else rule.get("enabled") is True
    days = (rule.get("abortIncompleteMultipartUpload") or {}).get("daysAfterInitiation")
    if days is None:
        days = rule.get("abortIncompleteMultipartUploadDays")
    scope = rule.get("filter") or {}
    every_object = set(scope) <= {"prefix"} and not scope.get("prefix") and not rule.get("prefix")
    return enabled and every_object and isinstance(days, int | float) and 0 < days <= maximum_days


def _check_abort_uploads(args: StackValidationArgs, report: ReportViolation) -> None:
    maximum_days = int(args.get_config().get("maximumDays", 7))
    for bucket in _buckets(args):
        rules = [prop(c.props, "rules", default=[]) for c in attached(args, bucket, LIFECYCLE_TYPES)]
        rules.append(prop(bucket.props, "lifecycleRules", default=[]))
        if any(r is UNKNOWN for r in rules):
            continue
        if not any(_aborts_uploads(rule, maximum_days) for group in rules for rule in as_list(group)):
            report(
                f"{bucket_label(bucket)} has no lifecycle rule that aborts incomplete multipart uploads "
                f"within {maximum_days} days: add a rule for all objects with abortIncompleteMultipartUpload "
                f"daysAfterInitiation {maximum_days} or fewer.",
                bucket.urn,
            )


abort_incomplete_uploads = StackValidationPolicy(
    name="s3-abort-incomplete-uploads",
    description=(
        "Give every bucket a BucketLifecycleConfiguration rule for all objects that aborts incomplete "
        "multipart uploads (abortIncompleteMultipartUpload), or their parts are billed forever."
    ),
    enforcement_level=EnforcementLevel.ADVISORY,
    config_schema=PolicyConfigSchema(
        properties={
            "maximumDays": {
                "type": "integer",
                "minimum": 1,
                "default": 7,
                "description": "Most days an unfinished upload may keep its parts.",
            }
        }
    ),
    validate=_check_abort_uploads,
)


def _check_private_versioning(args: StackValidationArgs, report: ReportViolation) -> None:
    for bucket in _buckets(args):
        if is_public(bucket.props) is not False:
            continue
        states = [prop(v.props, "versioningConfiguration", "status") for v in attached(args, bucket, VERSIONING_TYPES)]
        inline = [
            enabled for key in ("versioning", "versionings") for enabled in blocks(prop(bucket.props, key), "enabled")
        ]
        if not any(state in ("Enabled", UNKNOWN) for state in states) and not any(
            enabled in (True, UNKNOWN) for enabled in inline
        ):
            report(
                f"{bucket_label(bucket)} is private but keeps no versions of overwritten or deleted objects: add a "
                "BucketVersioning with status Enabled.",
                bucket.urn,
            )


private_bucket_versioning = StackValidationPolicy(
    name="s3-private-bucket-versioning",
    description=(
        "Turn versioning on for private media buckets (a BucketVersioning with status Enabled), so "
        "overwritten or deleted files can be recovered."
    ),
    enforcement_level=EnforcementLevel.ADVISORY,
    validate=_check_private_versioning,
)


bucket_protected = ResourceValidationPolicy(
    name="s3-bucket-protected",
    description=(
        "Protect media buckets (resource option protect=True; media-storage:protect is true by "
        "default) so that deleting them takes a deliberate step."
    ),
    enforcement_level=EnforcementLevel.ADVISORY,
    validate=for_types(BUCKET_TYPES, report_unprotected("bucket")),
)

POLICIES = [
    private_bucket_blocks_public_access,
    no_public_acls,
    anonymous_read_only_public_objects,
    no_foreign_principals,
    configures_declared_buckets,
    one_configuration_per_bucket,
    deny_insecure_transport,
    cors_trusted_origins,
    acls_disabled,
    default_encryption,
    abort_incomplete_uploads,
    private_bucket_versioning,
    bucket_protected,
]
