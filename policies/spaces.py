"""Policies for DigitalOcean Spaces of media: ACLs, anonymous access, bucket policies next to
scoped keys, key grants, CORS, protection.

Every Space in the program is judged as a media Space. Spaces carry no tags: a Space is public
only when named as public media (`bucket_names.is_public_name`), otherwise private.

Public media are public by their object ACL (`public-read`, set by the app on upload), never by
a bucket ACL (it lists the Space) and, next to a limited-access key, never by a bucket policy:
"Limited-access Spaces keys aren't compatible with PutBucketPolicy. You can't apply a bucket
policy to a bucket that already uses a limited-access key, and you can't create a
limited-access key for a bucket that already uses a bucket policy"
(https://docs.digitalocean.com/products/spaces/how-to/configure-bucket-policies/).
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
from .cors import trusted_origins_policy
from .resources import (
    UNKNOWN,
    as_list,
    for_types,
    json_document,
    prop,
    report_unprotected,
    statements,
)
from .stack_index import Candidates, linked, stack_index

BUCKET_TYPES = ("digitalocean:index/spacesBucket:SpacesBucket",)
OBJECT_TYPES = ("digitalocean:index/spacesBucketObject:SpacesBucketObject",)
POLICY_TYPES = ("digitalocean:index/spacesBucketPolicy:SpacesBucketPolicy",)
CORS_TYPES = ("digitalocean:index/spacesBucketCorsConfiguration:SpacesBucketCorsConfiguration",)
KEY_TYPES = ("digitalocean:index/spacesKey:SpacesKey",)

SCOPED_PERMISSIONS = {"read", "readwrite"}
"""Grants on one named Space; `fullaccess` covers every Space of the account."""

FULL_ACCESS = "fullaccess"
"""The one grant that does not make a key limited-access; every other permission does (fail closed)."""

PUBLIC_OBJECT_ACLS = {"private", "public-read"}
"""Object ACLs a public Space's objects may have: public-read is how public media are public."""

OBJECT_ACL_FIX = (
    "public media are readable by their object ACL: the app uploads them with public-read "
    "(the Django helper does, with AWS_DEFAULT_ACL=public-read)"
)


def _check_acl(args: ResourceValidationArgs, report: ReportViolation) -> None:
    acl = prop(args.props, "acl")
    if acl not in (None, "private", UNKNOWN):
        report(f"The Space's ACL {acl!r} lets anyone list its objects; set acl to 'private' ({OBJECT_ACL_FIX}).")


bucket_acl_private = ResourceValidationPolicy(
    name="spaces-acl-private",
    description=(
        "Keep the ACL of every Space 'private': public-read on a Space lets anyone list its "
        "objects, public-read-write lets anyone write too. Public media are readable by their own "
        "object ACL (public-read), which the app sets on upload."
    ),
    enforcement_level=EnforcementLevel.MANDATORY,
    validate=for_types(BUCKET_TYPES, _check_acl),
)


def _space_of(resource: Any, buckets: Candidates) -> tuple[Any, Any]:
    """The Space `resource` (a policy or an object) belongs to, when in the program, and its name."""
    bucket = linked(resource, "bucket", buckets)
    return bucket, prop(bucket.props, "name") if bucket is not None else prop(resource.props, "bucket")


