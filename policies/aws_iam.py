"""Least privilege for S3: every IAM policy document in the program that grants `s3:` actions."""

from __future__ import annotations

import re
from fnmatch import fnmatchcase
from typing import Any

from pulumi_policy import (
    EnforcementLevel,
    PolicyConfigSchema,
    ReportViolation,
    StackValidationArgs,
    StackValidationPolicy,
)

from .aws_s3 import BUCKET_TYPES
from .aws_statements import principals
from .resources import UNKNOWN, as_list, is_media_principal, json_document, prop, statements, unreadable
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
# S3 actions that change who may reach a bucket, or move, expire or destroy its media: the app
# needs none of them (the program configures its buckets), so naming one is no least privilege.
BUCKET_CONTROL_ACTIONS = frozenset(
    {
        "s3:putbucketpolicy",
        "s3:deletebucketpolicy",
        "s3:putbucketpublicaccessblock",
        "s3:deletebucketpublicaccessblock",
        "s3:putaccountpublicaccessblock",
        "s3:putbucketacl",
        "s3:putobjectacl",
        "s3:putobjectversionacl",
        "s3:putbucketownershipcontrols",
        "s3:deletebucket",
        "s3:putreplicationconfiguration",
        "s3:putlifecycleconfiguration",
        "s3:putencryptionconfiguration",
        "s3:putbucketwebsite",
        "s3:putbucketcors",
        "s3:putbucketversioning",
        "s3:putbucketlogging",
        "s3:putinventoryconfiguration",
        "s3:putanalyticsconfiguration",
        "s3:createaccesspoint",
        "s3:putaccesspointpolicy",
        "s3:bypassgovernanceretention",
        "s3:putbucketobjectlockconfiguration",
        "s3:deleteobjectversion",
        "s3:deletebucketownershipcontrols",
        "s3:putbucketnotification",
        "s3:deleteaccesspointpolicy",
        "s3:putmultiregionaccesspointpolicy",
        "s3:putbuckettagging",
        "s3:putobjectretention",
        "s3:putobjectlegalhold",
        "s3:createjob",
    }
)
# Actions by which a principal gives itself (or a principal it controls) more than it holds.
ESCALATION_ACTIONS = frozenset(
    {
        "iam:attachuserpolicy",
        "iam:attachrolepolicy",
        "iam:attachgrouppolicy",
        "iam:putuserpolicy",
        "iam:putrolepolicy",
        "iam:putgrouppolicy",
        "iam:createpolicyversion",
        "iam:setdefaultpolicyversion",
        "iam:createaccesskey",
        "iam:createloginprofile",
        "iam:updateloginprofile",
        "iam:updateassumerolepolicy",
        "iam:addusertogroup",
        "iam:passrole",
        "iam:putrolepermissionsboundary",
        "iam:deleterolepermissionsboundary",
        "iam:putuserpermissionsboundary",
        "iam:deleteuserpermissionsboundary",
        "iam:updaterole",
        "iam:createrole",
        "iam:createuser",
        "iam:createservicespecificcredential",
        "iam:resetservicespecificcredential",
        "iam:uploadsshpublickey",
        "lambda:updatefunctioncode",
        "lambda:updatefunctionconfiguration",
        "lambda:createfunction",
        "lambda:addpermission",
        "lambda:createfunctionurlconfig",
        "ssm:sendcommand",
        "ssm:startsession",
        "ec2:runinstances",
        "ecs:runtask",
        "ecs:registertaskdefinition",
        "cloudformation:createstack",
        "cloudformation:updatestack",
        "codebuild:startbuild",
        "glue:updatedevendpoint",
        "sts:assumerole",
    }
)


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
        problems.append("grants every action but some (NotAction); list the object actions the app needs instead")
    control = sorted(
        a for a in as_list(statement.get("Action")) if isinstance(a, str) and a.lower() in BUCKET_CONTROL_ACTIONS
    )
    if control:
        problems.append(
            f"grants {', '.join(control)}, which change who may reach a bucket or move or destroy its media; "
            "remove them (the program configures its buckets, the app only reads and writes objects)"
        )
    wildcards = [a for a in as_list(statement.get("Action")) if not isinstance(a, str) or "*" in a or "?" in a]
    if wildcards:
        problems.append(
            f"grants wildcard actions {wildcards}; name the object actions the app needs "
            "(s3:GetObject, s3:PutObject, s3:DeleteObject, ...)"
        )
    if "NotResource" in statement:
        problems.append("applies to every resource but some (NotResource); name the media buckets' ARNs instead")
    for resource in as_list(statement.get("Resource")):
        match = _S3_ARN.match(resource) if isinstance(resource, str) else None
        bucket = match.group("path").split("/", 1)[0] if match else None
        if bucket is None or "*" in bucket or "?" in bucket:
            problems.append(
                f"applies to {resource!r}, not to named media buckets; name them (arn:aws:s3:::BUCKET, "
                "arn:aws:s3:::BUCKET/*)"
            )
        elif bucket_names is not None and bucket not in bucket_names:
            problems.append(
                f"applies to bucket {bucket!r}, which is not a media bucket of this program; remove it, or declare "
                "the bucket in the program"
            )
    return problems


