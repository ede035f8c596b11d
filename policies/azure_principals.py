"""Who else may reach Azure media through role assignments: every assignment of the program, whoever holds it.

The media identity's own roles are judged by `azure-media-identity-least-privilege`. Every other
role assignment whose scope covers a media account (its container, the account, its resource
group, the subscription, a management group), the media identity or a workload that runs as it
(a web app, VM, container app... whose `identity` attaches it) is judged by the role it
grants (`azure_roles`) and by who holds it: a principal the program creates (the principal id
is computed from one of its resources), or one it only names by a literal GUID, which the pack
cannot judge and so fails closed until listed in `allowedPrincipals`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from pulumi_policy import (
    EnforcementLevel,
    PolicyConfigSchema,
    ReportViolation,
    StackValidationArgs,
    StackValidationPolicy,
)

from .azure_identity import IDENTITY_TYPE, PIM_ELIGIBILITY_TYPE, ROLE_GRANT_TYPES, normal_scope
from .azure_roles import Reach, role_guid, role_name, role_reach
from .azure_storage import ACCOUNT_TYPE
from .resources import UNKNOWN, is_media_principal, is_public, prop
from .stack_index import linked, stack_index

GUID_PATTERN = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"

_SUBSCRIPTION = r"/subscriptions/(?P<subscription>[^/]+)"
_GROUP = _SUBSCRIPTION + r"/resourceGroups/(?P<group>[^/]+)"
_RESOURCE = _GROUP + r"/providers/(?P<provider>[^/]+)/(?P<kind>[^/]+)/(?P<name>[^/]+)(?P<rest>/.*)?"
SCOPES = (
    ("management group", re.compile(r"/(providers/Microsoft\.Management/managementGroups/[^/]+)?", re.IGNORECASE)),
    ("subscription", re.compile(_SUBSCRIPTION, re.IGNORECASE)),
    ("resource group", re.compile(_GROUP, re.IGNORECASE)),
    ("resource", re.compile(_RESOURCE, re.IGNORECASE)),
)


@dataclass
class Coverage:
    """What one role assignment scope covers of the program's media."""

    kind: str
    """`management group`, `subscription`, `resource group`, `account`, `container` or `other`."""

    accounts: list[Any] = field(default_factory=list)
    """The storage accounts in the scope (an account the program does not declare: None, judged as private)."""

    identities: list[Any] = field(default_factory=list)
    """The media identities in the scope, or that a workload in it runs as."""

    workloads: list[Any] = field(default_factory=list)
    """The resources in the scope that run as a media identity (a web app, VM, container app...):
    whoever controls one deploys code that acts as the app."""

    @property
    def private(self) -> bool:
        return any(a is None or is_public(a.props) is not True for a in self.accounts)

    @property
    def broad(self) -> bool:
        return self.kind in ("management group", "subscription", "resource group")


def _lower(value: Any) -> Any:
    return value.lower() if isinstance(value, str) else value


