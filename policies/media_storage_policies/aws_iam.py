"""Least privilege for S3: every IAM policy document in the program that grants `s3:` actions."""

from __future__ import annotations

import re
from typing import Any

from pulumi_policy import EnforcementLevel, ReportViolation, StackValidationArgs, StackValidationPolicy

from .aws_s3 import BUCKET_TYPES
from .resources import UNKNOWN, as_list, is_media_principal, json_document, linked, of_types, prop, statements

DOCUMENT_TYPES = (
    "aws:iam/userPolicy:UserPolicy",
    "aws:iam/rolePolicy:RolePolicy",
    "aws:iam/groupPolicy:GroupPolicy",
    "aws:iam/policy:Policy",
)
ROLE_TYPE = "aws:iam/role:Role"
USER_TYPE = "aws:iam/user:User"
ATTACHMENT_TYPES = {
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment": ("role", ROLE_TYPE),
    "aws:iam/userPolicyAttachment:UserPolicyAttachment": ("user", USER_TYPE),
}
_S3_ARN = re.compile(r"^arn:aws[a-z-]*:s3:::(?P<path>.+)$")


def _documents(args: StackValidationArgs) -> list[tuple[Any, Any]]:
    """(resource, document text or object) for every IAM policy document in the program."""
    found = [(r, prop(r.props, "policy")) for r in of_types(args.resources, *DOCUMENT_TYPES)]
    for role in of_types(args.resources, ROLE_TYPE):
        inline = prop(role.props, "inlinePolicies", default=[])
        if inline is UNKNOWN:
            found.append((role, UNKNOWN))
            continue
        found += [(role, policy.get("policy")) for policy in as_list(inline) if isinstance(policy, dict)]
    return found


def _grants_s3(statement: dict[str, Any]) -> bool:
    if statement.get("Effect") != "Allow":
        return False
    if "NotAction" in statement:
        return True
    return any(
        isinstance(a, str) and (a == "*" or a.lower().startswith("s3:")) for a in as_list(statement.get("Action"))
    )


def _problems(statement: dict[str, Any], bucket_names: set[str] | None) -> list[str]:
    problems = []
    if "NotAction" in statement:
        problems.append("grants every action but some (NotAction)")
    wildcards = [a for a in as_list(statement.get("Action")) if not isinstance(a, str) or "*" in a]
    if wildcards:
        problems.append(f"grants wildcard actions {wildcards}")
    if "NotResource" in statement:
        problems.append("applies to every resource but some (NotResource)")
    for resource in as_list(statement.get("Resource")):
        match = _S3_ARN.match(resource) if isinstance(resource, str) else None
        bucket = match.group("path").split("/", 1)[0] if match else None
        if bucket is None or "*" in bucket or "?" in bucket:
            problems.append(f"applies to {resource!r}, not to named media buckets")
        elif bucket_names is not None and bucket not in bucket_names:
            problems.append(f"applies to bucket {bucket!r}, which is not a media bucket of this program")
    return problems


def _check_least_privilege(args: StackValidationArgs, report: ReportViolation) -> None:
    names = {prop(b.props, "bucket") for b in of_types(args.resources, *BUCKET_TYPES)}
    bucket_names = None if UNKNOWN in names or None in names else names
    for resource, source in _documents(args):
        document = json_document(source)
        if document is None:
            continue  # unknown until the buckets exist: judged on the update
        for statement in statements(document):
            if not _grants_s3(statement):
                continue
            for problem in _problems(statement, bucket_names):
                sid = statement.get("Sid")
                report(f"{resource.name}: statement {sid or '(no Sid)'} {problem}.", resource.urn)
    principals = of_types(args.resources, ROLE_TYPE, USER_TYPE)
    for attachment_type, (key, principal_type) in ATTACHMENT_TYPES.items():
        candidates = [p for p in principals if p.resource_type == principal_type]
        for attachment in of_types(args.resources, attachment_type):
            principal = linked(attachment, key, candidates, "name")
            arn = prop(attachment.props, "policyArn")
            media = principal is not None and is_media_principal(principal.props)
            if media and isinstance(arn, str) and ":iam::aws:policy/" in arn:
                report(f"The media app's {principal.name} gets the AWS managed policy {arn}.", attachment.urn)


least_privilege = StackValidationPolicy(
    name="iam-s3-least-privilege",
    description=(
        "IAM policies that grant s3: actions must name each action (no *, s3:* or s3:Get*, no "
        "NotAction) and only the program's media buckets and their objects (no *, no other "
        "bucket, no NotResource); the media app's user or role gets no AWS managed policy."
    ),
    enforcement_level=EnforcementLevel.MANDATORY,
    validate=_check_least_privilege,
)

POLICIES = [least_privilege]