def _check_least_privilege(args: StackValidationArgs, report: ReportViolation) -> None:
    names = {prop(b.props, "bucket") for b in stack_index(args).of_types(*BUCKET_TYPES)}
    # Unknown in a preview: bucket names are then not judged. (Auto-names are known: the
    # provider fills them in before policies run.)
    bucket_names = None if UNKNOWN in names else {n for n in names if isinstance(n, str)}
    for resource, source in _documents(args):
        document = json_document(source)
        if document is None:
            if unreadable(source):
                report(
                    f"{resource.name}: its policy document is not JSON the pack can read ({str(source)[:40]!r}...), "
                    "so what it grants cannot be judged; write it with json.dumps or get_policy_document.",
                    resource.urn,
                )
            continue  # unknown until the buckets exist: judged on the update
        for statement in statements(document):
            if not _grants_s3(statement):
                continue
            for problem in _problems(statement, bucket_names):
                sid = statement.get("Sid")
                report(f"{resource.name}: statement {sid or '(no Sid)'} {problem}.", resource.urn)
    media_grants = set()
    for attachment, principal, arn in _managed_policy_grants(args):
        if ":iam::aws:policy/" in arn:
            media_grants.add((id(attachment), arn))
            report(
                f"The media app's {principal.name} gets the AWS managed policy {arn}: detach it and grant the media "
                "buckets' object actions in a policy of the program.",
                attachment.urn,
            )
    _report_undeclared_policies(args, report, media_grants)
    _report_undeclared_principals(args, report)
    _report_undeclared_members(args, report)
    _report_bucket_policy_control(args, report)
    _report_escalation(args, report)


_PRINCIPAL_KEYS = {
    "aws:iam/userPolicy:UserPolicy": (("user", USER_TYPE),),
    "aws:iam/rolePolicy:RolePolicy": (("role", ROLE_TYPE),),
    "aws:iam/groupPolicy:GroupPolicy": (("group", GROUP_TYPE),),
    **{
        attachment_type: keys for attachment_type, (keys, _) in ATTACHMENT_TYPES.items() if attachment_type != ROLE_TYPE
    },
}


def _grant_reaches_media(index: StackIndex, resource: Any) -> bool:
    """Whether what `resource` grants (its document, or the managed policies it attaches) may reach media."""
    if resource.resource_type not in ATTACHMENT_TYPES:
        return _document_reaches_media(prop(resource.props, "policy"))
    arn_key = ATTACHMENT_TYPES[resource.resource_type][1]
    arns = [a for a in as_list(prop(resource.props, arn_key, default=[])) if isinstance(a, str)]
    policies = [_declared_policy(index, resource, arn_key, arn) for arn in arns]
    return any(p is None or _document_reaches_media(prop(p.props, "policy")) for p in policies)