class MediaScopes:
    """The program's media accounts and identities, indexed by resource group and name once per
    validation, so that what a scope covers is a lookup, not a scan."""

    def __init__(self, accounts: list[Any], identities: list[Any], workloads: dict[int, tuple[Any, list[Any]]]) -> None:
        """`accounts`: every storage account; `identities`: the media identities; `workloads`: the
        resources that run as media identities (by id(): the resource and the identities)."""
        self.accounts, self.identities, self.workloads = accounts, identities, workloads
        self._accounts_in = self._by_group(accounts)
        self._identities_in = self._by_group(identities)
        self._workloads_in = self._by_group([w for w, _ in workloads.values()])
        self._workload_named: dict[Any, list[Any]] = {}
        for workload, _ in workloads.values():
            for key in _WORKLOAD_NAME_KEYS:
                name = prop(workload.props, key)
                if isinstance(name, str):
                    self._workload_named.setdefault(name.lower(), []).append(workload)
        self._account_named: dict[Any, list[Any]] = {}
        for account in accounts:
            self._account_named.setdefault(_lower(prop(account.props, "accountName")), []).append(account)
        self._identity_named: dict[Any, list[Any]] = {}
        for identity in identities:
            self._identity_named.setdefault(_lower(prop(identity.props, "resourceName")), []).append(identity)

    @staticmethod
    def _by_group(resources: list[Any]) -> dict[Any, list[Any]]:
        groups: dict[Any, list[Any]] = {}
        for resource in resources:
            groups.setdefault(_lower(prop(resource.props, "resourceGroupName")), []).append(resource)
        return groups

    def _with_workloads(self, cover: Coverage, workloads: list[Any]) -> Coverage:
        """`cover` with `workloads` and the media identities they run as added."""
        seen = {id(w) for w in cover.workloads}
        for workload in workloads:
            if id(workload) in seen:
                continue
            seen.add(id(workload))
            cover.workloads.append(workload)
            cover.identities += [i for i in self.workloads[id(workload)][1] if i not in cover.identities]
        return cover

    def _hosts(self, scope: str, dependencies: list[Any] | tuple[Any, ...]) -> list[Any]:
        """The workloads running as a media identity that a resource scope is (by dependency or by name)."""
        hosts = [d for d in dependencies if id(d) in self.workloads]
        match = SCOPES[3][1].fullmatch(scope)
        if hosts or match is None or match.group("rest"):
            return hosts
        if match.group("provider").lower() in ("microsoft.storage", "microsoft.managedidentity"):
            return []
        return self._workload_named.get(match.group("name").lower(), [])

    def coverage(self, scope: str, dependencies: list[Any] | tuple[Any, ...] = ()) -> Coverage:
        """The media accounts and identities under `scope` (computed from `dependencies`, if given); an
        account named in it that the program does not declare is None (judged as private media)."""
        scope = normal_scope(scope)
        kind = next((k for k, pattern in SCOPES if pattern.fullmatch(scope)), "other")
        if kind in ("management group", "subscription"):
            cover = Coverage(kind, list(self.accounts), list(self.identities))
            return self._with_workloads(cover, [w for w, _ in self.workloads.values()])
        if kind == "resource group":
            group = SCOPES[2][1].fullmatch(scope).group("group").lower()
            # A resource group not known yet (a first preview) covers nothing until it is.
            cover = Coverage(kind, self._accounts_in.get(group, []), list(self._identities_in.get(group, [])))
            return self._with_workloads(cover, self._workloads_in.get(group, []))
        hosts = self._hosts(scope, dependencies)
        if hosts:
            return self._with_workloads(Coverage("workload"), hosts)
        match = SCOPES[3][1].fullmatch(scope) if kind == "resource" else None
        return self._resource_coverage(match) if match is not None else Coverage("other")

    def _resource_coverage(self, match: re.Match[str]) -> Coverage:
        """What the scope of one resource (a storage account or below it, an identity) covers."""
        provider, resource_kind, name = (match.group(g).lower() for g in ("provider", "kind", "name"))
        if (provider, resource_kind) == ("microsoft.storage", "storageaccounts"):
            rest = (match.group("rest") or "").lower()
            # A name the program does not declare is None (private), unless an account's name is not
            # known yet (a preview): it may be that one, judged when known.
            undeclared = [] if UNKNOWN in self._account_named else [None]
            return Coverage(
                "container" if "/containers/" in rest else "account", self._account_named.get(name, undeclared)
            )
        if (provider, resource_kind) == ("microsoft.managedidentity", "userassignedidentities"):
            return Coverage("other", [], self._identity_named.get(name, []))
        return Coverage("other")


_WORKLOAD_NAME_KEYS = ("name", "vmName", "vmScaleSetName", "containerAppName", "jobName", "resourceName")
"""Inputs that hold a workload's ARM name (the last segment of its resource id), by resource type."""


def _workloads(args: StackValidationArgs, identities: list[Any]) -> dict[int, tuple[Any, list[Any]]]:
    """The resources whose `identity` attaches a media identity, by reference or by a literal resource id."""
    named = {
        _lower(prop(i.props, "resourceName")): i for i in identities if isinstance(prop(i.props, "resourceName"), str)
    }
    found: dict[int, tuple[Any, list[Any]]] = {}
    for resource in stack_index(args).resources:
        if resource.resource_type in (IDENTITY_TYPE, ACCOUNT_TYPE):
            continue
        runs_as = [d for d in resource.property_dependencies.get("identity", []) if d in identities]
        attached = prop(resource.props, "identity", "userAssignedIdentities")
        keys = attached if isinstance(attached, dict | list) else []
        runs_as += [
            named[key.rstrip("/").rsplit("/", 1)[-1].lower()]
            for key in keys
            if isinstance(key, str) and key.rstrip("/").rsplit("/", 1)[-1].lower() in named
        ]
        if runs_as:
            found[id(resource)] = (resource, list({id(i): i for i in runs_as}.values()))
    return found