def _check_anonymous_access(args: StackValidationArgs, report: ReportViolation) -> None:
    buckets = stack_index(args).candidates(BUCKET_TYPES, "name")
    for item in stack_index(args).of_types(*OBJECT_TYPES):
        acl = prop(item.props, "acl")
        bucket, name = _space_of(item, buckets)
        public = is_public_name(name)
        if acl in (None, "private", UNKNOWN) or public is None:
            continue  # no ACL is private; the rest is judged when the ACL and the name are known
        label = bucket_label("Space", bucket or item, name)
        if not public:
            report(
                f"Object {item.name} in {label} has the ACL {acl!r}, but the Space is private; set acl to "
                "'private' (private media are served through signed links).",
                item.urn,
            )
        elif acl not in PUBLIC_OBJECT_ACLS:
            report(
                f"Object {item.name} in {label} has the ACL {acl!r}: a public Space's objects may be "
                "'public-read' (anyone reads them) or 'private', nothing wider.",
                item.urn,
            )
    for policy in stack_index(args).of_types(*POLICY_TYPES):
        document = json_document(prop(policy.props, "policy"))
        bucket, name = _space_of(policy, buckets)
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
        "Anyone may only read objects of a Space named as public media "
        "({app}-{environment}-public-{digest}): a Spaces object there may have the ACL public-read, "
        'and a SpacesBucketPolicy may grant an anonymous principal ("*") s3:GetObject on its '
        "objects, nothing more. Objects of any other Space keep the ACL private, and their bucket "
        "policies grant anonymous principals nothing."
    ),
    enforcement_level=EnforcementLevel.MANDATORY,
    validate=_check_anonymous_access,
)


def _scoped_grants(key: Any, buckets: Candidates) -> tuple[set[str], list[Any]]:
    """The Spaces a key's limited-access (not fullaccess) grants name: known names, and the Spaces
    its grants were computed from where the names are not known yet (a preview)."""
    names: set[str] = set()
    computed_from: list[Any] = []
    grants = prop(key.props, "grants", default=[])
    if grants is UNKNOWN:
        return names, computed_from
    for grant in as_list(grants):
        permission = grant.get("permission") if isinstance(grant, dict) else UNKNOWN
        bucket = grant.get("bucket") if isinstance(grant, dict) else UNKNOWN
        if permission in (FULL_ACCESS, UNKNOWN):
            continue
        if isinstance(bucket, str):
            names.add(bucket)
        elif bucket is UNKNOWN:
            computed_from += [d for d in key.property_dependencies.get("grants", []) if d in buckets]
    return names, computed_from


def _check_bucket_policy_with_scoped_key(args: StackValidationArgs, report: ReportViolation) -> None:
    buckets = stack_index(args).candidates(BUCKET_TYPES, "name")
    keys = [(key, *_scoped_grants(key, buckets)) for key in stack_index(args).of_types(*KEY_TYPES)]
    for policy in stack_index(args).of_types(*POLICY_TYPES):
        bucket, name = _space_of(policy, buckets)
        for key, names, computed_from in keys:
            if (isinstance(name, str) and name in names) or (bucket is not None and bucket in computed_from):
                label = bucket_label("Space", bucket or policy, name)
                report(
                    f"{label} has a bucket policy and Spaces key {key.name} has a limited-access grant on "
                    "it: DigitalOcean refuses a bucket policy on a Space a limited-access key uses, and such "
                    "a key for a Space with a policy, so this cannot deploy. Remove the SpacesBucketPolicy "
                    f"and keep the key scoped; {OBJECT_ACL_FIX}.",
                    policy.urn,
                )


no_bucket_policy_with_scoped_key = StackValidationPolicy(
    name="spaces-no-bucket-policy-with-scoped-key",
    description=(
        "A Space that a limited-access Spaces key of the program grants (read or readwrite, "
        "anything but fullaccess) may have no SpacesBucketPolicy: DigitalOcean refuses the pair, "
        "so the update cannot deploy. Keep the key scoped, drop the bucket policy, and make public "
        "media readable by their object ACL (public-read, set by the app on upload)."
    ),
    enforcement_level=EnforcementLevel.MANDATORY,
    validate=_check_bucket_policy_with_scoped_key,
)


def _check_key_grants(args: StackValidationArgs, report: ReportViolation) -> None:
    names = {prop(b.props, "name") for b in stack_index(args).of_types(*BUCKET_TYPES)}
    known = None if UNKNOWN in names else {name for name in names if isinstance(name, str)}
    for key in stack_index(args).of_types(*KEY_TYPES):
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


cors_trusted_origins = trusted_origins_policy(
    "spaces-cors-trusted-origins", "Spaces ", BUCKET_TYPES + CORS_TYPES, "corsRules"
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
    no_bucket_policy_with_scoped_key,
    key_least_privilege,
    cors_trusted_origins,
    bucket_protected,
]