def _report_undeclared_principals(args: StackValidationArgs, report: ReportViolation) -> None:
    """Grants that may reach media given to users, roles or groups the program does not create:
    who may act as them (trust, keys, members) cannot be judged."""
    index = stack_index(args)
    for resource_type, keys in _PRINCIPAL_KEYS.items():
        for resource in index.of_types(resource_type):
            for key, kind in keys:
                names = prop(resource.props, key)
                if names is UNKNOWN:
                    continue
                candidates = index.candidates((kind,), "name")
                created = {candidates.name_of(c) for c in linked_all(resource, key, candidates)}
                missing = sorted({n for n in as_list(names) if isinstance(n, str)} - created)
                if missing and _grant_reaches_media(index, resource):
                    label = kind.rsplit(":", 1)[-1].lower()
                    report(
                        f"{resource.name} gives the {label}(s) {', '.join(missing)}, which the program does not "
                        "create, a grant that may reach media: the pack cannot judge who may act as them (trust, "
                        f"keys, members). Create the {label} in the program (adopt an existing one with the import_ "
                        "resource option), or grant a principal it creates.",
                        resource.urn,
                    )


def _report_bucket_policy_control(args: StackValidationArgs, report: ReportViolation) -> None:
    """Bucket policies that give named AWS principals wildcard or bucket-control actions: the same
    least privilege as in IAM documents (the principals and their accounts are judged elsewhere)."""
    index = stack_index(args)
    for resource in index.of_types("aws:s3/bucketPolicy:BucketPolicy", *BUCKET_TYPES):
        for statement in statements(json_document(prop(resource.props, "policy")) or {}):
            principal = statement.get("Principal")
            named = isinstance(principal, dict) and any(v != "*" for v in as_list(principal.get("AWS")))
            if statement.get("Effect") != "Allow" or not named or not _grants_s3(statement):
                continue
            actions = [a for a in as_list(statement.get("Action")) if isinstance(a, str)]
            control = sorted(a for a in actions if a.lower() in BUCKET_CONTROL_ACTIONS)
            wildcards = [a for a in actions if "*" in a or "?" in a]
            if "NotAction" in statement or control or wildcards:
                granted = ", ".join(control + wildcards) or "every action but some (NotAction)"
                report(
                    f"{resource.name}: bucket policy statement {statement.get('Sid') or '(no Sid)'} grants "
                    f"{principal.get('AWS')} {granted}, which may change who reaches the bucket or destroy its "
                    "media; name only the object actions the app needs (s3:GetObject, s3:PutObject, ...).",
                    resource.urn,
                )


def _group_reaches_media(index: StackIndex, group: Any) -> bool:
    """Whether a group's own policies (GroupPolicy, attached Policy of the program, an undeclared
    managed policy) may reach media."""
    policies = index.attached(group, ("aws:iam/groupPolicy:GroupPolicy",), "group", (GROUP_TYPE,), "name")
    if any(_document_reaches_media(prop(p.props, "policy")) for p in policies):
        return True
    for attachment_type, (keys, _) in ATTACHMENT_TYPES.items():
        for attachment in index.of_types(attachment_type):
            groups = [
                g
                for key, kind in keys
                if kind == GROUP_TYPE
                for g in linked_all(attachment, key, index.candidates((kind,), "name"))
            ]
            if any(g is group for g in groups) and _grant_reaches_media(index, attachment):
                return True
    return False