def media_scopes(args: StackValidationArgs) -> MediaScopes:
    """The `MediaScopes` of one validation, built on first use."""
    index = stack_index(args)

    def build() -> MediaScopes:
        identities = [i for i in index.of_types(IDENTITY_TYPE) if is_media_principal(i.props)]
        return MediaScopes(index.of_types(ACCOUNT_TYPE), identities, _workloads(args, identities))

    return index.derived("azure-media-scopes", build)


def _describe(cover: Coverage) -> str:
    names = [
        str(prop(a.props, "accountName")) if a is not None else "an account the program does not declare"
        for a in cover.accounts
    ]
    names += [f"the media identity {i.name}" for i in cover.identities]
    names += [f"{w.name}, which runs as a media identity" for w in cover.workloads]
    return ", ".join(names)


PRINCIPAL_TYPES = (
    IDENTITY_TYPE,
    "azuread:index/servicePrincipal:ServicePrincipal",
    "azuread:index/group:Group",
    "azuread:index/user:User",
)
"""Resources that are principals; any other resource is one when it has an `identity` (system-assigned)."""


def _created_by_program(assignment: Any, key: str = "principalId") -> bool:
    """Whether the principal id (in input `key`) is computed from a principal the program creates (a
    managed identity, an Entra service principal, group or user, or a resource with its own identity),
    not a literal.

    Once the id and the principal ids of the principals it is computed from are known (`pulumi up`),
    it must be one of them: a literal id returned from `identity.principal_id.apply(...)` depends on
    the program's identity but names someone else."""
    principals = [
        d
        for d in assignment.property_dependencies.get(key, [])
        if d.resource_type in PRINCIPAL_TYPES or prop(d.props, "identity") not in (None, UNKNOWN)
    ]
    value = prop(assignment.props, key)
    known = {str(p).lower() for d in principals if isinstance(p := prop(d.props, "principalId"), str)}
    if principals and isinstance(value, str) and known and len(known) == len(principals):
        return value.lower() in known
    return bool(principals)


_ALLOWLIST_FIX = (
    "if this principal is yours and may hold it, create it in the program or list its object id in "
    "allowedPrincipals of azure-role-assignments-over-media"
)


def _problem(reach: Reach | None, role: str, cover: Coverage, own: bool) -> str | None:
    """What is wrong with a role `role` (shown with its name) over `cover` for an own or foreign principal."""
    what = _describe(cover)
    if reach is None:
        return (
            f"role {role} over {what}: the pack cannot tell what it allows; use a built-in role it knows, or "
            "list the role definition's GUID in allowedRoleDefinitions if it grants nothing on blobs, keys, "
            "role assignments or identities"
        )
    if reach is Reach.CONTROL:
        if cover.accounts:
            can = (
                "it can read the account keys, change the accounts or grant itself any data role; assign such roles "
                "outside the media's resource group, or give this principal blob data roles on the containers it needs"
            )
        elif cover.kind == "workload":
            can = (
                "it can change the code or settings of a workload that runs as the media identity, and so act as "
                "the app; grant it where no workload runs as the media identity"
            )
        else:
            can = (
                "it can add federated credentials to the media identity or attach it to its own workloads, and so "
                "act as the app; scope it away from the identity"
            )
        return f"role {role} at {cover.kind} scope over {what}: {can}"
    if reach is Reach.IDENTITY and cover.identities and cover.kind != "workload":
        return (
            f"role {role} over {what}: it can attach the media identity to its own workloads or add "
            "federated credentials to it, and so act as the app; scope it away from the media identity"
        )
    if reach in (Reach.BLOB_WRITE, Reach.BLOB_READ) and cover.accounts:
        if cover.broad:
            return (
                f"the blob data role {role} at {cover.kind} scope over {what} (and every account created "
                "there later); assign it on the account or container instead"
            )
        if not own and (cover.private or reach is Reach.BLOB_WRITE):
            return (
                f"the blob data role {role} over {what}, but the program does not create this principal (a "
                f"literal object id), so the pack cannot judge who it is; {_ALLOWLIST_FIX}"
            )
    return None


DATA_SHARE_TYPE = "azure-native:storage:DataShare"


