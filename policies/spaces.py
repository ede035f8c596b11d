"""Policies for DigitalOcean Spaces of media: ACLs, anonymous access, key grants, CORS, protection.

Every Space in the program is judged as a media Space. Spaces carry no tags: a Space is public
only when named as public media (`bucket_names.is_public_name`), otherwise private.
"""

from __future__ import annotations

from typing import Any

from pulumi_policy import (
    EnforcementLevel,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
)

from .aws_statements import lower_actions, principals
from .bucket_names import bucket_label, is_public_name
from .cors import report_untrusted_origins
from .resources import (
    UNKNOWN,
    as_list,
    for_types,
    json_document,
    linked,
    of_types,
    prop,
    report_unprotected,
    statements,
)

BUCKET_TYPES = ("digitalocean:index/spacesBucket:SpacesBucket",)
OBJECT_TYPES = ("digitalocean:index/spacesBucketObject:SpacesBucketObject",)
POLICY_TYPES = ("digitalocean:index/spacesBucketPolicy:SpacesBucketPolicy",)
CORS_TYPES = ("digitalocean:index/spacesBucketCorsConfiguration:SpacesBucketCorsConfiguration",)
KEY_TYPES = ("digitalocean:index/spacesKey:SpacesKey",)

SCOPED_PERMISSIONS = {"read", "readwrite"}
"""Grants on one named Space; `fullaccess` covers every Space of the account."""


def _check_acl(args: ResourceValidationArgs, report: ReportViolation) -> None:
    acl = prop(args.props, "acl")
    if acl not in (None, "private", UNKNOWN):
        report(
            f"The ACL {acl!r} lets anyone list and read every object; set acl to 'private' "
            "(public media is readable through a SpacesBucketPolicy instead)."
        )


bucket_acl_private = ResourceValidationPolicy(
    name="spaces-acl-private",
    description=(
        "Keep the ACL of every Space and Spaces object 'private': public-read on a Space lets "
        "anyone list its objects. Grant anonymous reads of public media with a SpacesBucketPolicy "
        "that allows s3:GetObject only."
    ),
    enforcement_level=EnforcementLevel.MANDATORY,
    validate=for_types(BUCKET_TYPES + OBJECT_TYPES, _check_acl),
)


def _check_anonymous_access(args: StackValidationArgs, report: ReportViolation) -> None:
    buckets = of_types(args.resources, *BUCKET_TYPES)
    for policy in of_types(args.resources, *POLICY_TYPES):
        document = json_document(prop(policy.props, "policy"))
        bucket = linked(policy, "bucket", buckets, "name")
        name = prop(bucket.props, "name") if bucket is not None else prop(policy.props, "bucket")
        public = is_public_name(name)
        if document is None or public is None:
            continue  # judged when the document and the name are known
        label = bucket_label("Space", bucket or policy, name)
        for statement in statements(document):
            if statement.get("Effect") != "Allow" or not principals(statement).anonymous:
                continue
            resources = as_list(statement.get("Resource"))
            if not public:
                report(
                    f"{label} is private, but its policy grants anonymous access; remove the statement "
                    "(private media is served through signed links).",
                    policy.urn,
                )
            elif "NotAction" in statement or "NotResource" in statement or lower_actions(statement) != {"s3:getobject"}:
                report(
                    f"{label} grants anonymous {as_list(statement.get('Action')) or 'NotAction'}: "
                    "only s3:GetObject is allowed (no listing).",
                    policy.urn,
                )
            elif any(not (isinstance(r, str) and r.split(":::", 1)[-1].startswith(f"{name}/")) for r in resources):
                report(
                    f"{label} grants anonymous reads beyond its own objects: {resources}; "
                    f"name only arn:aws:s3:::{name}/*.",
                    policy.urn,
                )


anonymous_read_only_public_objects = StackValidationPolicy(
    name="spaces-anonymous-read-only-public-objects",
    description=(
        'A SpacesBucketPolicy may grant an anonymous principal ("*") nothing but s3:GetObject on the '
        "objects of a Space named as public media ({app}-{environment}-public-{digest}). Remove "
        "every other anonymous statement, and every anonymous statement from private Spaces."
    ),
    enforcement_level=EnforcementLevel.MANDATORY,
    validate=_check_anonymous_access,
)


def _check_key_grants(args: StackValidationArgs, report: ReportViolation) -> None:
    names = {prop(b.props, "name") for b in of_types(args.resources, *BUCKET_TYPES)}
    known = None if UNKNOWN in names else {name for name in names if isinstance(name, str)}
    for key in of_types(args.resources, *KEY_TYPES):
        grants = prop(key.props, "grants", default=[])
        if grants is UNKNOWN:
            continue
        if not grants:
            report(f"Spaces key {key.name} has no grants: grant 'readwrite' on each media Space.", key.urn)
        for grant in as_list(grants):
            permission = grant.get("permission") if isinstance(grant, dict) else None
            bucket = grant.get("bucket") if isinstance(grant, dict) else None
            if permission not in SCOPED_PERMISSIONS:
                report(
                    f"Spaces key {key.name} holds {permission!r} access: grant 'readwrite' on each media Space.",
                    key.urn,
                )
            elif bucket is UNKNOWN:
                continue
            elif not isinstance(bucket, str) or not bucket or (known is not None and bucket not in known):
                report(
                    f"Spaces key {key.name} has {permission} on {bucket!r}, which is not a Space of this program; "
                    "grant only the media Spaces.",
                    key.urn,
                )


key_least_privilege = StackValidationPolicy(
    name="spaces-key-least-privilege",
    description=(
        "A Spaces key may hold only read or readwrite grants on the Spaces of this program: no "
        "fullaccess key (it reaches every Space of the account), no grant on another Space."
    ),
    enforcement_level=EnforcementLevel.MANDATORY,
    validate=_check_key_grants,
)


def _check_cors(args: ResourceValidationArgs, report: ReportViolation) -> None:
    report_untrusted_origins(prop(args.props, "corsRules", default=[]), report)


cors_trusted_origins = ResourceValidationPolicy(
    name="spaces-cors-trusted-origins",
    description=(
        'Spaces CORS may allow only named origins: no "*" (or wildcard subdomains), and https:// '
        "except for http://localhost and http://127.0.0.1. List the app's own origins instead."
    ),
    enforcement_level=EnforcementLevel.MANDATORY,
    validate=for_types(BUCKET_TYPES + CORS_TYPES, _check_cors),
)


bucket_protected = ResourceValidationPolicy(
    name="spaces-bucket-protected",
    description=(
        "Protect media Spaces (resource option protect=True; media-storage:protect is true by "
        "default) so that deleting them takes a deliberate step."
    ),
    enforcement_level=EnforcementLevel.ADVISORY,
    validate=for_types(BUCKET_TYPES, report_unprotected("Space")),
)

POLICIES: list[Any] = [
    bucket_acl_private,
    anonymous_read_only_public_objects,
    key_least_privilege,
    cors_trusted_origins,
    bucket_protected,
]