def _report_undeclared_members(args: StackValidationArgs, report: ReportViolation) -> None:
    """Memberships that put a user the program does not create into a group reaching media, or a
    user reaching media into a group the program does not create: neither side can be judged."""
    index = stack_index(args)
    users, groups = index.candidates((USER_TYPE,), "name"), index.candidates((GROUP_TYPE,), "name")
    for membership_type, (group_key, user_key) in GROUP_MEMBERSHIP_TYPES.items():
        for membership in index.of_types(membership_type):
            named_users, named_groups = prop(membership.props, user_key), prop(membership.props, group_key)
            known_users, known_groups = (
                linked_all(membership, user_key, users),
                linked_all(membership, group_key, groups),
            )
            if named_users is not UNKNOWN and any(_group_reaches_media(index, g) for g in known_groups):
                created = {users.name_of(u) for u in known_users}
                missing = sorted({n for n in as_list(named_users) if isinstance(n, str)} - created)
                if missing:
                    report(
                        f"{membership.name} adds the user(s) {', '.join(missing)}, which the program does not create, "
                        "to a group whose policies may reach media: the pack cannot judge who holds their keys. "
                        "Create the users in the program (adopt existing ones with the import_ resource option), "
                        "or remove them from the group.",
                        membership.urn,
                    )
            media_users = [u for u in known_users if is_media_principal(u.props) or _user_reaches_media(args, u)]
            if named_groups is not UNKNOWN and media_users:
                created = {groups.name_of(g) for g in known_groups}
                missing = sorted({n for n in as_list(named_groups) if isinstance(n, str)} - created)
                if missing:
                    report(
                        f"{membership.name} puts {', '.join(sorted(u.name for u in media_users))}, which reach media, "
                        f"into the group(s) {', '.join(missing)}, which the program does not create: what those "
                        "groups grant cannot be judged. Create the groups in the program (adopt existing ones with "
                        "the import_ resource option), or remove the membership.",
                        membership.urn,
                    )


def _report_undeclared_policies(args: StackValidationArgs, report: ReportViolation, reported: set[Any]) -> None:
    """Managed policies the program attaches but does not declare: their grants cannot be read, so
    any principal holding one may reach media (AmazonS3FullAccess, AdministratorAccess, a
    customer-managed policy by ARN), whether tagged as the app's or not."""
    index = stack_index(args)
    allowed = set(args.get_config().get("allowedManagedPolicies", []))
    for attachment_type, (keys, arn_key) in ATTACHMENT_TYPES.items():
        for attachment in index.of_types(attachment_type):
            arns = [a for a in as_list(prop(attachment.props, arn_key, default=[])) if isinstance(a, str)]
            holders = (
                [attachment]
                if attachment_type == ROLE_TYPE
                else [h for key, kind in keys for h in linked_all(attachment, key, index.candidates((kind,), "name"))]
            )
            for arn in arns:
                if arn in allowed or (id(attachment), arn) in reported:
                    continue
                if _declared_policy(index, attachment, arn_key, arn) is not None:
                    continue  # its document is judged like every other
                who = ", ".join(sorted({h.name for h in holders})) or "principals the program does not create"
                report(
                    f"{attachment.name} gives {who} the policy {arn}, which the program does not declare: the pack "
                    "cannot tell whether it reaches media (AmazonS3FullAccess and AdministratorAccess do). Attach an "
                    "aws.iam.Policy of the program naming only media object actions, or list the ARN in "
                    "allowedManagedPolicies if it grants nothing on S3 or IAM.",
                    attachment.urn,
                )


def _escalations(statement: dict[str, Any]) -> list[str]:
    """The privilege-escalation actions an Allow statement may grant (by name, pattern or NotAction)."""
    if statement.get("Effect") != "Allow":
        return []
    if "NotAction" in statement:
        return ["every action but some (NotAction)"]
    found = []
    for action in as_list(statement.get("Action")):
        pattern = action.lower() if isinstance(action, str) else "*"
        if any(fnmatchcase(name, pattern) for name in ESCALATION_ACTIONS):
            found.append(str(action))
    resources = as_list(statement.get("Resource"))
    exact_roles = all(isinstance(r, str) and ":role/" in r and not re.search(r"[*?]", r) for r in resources)
    if found == [a for a in found if a.lower() == "sts:assumerole"] and resources and exact_roles:
        return []  # sts:AssumeRole of named roles is judged by those roles' trust, not here
    return found


def _document_holders(args: StackValidationArgs, resource: Any) -> list[Any]:
    """The users, roles and groups that hold a policy document resource (a Role holds its inline ones)."""
    index = stack_index(args)
    if resource.resource_type == ROLE_TYPE:
        return [resource]
    keys = {
        "aws:iam/userPolicy:UserPolicy": ("user", USER_TYPE),
        "aws:iam/rolePolicy:RolePolicy": ("role", ROLE_TYPE),
        "aws:iam/groupPolicy:GroupPolicy": ("group", GROUP_TYPE),
    }
    if resource.resource_type in keys:
        key, kind = keys[resource.resource_type]
        return linked_all(resource, key, index.candidates((kind,), "name"))
    holders = index.derived("policy-holders", lambda: _policy_holders(index))
    return holders.get(id(resource), [])