def _check_data_shares(args: StackValidationArgs, report: ReportViolation, allowed_principals: set[str]) -> None:
    """Storage data shares: each access policy lets a managed identity (of any tenant) read the shared
    paths, as a blob data reader would; judged like a data role on the account."""
    index = stack_index(args)
    for share in index.of_types(DATA_SHARE_TYPE):
        name, policies = prop(share.props, "accountName"), prop(share.props, "properties", "accessPolicies")
        account = index.linked(share, "accountName", (ACCOUNT_TYPE,), "accountName")
        if policies is UNKNOWN or (name is UNKNOWN and account is None):
            continue  # judged when known (a first preview)
        if account is not None and is_public(account.props) is not False:
            continue
        where = f"storage account {account.name}" if account is not None else f"storage account {name}"
        where += "" if account is not None else " (not declared: judged as private)"
        own = _created_by_program(share, "properties")
        for policy in policies or []:
            principal = policy.get("principalId") if isinstance(policy, dict) else None
            if not isinstance(policy, dict) or own or str(principal).lower() in allowed_principals:
                continue
            report(
                f"Data share {share.name} lets principal {principal} (tenant {policy.get('tenantId')}) read private "
                f"media of {where}, but the program does not create this principal, so the pack cannot judge who "
                "it is; share only with principals the program creates, or list its object id in allowedPrincipals "
                "of azure-role-assignments-over-media if it is yours.",
                share.urn,
            )


def _check_role_assignments(args: StackValidationArgs, report: ReportViolation) -> None:
    config = args.get_config()
    allowed_principals = {p.lower() for p in config.get("allowedPrincipals", [])}
    _check_data_shares(args, report, allowed_principals)
    allowed_roles = {r.lower() for r in config.get("allowedRoleDefinitions", [])}
    index = stack_index(args)
    scopes = media_scopes(args)
    media_identities = index.candidates((IDENTITY_TYPE,), "principalId")
    for assignment in index.of_types(*ROLE_GRANT_TYPES):
        holder = linked(assignment, "principalId", media_identities)
        if holder is not None and is_media_principal(holder.props):
            continue  # azure-media-identity-least-privilege judges the media identity's roles
        principal = prop(assignment.props, "principalId")
        role_id, scope = prop(assignment.props, "roleDefinitionId"), prop(assignment.props, "scope")
        if UNKNOWN in (principal, role_id, scope) or not isinstance(role_id, str) or not isinstance(scope, str):
            continue  # judged when known (a first preview)
        guid = role_guid(role_id)
        if guid in allowed_roles:
            continue
        cover = scopes.coverage(scope, assignment.property_dependencies.get("scope", []))
        if not cover.accounts and not cover.identities:
            continue
        own = _created_by_program(assignment) or str(principal).lower() in allowed_principals
        problem = _problem(role_reach(guid), role_name(guid), cover, own)
        if problem:
            who = "a principal of the program" if _created_by_program(assignment) else f"principal {principal}"
            grant = "Role assignment" if assignment.resource_type != PIM_ELIGIBILITY_TYPE else "PIM role eligibility"
            report(f"{grant} {assignment.name} gives {who} {problem}.", assignment.urn)


role_assignments_over_media = StackValidationPolicy(
    name="azure-role-assignments-over-media",
    description=(
        "No role assignment other than the media identity's may control the media accounts or identity: no "
        "Owner, Contributor, User Access Administrator, Role Based Access Control Administrator, Storage Account "
        "Contributor, key operator (or other role that reads keys) at a scope covering a media account (its "
        "resource group, subscription or management group included) or over a workload that runs as the media "
        "identity (a web app, VM, ... whose identity attaches it), no managed identity roles over the media "
        "identity, no blob data role broader than an account, and blob data roles on private media only for "
        "principals the program creates or lists in allowedPrincipals (storage data shares of private media "
        "likewise); PIM role eligibilities count as assignments; roles the pack does not know fail "
        "unless listed in allowedRoleDefinitions."
    ),
    enforcement_level=EnforcementLevel.MANDATORY,
    config_schema=PolicyConfigSchema(
        properties={
            "allowedPrincipals": {
                "type": "array",
                "items": {"type": "string", "pattern": GUID_PATTERN},
                "default": [],
                "description": (
                    "Object ids of principals the program does not create that may hold blob data roles on "
                    "media accounts or containers (control roles fail for every principal)."
                ),
            },
            "allowedRoleDefinitions": {
                "type": "array",
                "items": {"type": "string", "pattern": GUID_PATTERN},
                "default": [],
                "description": (
                    "GUIDs of custom role definitions vetted to grant nothing on blobs, account keys, role "
                    "assignments or managed identities."
                ),
            },
        }
    ),
    validate=_check_role_assignments,
)

POLICIES = [role_assignments_over_media]
