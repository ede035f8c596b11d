"""Least privilege for the media app's managed identity: blob data roles on its containers only."""

from __future__ import annotations

import re
from typing import Any

from pulumi_policy import EnforcementLevel, ReportViolation, StackValidationArgs, StackValidationPolicy

from .azure_roles import BUILT_IN_ROLES, role_guid, role_name
from .azure_storage import ACCOUNT_TYPE
from .resources import UNKNOWN, is_media_principal, prop
from .stack_index import Candidates, linked, stack_index

IDENTITY_TYPE = "azure-native:managedidentity:UserAssignedIdentity"
ROLE_ASSIGNMENT_TYPE = "azure-native:authorization:RoleAssignment"
PIM_ELIGIBILITY_TYPE = "azure-native:authorization:PimRoleEligibilitySchedule"
ROLE_GRANT_TYPES = (ROLE_ASSIGNMENT_TYPE, PIM_ELIGIBILITY_TYPE)
"""Resources that give a principal a role at a scope: an assignment, or a PIM eligibility (the
principal activates the role whenever it likes, so it holds the role as far as media go)."""

BLOB_DATA_ROLES = {
    guid: BUILT_IN_ROLES[guid][0]
    for guid in ("ba92f5b4-2d11-453d-a403-e96b0029c9fe", "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1")
}
"""The data roles the media identity may hold (Storage Blob Data Contributor, Reader)."""
STORAGE_BLOB_DELEGATOR = "db58b8e5-c6ad-4a2a-8342-4190687cbf4a"

_ACCOUNT_SCOPE = (
    r"/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\.Storage/storageAccounts/(?P<account>[^/]+)"
)
CONTAINER_SCOPE = re.compile(_ACCOUNT_SCOPE + r"/blobServices/default/containers/[^/]+", re.IGNORECASE)
ACCOUNT_SCOPE = re.compile(_ACCOUNT_SCOPE, re.IGNORECASE)


def normal_scope(scope: str) -> str:
    """A role scope as ARM reads it: `subscriptions/x/` and `/subscriptions//x` are `/subscriptions/x`."""
    return "/" + "/".join(part for part in scope.strip().split("/") if part)


def _media_identities(args: StackValidationArgs) -> Candidates:
    """The media app's identities, named by their principal id."""
    identities = stack_index(args).of_types(IDENTITY_TYPE)
    return Candidates([i for i in identities if is_media_principal(i.props)], "principalId")


def _problem(role: str, scope: str, account_names: set[str] | None) -> str | None:
    scope = normal_scope(scope)
    container = CONTAINER_SCOPE.fullmatch(scope)
    account = ACCOUNT_SCOPE.fullmatch(scope)
    if role in BLOB_DATA_ROLES:
        if container is None:
            return f"{role_name(role)} at {scope}, broader than one container"
        named = container.group("account")
    elif role == STORAGE_BLOB_DELEGATOR:
        if account is None:
            return f"{role_name(role)} at {scope}, which is not a storage account"
        named = account.group("account")
    else:
        return f"role {role_name(role)}, which is not a blob data role"
    if account_names is not None and named not in account_names:
        return f"a role on storage account {named!r}, which is not a media account of this program"
    return None


def _check_identity_roles(args: StackValidationArgs, report: ReportViolation) -> None:
    identities = _media_identities(args)
    names = {prop(a.props, "accountName") for a in stack_index(args).of_types(ACCOUNT_TYPE)}
    account_names = None if UNKNOWN in names else {n for n in names if isinstance(n, str)}
    for assignment in stack_index(args).of_types(*ROLE_GRANT_TYPES):
        identity = linked(assignment, "principalId", identities)
        role_id = prop(assignment.props, "roleDefinitionId")
        scope = prop(assignment.props, "scope")
        if identity is None or not isinstance(role_id, str) or not isinstance(scope, str):
            continue
        problem = _problem(role_guid(role_id), scope, account_names)
        if problem:
            report(f"{identity.name} gets {problem}.", assignment.urn)


media_identity_least_privilege = StackValidationPolicy(
    name="azure-media-identity-least-privilege",
    description=(
        "The media app's managed identity may hold only Storage Blob Data Contributor/Reader on "
        "its media containers and Storage Blob Delegator on its media accounts; assign nothing "
        "at account, resource group or subscription scope and no other role."
    ),
    enforcement_level=EnforcementLevel.MANDATORY,
    validate=_check_identity_roles,
)

CLUSTER_TYPE = "azure-native:containerservice:ManagedCluster"


def _kubelet_identities(cluster: Any, identities: list[Any]) -> list[Any]:
    """The media identities a cluster makes its kubelet identity (by reference or by literal resource id)."""
    found = [d for d in cluster.property_dependencies.get("identityProfile", []) if d in identities]
    resource_id = prop(cluster.props, "identityProfile", "kubeletidentity", "resourceId")
    if isinstance(resource_id, str):
        name = resource_id.rstrip("/").rsplit("/", 1)[-1].lower()
        found += [i for i in identities if str(prop(i.props, "resourceName")).lower() == name and i not in found]
    return found


def _check_kubelet(args: StackValidationArgs, report: ReportViolation) -> None:
    identities = _media_identities(args).resources
    for cluster in stack_index(args).of_types(CLUSTER_TYPE):
        for identity in _kubelet_identities(cluster, identities):
            report(
                f"Cluster {cluster.name} makes the media identity {identity.name} its kubelet identity: every pod of "
                "every namespace can get its tokens from the node and act as the app. Give the kubelet its own "
                "identity and let the app's pods use workload identity (a federated credential for the app's "
                "service account).",
                cluster.urn,
            )


media_identity_not_kubelet = StackValidationPolicy(
    name="azure-media-identity-not-kubelet",
    description=(
        "The media app's managed identity must not be an AKS cluster's kubelet identity "
        "(identityProfile.kubeletidentity): every pod on the nodes could act as the app. Use workload identity "
        "(a federated credential for the app's service account) instead."
    ),
    enforcement_level=EnforcementLevel.MANDATORY,
    validate=_check_kubelet,
)

POLICIES = [media_identity_least_privilege, media_identity_not_kubelet]