def _policy_holders(index: StackIndex) -> dict[int, list[Any]]:
    """For each `Policy` of the program (by id()), the users, roles and groups it is attached to."""
    holders: dict[int, list[Any]] = {}
    for attachment_type, (keys, arn_key) in ATTACHMENT_TYPES.items():
        for attachment in index.of_types(attachment_type):
            policies = [p for _, p in _attached_arns(index, attachment, arn_key) if p]
            principals = (
                [attachment]
                if attachment_type == ROLE_TYPE
                else [
                    holder
                    for key, kind in keys
                    for holder in linked_all(attachment, key, index.candidates((kind,), "name"))
                ]
            )
            for policy in policies:
                holders.setdefault(id(policy), []).extend(principals)
    return holders


def _is_media_holder(args: StackValidationArgs, holder: Any, group_members: dict[int, list[Any]]) -> bool:
    if holder.resource_type == GROUP_TYPE:
        return any(_is_media_holder(args, m, {}) for m in group_members.get(id(holder), []))
    if holder.resource_type == ROLE_TYPE:
        return role_reaches_media(args, holder)
    return is_media_principal(holder.props) or _user_reaches_media(args, holder)


def _user_reaches_media(args: StackValidationArgs, user: Any) -> bool:
    """Whether a user holds a document that may grant S3 actions or escalate (or one not known yet):
    its UserPolicy, a Policy of the program attached to it, or those of the groups it is in."""
    index = stack_index(args)
    members = index.derived("group-members", lambda: _group_members(index))
    groups = [g for g in index.of_types(GROUP_TYPE) if any(m is user for m in members.get(id(g), []))]
    sources = [
        prop(p.props, "policy")
        for p in index.attached(user, ("aws:iam/userPolicy:UserPolicy",), "user", (USER_TYPE,), "name")
    ]
    for group in groups:
        policies = index.attached(group, ("aws:iam/groupPolicy:GroupPolicy",), "group", (GROUP_TYPE,), "name")
        sources += [prop(p.props, "policy") for p in policies]
    holders = index.derived("policy-holders", lambda: _policy_holders(index))
    held = {id(user), *map(id, groups)}
    sources += [
        prop(p.props, "policy")
        for p in index.of_types(POLICY_TYPE)
        if any(id(h) in held for h in holders.get(id(p), []))
    ]
    return any(_document_reaches_media(source) for source in sources)


def _report_escalation(args: StackValidationArgs, report: ReportViolation) -> None:
    group_members = _group_members(stack_index(args))
    for resource, source in _documents(args):
        document = json_document(source)
        if document is None:
            continue
        for statement in statements(document):
            actions = _escalations(statement)
            if not actions:
                continue
            holders = [h for h in _document_holders(args, resource) if _is_media_holder(args, h, group_members)]
            if holders or _document_reaches_media(source):
                who = ", ".join(sorted({h.name for h in holders})) or "whoever holds this document, which grants S3"
                sid = statement.get("Sid") or "(no Sid)"
                report(
                    f"{resource.name}: statement {sid} grants {', '.join(actions)} to {who} (reaching media): a way "
                    "to escalate privileges; remove these actions (the app needs only object actions on its buckets).",
                    resource.urn,
                )


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
        "NotAction), none that controls a bucket (s3:PutBucketPolicy, s3:PutBucketPublicAccessBlock, "
        "s3:PutBucketAcl, s3:PutObjectAcl, s3:DeleteBucket, s3:PutReplicationConfiguration, "
        "s3:PutLifecycleConfiguration, s3:PutEncryptionConfiguration, ...), and only the program's media "
        "buckets and their objects (no *, no other bucket, no NotResource); the media app's user or role "
        "gets no AWS managed policy (by any attachment, managedPolicyArns or a group); and no principal "
        "that reaches media may escalate privileges (iam:Attach*Policy, iam:Put*Policy, "
        "iam:CreateAccessKey, iam:PassRole, iam:CreatePolicyVersion, sts:AssumeRole on *, ...). A managed "
        "policy the program attaches to any user, role or group without declaring it (AWS managed, or a "
        "customer-managed ARN) cannot be read: declare it, or list it in allowedManagedPolicies. A grant that "
        "may reach media (S3, or a way to escalate such as iam:*) goes only to users, roles and groups the "
        "program creates, and group memberships only join users and groups it creates; a policy document must "
        "be JSON the pack can read."
    ),
    enforcement_level=EnforcementLevel.MANDATORY,
    config_schema=PolicyConfigSchema(
        properties={
            "allowedManagedPolicies": {
                "type": "array",
                "items": {"type": "string", "pattern": "^arn:aws[a-z-]*:iam::(aws|[0-9]{12}):policy/.+$"},
                "default": [],
                "description": (
                    "Managed policy ARNs the program attaches without declaring them that grant nothing on S3 "
                    "or IAM (e.g. arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole)."
                ),
            }
        }
    ),
    validate=_check_least_privilege,
)

