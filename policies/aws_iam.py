"""Least privilege for S3: every IAM policy document in the program that grants `s3:` actions."""

from __future__ import annotations

import re
from fnmatch import fnmatchcase
from typing import Any

from pulumi_policy import EnforcementLevel, ReportViolation, StackValidationArgs, StackValidationPolicy

from .aws_s3 import BUCKET_TYPES
from .resources import UNKNOWN, as_list, is_media_principal, json_document, prop, statements
from .stack_index import StackIndex, linked_all, stack_index

DOCUMENT_TYPES = (
    "aws:iam/userPolicy:UserPolicy",
    "aws:iam/rolePolicy:RolePolicy",
    "aws:iam/groupPolicy:GroupPolicy",
    "aws:iam/policy:Policy",
)
ROLE_TYPE = "aws:iam/role:Role"
USER_TYPE = "aws:iam/user:User"
GROUP_TYPE = "aws:iam/group:Group"
# Each way to attach managed policies: type -> ((principal key, principal type), ...), policy ARN key(s).
ATTACHMENT_TYPES: dict[str, tuple[tuple[tuple[str, str], ...], str]] = {
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment": ((("role", ROLE_TYPE),), "policyArn"),
    "aws:iam/userPolicyAttachment:UserPolicyAttachment": ((("user", USER_TYPE),), "policyArn"),
    "aws:iam/groupPolicyAttachment:GroupPolicyAttachment": ((("group", GROUP_TYPE),), "policyArn"),
    "aws:iam/policyAttachment:PolicyAttachment": (
        (("roles", ROLE_TYPE), ("users", USER_TYPE), ("groups", GROUP_TYPE)),
        "policyArn",
    ),
    "aws:iam/rolePolicyAttachmentsExclusive:RolePolicyAttachmentsExclusive": ((("roleName", ROLE_TYPE),), "policyArns"),
    "aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive": ((("userName", USER_TYPE),), "policyArns"),
    "aws:iam/groupPolicyAttachmentsExclusive:GroupPolicyAttachmentsExclusive": (
        (("groupName", GROUP_TYPE),),
        "policyArns",
    ),
    ROLE_TYPE: ((), "managedPolicyArns"),
}
GROUP_MEMBERSHIP_TYPES = {
    "aws:iam/groupMembership:GroupMembership": ("group", "users"),
    "aws:iam/userGroupMembership:UserGroupMembership": ("groups", "user"),
}
_S3_ARN = re.compile(r"^arn:aws[a-z-]*:s3:::(?P<path>.+)$")


def _documents(args: StackValidationArgs) -> list[tuple[Any, Any]]:
    """(resource, document text or object) for every IAM policy document in the program."""
    index = stack_index(args)
    found = [(r, prop(r.props, "policy")) for r in index.of_types(*DOCUMENT_TYPES)]
    for role in index.of_types(ROLE_TYPE):
        inline = prop(role.props, "inlinePolicies", default=[])
        if inline is UNKNOWN:
            found.append((role, UNKNOWN))
            continue
        found += [(role, policy.get("policy")) for policy in as_list(inline) if isinstance(policy, dict)]
    return found


def _may_match_s3(action: Any) -> bool:
    """Whether an action pattern can name an S3 action (`*`, `s3:...`, `s?:*`, any case)."""
    if not isinstance(action, str):
        return True
    service = action.lower().split(":", 1)[0]
    return fnmatchcase("s3", service) or (":" not in action and fnmatchcase("s3:getobject", action.lower()))


def _grants_s3(statement: dict[str, Any]) -> bool:
    if statement.get("Effect") != "Allow":
        return False
    if "NotAction" in statement:
        return True
    return any(_may_match_s3(a) for a in as_list(statement.get("Action")))


def _problems(statement: dict[str, Any], bucket_names: set[str] | None) -> list[str]:
    problems = []
    if "NotAction" in statement:
        problems.append("grants every action but some (NotAction)")
    wildcards = [a for a in as_list(statement.get("Action")) if not isinstance(a, str) or "*" in a or "?" in a]
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
    names = {prop(b.props, "bucket") for b in stack_index(args).of_types(*BUCKET_TYPES)}
    # Unknown in a preview: bucket names are then not judged. (Auto-names are known: the
    # provider fills them in before policies run.)
    bucket_names = None if UNKNOWN in names else {n for n in names if isinstance(n, str)}
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
    for attachment, principal, arn in _managed_policy_grants(args):
        if ":iam::aws:policy/" in arn:
            report(f"The media app's {principal.name} gets the AWS managed policy {arn}.", attachment.urn)


def _group_members(index: StackIndex) -> dict[int, list[Any]]:
    """The users of each group (by the group's id()), through every kind of membership."""
    users = index.candidates((USER_TYPE,), "name")
    groups = index.candidates((GROUP_TYPE,), "name")
    members: dict[int, list[Any]] = {}
    for membership_type, (group_key, user_key) in GROUP_MEMBERSHIP_TYPES.items():
        for membership in index.of_types(membership_type):
            named = {id(group): group for group in linked_all(membership, group_key, groups)}
            for group in named.values():
                members.setdefault(id(group), []).extend(linked_all(membership, user_key, users))
    return members


def _media_principals_of(principal: Any, group_members: dict[int, list[Any]]) -> list[Any]:
    """The media users and roles that hold what `principal` holds (a group: its media members)."""
    if principal.resource_type != GROUP_TYPE:
        return [principal] if is_media_principal(principal.props) else []
    return [m for m in group_members.get(id(principal), []) if is_media_principal(m.props)]


def _managed_policy_grants(args: StackValidationArgs) -> list[tuple[Any, Any, str]]:
    """(attaching resource, media user or role, policy ARN) for every managed policy attached to one."""
    index = stack_index(args)
    group_members = _group_members(index)
    grants = []
    for attachment_type, (keys, arn_key) in ATTACHMENT_TYPES.items():
        for attachment in index.of_types(attachment_type):
            arns = [a for a in as_list(prop(attachment.props, arn_key, default=[])) if isinstance(a, str)]
            if attachment_type == ROLE_TYPE:
                holders = [attachment]
            else:
                holders = [
                    holder
                    for key, principal_type in keys
                    for holder in linked_all(attachment, key, index.candidates((principal_type,), "name"))
                ]
            for holder in holders:
                for media_principal in _media_principals_of(holder, group_members):
                    grants += [(attachment, media_principal, arn) for arn in arns]
    return grants


least_privilege = StackValidationPolicy(
    name="iam-s3-least-privilege",
    description=(
        "IAM policies that grant s3: actions must name each action (no *, s3:* or s3:Get*, no "
        "NotAction) and only the program's media buckets and their objects (no *, no other "
        "bucket, no NotResource); the media app's user or role gets no AWS managed policy (by any "
        "attachment, managedPolicyArns or a group)."
    ),
    enforcement_level=EnforcementLevel.MANDATORY,
    validate=_check_least_privilege,
)

POLICIES = [least_privilege]