POLICIES = [least_privilege]


# --- which roles reach media -------------------------------------------------------------

POLICY_TYPE = "aws:iam/policy:Policy"
ROLE_POLICY_TYPE = "aws:iam/rolePolicy:RolePolicy"


_CUSTOMER_POLICY_ARN = re.compile(r"^arn:aws[a-z-]*:iam::\d{12}:policy/")


def _declared_policy(index: StackIndex, attachment: Any, arn_key: str, arn: str) -> Any | None:
    """The program's `Policy` an attached ARN names, or None: the one whose known ARN it is, else
    (ARNs unknown) one of the same name in an account, never an AWS managed policy (`iam::aws:`).
    A dependency counts only when the ARN may be the depended-on policy's: a value computed from
    a harmless Policy may still name AdministratorAccess."""
    policies = index.candidates((POLICY_TYPE,), "name")
    name = arn.rsplit("/", 1)[-1]

    def names_it(policy: Any) -> bool:
        known = prop(policy.props, "arn")
        if isinstance(known, str):
            return known == arn
        return bool(_CUSTOMER_POLICY_ARN.match(arn)) and policies.name_of(policy) == name

    for dependency in attachment.property_dependencies.get(arn_key, []):
        if dependency in policies and names_it(dependency):
            return dependency
    return next((p for p in policies.resources if names_it(p)), None)


def _attached_arns(index: StackIndex, attachment: Any, arn_key: str) -> list[tuple[str, Any | None]]:
    """(ARN, the program's Policy it names or None) for each policy an attachment names; while the
    ARNs are unknown (a preview), the program's Policies they are computed from, so their known
    documents are judged as they will be on `pulumi up`."""
    value = prop(attachment.props, arn_key, default=[])
    if value is UNKNOWN:
        policies = index.candidates((POLICY_TYPE,), "name")
        return [
            (f"(the ARN of {d.name})", d) for d in attachment.property_dependencies.get(arn_key, []) if d in policies
        ]
    arns = [a for a in as_list(value) if isinstance(a, str)]
    return [(arn, _declared_policy(index, attachment, arn_key, arn)) for arn in arns]


def _role_attachments(index: StackIndex) -> dict[int, list[tuple[Any, str, Any | None]]]:
    """For each role (by id()), every managed policy attached to it: (attaching resource, ARN,
    the program's Policy that ARN names or None). An unknown ARN (a preview) is left out."""
    found: dict[int, list[tuple[Any, str, Any | None]]] = {}
    roles = index.candidates((ROLE_TYPE,), "name")
    for attachment_type, (keys, arn_key) in ATTACHMENT_TYPES.items():
        for attachment in index.of_types(attachment_type):
            attached = _attached_arns(index, attachment, arn_key)
            holders = (
                [attachment]
                if attachment_type == ROLE_TYPE
                else [h for key, kind in keys if kind == ROLE_TYPE for h in linked_all(attachment, key, roles)]
            )
            for holder in holders:
                found.setdefault(id(holder), []).extend((attachment, arn, policy) for arn, policy in attached)
    return found


def _document_reaches_media(source: Any) -> bool:
    """Whether a policy document may grant S3 (or every) action, or a way to escalate to them
    (`iam:*`, `iam:PutRolePolicy`, `sts:AssumeRole` on any role, ...); unknown or unreadable counts."""
    document = json_document(source)
    if document is None:
        return source is not None
    return any(_grants_s3(statement) or _escalates(statement) for statement in statements(document))


# Escalations that need iam:PassRole too (start a service as a role): alone, they reach nothing.
NEEDS_PASS_ROLE = frozenset(
    {
        "iam:passrole",
        "lambda:createfunction",
        "lambda:addpermission",
        "lambda:createfunctionurlconfig",
        "ec2:runinstances",
        "ecs:runtask",
        "ecs:registertaskdefinition",
        "cloudformation:createstack",
        "cloudformation:updatestack",
        "codebuild:startbuild",
        "iam:createrole",
        "iam:createuser",
    }
)


def _escalates(statement: dict[str, Any]) -> bool:
    """Whether an Allow statement grants a way to give its holder more by itself (not counting the
    actions that also need iam:PassRole, or a policy to attach, to reach anything)."""
    direct = ESCALATION_ACTIONS - NEEDS_PASS_ROLE
    return any(
        action.startswith("every action") or any(fnmatchcase(name, action.lower()) for name in direct)
        for action in _escalations(statement)
    )


def role_reaches_media(args: StackValidationArgs, role: Any) -> bool:
    """Whether `role` holds, or may get, access to media: it holds it itself (`_role_holds_media`), a
    bucket policy of the program names it, or it may assume a role that reaches media."""
    index = stack_index(args)
    return id(role) in index.derived("media-roles", lambda: _media_roles(args, index))


def _media_roles(args: StackValidationArgs, index: StackIndex) -> set[int]:
    """The id()s of the roles that reach media, closed under "may assume a role that does"."""
    roles = index.of_types(ROLE_TYPE)
    named = _named_by_bucket_policies(index)
    media = {id(r) for r in roles if _role_holds_media(args, r) or _names_role(named, r)}
    while True:
        targets = [r for r in roles if id(r) in media]
        # A role may assume a media role when its policy allows it, or (same account) the media role's trust names it.
        trusted = [_trusted_by(t) for t in targets]
        hops = {
            id(r)
            for r in roles
            if id(r) not in media
            and (
                any(_may_assume_role(d, t) for d in _role_documents(index, r) for t in targets)
                or any(_names_role(named, r) for named in trusted)
            )
        }
        if not hops:
            return media
        media |= hops


def _names_role(named: tuple[set[str], set[str], set[int]], role: Any) -> bool:
    arns, names, dependents = named
    arn, name = prop(role.props, "arn"), prop(role.props, "name")
    return id(role) in dependents or (isinstance(arn, str) and arn in arns) or (isinstance(name, str) and name in names)


# Resource policies whose AWS principals reach media: bucket policies and access point policies.
RESOURCE_POLICY_TYPES = (
    "aws:s3/bucketPolicy:BucketPolicy",
    "aws:s3/accessPoint:AccessPoint",
    "aws:s3control/accessPointPolicy:AccessPointPolicy",
)


def _named_by_bucket_policies(index: StackIndex) -> tuple[set[str], set[str], set[int]]:
    """The AWS principal ARNs and role names that the program's bucket policies let in, and the
    id()s of the roles an unknown bucket policy is computed from (it may name them)."""
    arns: set[str] = set()
    names: set[str] = set()
    dependents: set[int] = set()
    roles = index.candidates((ROLE_TYPE,), "name")
    sources = [(r, "policy") for r in index.of_types(*RESOURCE_POLICY_TYPES, *BUCKET_TYPES)]
    for resource, key in sources:
        document = json_document(prop(resource.props, key))
        if document is None:
            dependents |= {id(d) for d in resource.property_dependencies.get(key, []) if d in roles}
            continue
        for statement in statements(document):
            if statement.get("Effect") == "Allow":
                _add_named_roles(principals(statement).named, arns, names)
    # The role S3 replicates a bucket as reads all of its media.
    for replication in index.of_types("aws:s3/bucketReplicationConfig:BucketReplicationConfig"):
        role = prop(replication.props, "role")
        if role is UNKNOWN:
            dependents |= {id(d) for d in replication.property_dependencies.get("role", []) if d in roles}
        _add_named_roles([role], arns, names)
    return arns, names, dependents


def _add_named_roles(values: list[Any], arns: set[str], names: set[str]) -> None:
    """Add the roles that principal ARNs name: `role/NAME` and the sessions `assumed-role/NAME/...`."""
    for value in values:
        if isinstance(value, str) and ":role/" in value:
            arns.add(value)
            names.add(value.rsplit("/", 1)[-1])
        elif isinstance(value, str) and ":assumed-role/" in value:
            names.add(value.split(":assumed-role/", 1)[1].split("/", 1)[0])


def _trusted_by(role: Any) -> tuple[set[str], set[str], set[int]]:
    """The roles (ARNs, names) `role`'s known trust lets assume it."""
    arns: set[str] = set()
    names: set[str] = set()
    document = json_document(prop(role.props, "assumeRolePolicy"))
    for statement in statements(document or {}):
        if statement.get("Effect") == "Allow":
            _add_named_roles(principals(statement).named, arns, names)
    return arns, names, set()


def _role_documents(index: StackIndex, role: Any) -> list[Any]:
    """The policy documents (text, object or UNKNOWN) a role holds: inline, RolePolicy, attached Policy."""
    inline = prop(role.props, "inlinePolicies", default=[])
    found = [UNKNOWN] if inline is UNKNOWN else [p.get("policy") for p in as_list(inline) if isinstance(p, dict)]
    found += [prop(p.props, "policy") for p in index.attached(role, (ROLE_POLICY_TYPE,), "role", (ROLE_TYPE,), "name")]
    attachments = index.derived("role-attachments", lambda: _role_attachments(index))
    found += [prop(policy.props, "policy") for _, _, policy in attachments.get(id(role), []) if policy is not None]
    return found


def _may_assume_role(source: Any, target: Any) -> bool:
    """Whether a known policy document lets its holder sts:AssumeRole the role `target`."""
    document = json_document(source)
    name = prop(target.props, "name")
    if document is None or not isinstance(name, str):
        return False
    for statement in statements(document):
        if statement.get("Effect") != "Allow":
            continue
        actions = as_list(statement.get("Action"))
        assumes = "NotAction" in statement or any(
            not isinstance(a, str) or fnmatchcase("sts:assumerole", a.lower()) for a in actions
        )
        resources = as_list(statement.get("Resource"))
        if assumes and (
            "NotResource" in statement
            or any(not isinstance(r, str) or fnmatchcase(f"role/{name}", r.rsplit(":", 1)[-1]) for r in resources)
        ):
            return True
    return False


def _role_holds_media(args: StackValidationArgs, role: Any) -> bool:
    """Whether `role` holds, or may hold, access to media: tagged as the media app's, or given a
    policy that may grant S3 actions or a way to escalate (inline, RolePolicy, an attached Policy of
    the program), or any managed policy the program does not declare (AWS managed or by ARN: it
    cannot be judged)."""
    if is_media_principal(role.props):
        return True
    index = stack_index(args)
    inline = prop(role.props, "inlinePolicies", default=[])
    if inline is UNKNOWN or any(
        _document_reaches_media(p.get("policy")) for p in as_list(inline) if isinstance(p, dict)
    ):
        return True
    for role_policy in index.attached(role, (ROLE_POLICY_TYPE,), "role", (ROLE_TYPE,), "name"):
        if _document_reaches_media(prop(role_policy.props, "policy")):
            return True
    attachments = index.derived("role-attachments", lambda: _role_attachments(index))
    return any(
        policy is None or _document_reaches_media(prop(policy.props, "policy"))
        for _, _, policy in attachments.get(id(role), [])
    )
