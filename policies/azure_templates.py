"""Azure resources that reach media but escape every typed policy: generic resources, ARM templates
and deployment scripts.

`resources.Resource` creates any ARM type from a namespace, a type and a bag of properties, a
template deployment (`resources.Deployment*`, `resources.DeploymentStack*`) creates whatever its
template holds, and a deployment script runs any Azure CLI or PowerShell command. The other Azure
policies judge typed resources (`storage.StorageAccount`, `authorization.RoleAssignment`, ...), so
a storage account, container, role or identity made this way would be judged by none of them: the
pack fails closed on it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from pulumi_policy import EnforcementLevel, ReportViolation, StackValidationArgs, StackValidationPolicy

from .resources import UNKNOWN, as_list, prop
from .stack_index import stack_index

GENERIC_RESOURCE_TYPE = "azure-native:resources:Resource"
DEPLOYMENT_TYPES = tuple(
    f"azure-native:resources:{kind}"
    for kind in (
        "Deployment",
        "DeploymentAtScope",
        "DeploymentAtSubscriptionScope",
        "DeploymentAtManagementGroupScope",
        "DeploymentAtTenantScope",
        "DeploymentStackAtResourceGroup",
        "DeploymentStackAtSubscription",
        "DeploymentStackAtManagementGroup",
    )
)

SCRIPT_TYPES = ("azure-native:resources:AzureCliScript", "azure-native:resources:AzurePowerShellScript")
_MEDIA_COMMANDS = re.compile(
    r"\baz\s+(?:storage|role|identity|rest|resource|deployment|cdn|afd)\b"
    r"|\b(?:New|Set|Update|Remove)-Az(?:Storage|RoleAssignment|RoleDefinition|UserAssignedIdentity|Resource"
    r"|Deployment|ResourceGroupDeployment|FederatedIdentityCredential|Cdn|FrontDoorCdn)\w*"
    r"|\bInvoke-AzRestMethod\b|microsoft\.(?:storage|authorization|managedidentity|cdn)\b",
    re.IGNORECASE,
)
"""Azure CLI and PowerShell commands (and ARM types) that make, open or grant media."""

MEDIA_ARM_TYPES = (
    "microsoft.storage/",
    "microsoft.authorization/roleassignments",
    "microsoft.authorization/roledefinitions",
    "microsoft.authorization/roleeligibilityschedulerequests",
    "microsoft.authorization/roleassignmentschedulerequests",
    "microsoft.managedidentity/",
    "microsoft.cdn/",
    "microsoft.resources/deployments",  # a nested template: its resources are not read here
)
"""ARM types (lowercase prefixes) that make, open or grant media: storage, roles, identities, CDNs."""

_TYPED = (
    "declare it with the typed azure_native resource (storage.StorageAccount, storage.BlobContainer, "
    "authorization.RoleAssignment, managedidentity.UserAssignedIdentity, cdn.*) so the pack can judge it"
)


def _reaches_media(arm_type: Any) -> bool:
    """Whether an ARM type is one the pack must judge; a type that is not a plain string (an ARM
    expression such as `[variables('type')]`) cannot be read, and counts."""
    if not isinstance(arm_type, str) or arm_type.strip().startswith("["):
        return True
    return arm_type.strip().lower().startswith(MEDIA_ARM_TYPES)


def _template_resources(resources: Any) -> Iterator[dict[str, Any]]:
    """The resources of a template, nested child resources included; a languageVersion 2.0
    template keys them by symbolic name."""
    items = resources.values() if isinstance(resources, dict) else as_list(resources)
    for resource in items:
        if isinstance(resource, dict):
            yield resource
            yield from _template_resources(resource.get("resources"))


def _template_problems(properties: Any) -> list[str]:
    """What in a deployment's properties the pack cannot judge."""
    if not isinstance(properties, dict):
        return []
    template = properties.get("template")
    if isinstance(template, str):
        try:
            template = json.loads(template)
        except ValueError:
            return ["a template that is not JSON"]
    if template is None:
        link = properties.get("templateLink")
        if link is None:
            return []
        where = (link.get("uri") or link.get("id")) if isinstance(link, dict) else link
        return [f"a linked template ({where}) the pack cannot read"]
    if not isinstance(template, dict):
        return ["a template that is not an object"]
    found = []
    for resource in _template_resources(template.get("resources")):
        arm_type = resource.get("type")
        if _reaches_media(arm_type):
            name = resource.get("name")
            found.append(f"{arm_type}" + (f" ({name})" if isinstance(name, str) else ""))
    return found


def _check_typed(args: StackValidationArgs, report: ReportViolation) -> None:
    index = stack_index(args)
    for resource in index.of_types(GENERIC_RESOURCE_TYPE):
        namespace, kind = prop(resource.props, "resourceProviderNamespace"), prop(resource.props, "resourceType")
        if UNKNOWN in (namespace, kind):
            continue  # judged when known (a first preview)
        arm_type = f"{namespace}/{kind}" if isinstance(namespace, str) and isinstance(kind, str) else None
        if _reaches_media(arm_type):
            report(
                f"Generic resource {resource.name} creates {arm_type or 'a type the pack cannot read'} with "
                f"resources.Resource, which no policy of the pack judges; {_TYPED}.",
                resource.urn,
            )
    for deployment in index.of_types(*DEPLOYMENT_TYPES):
        properties = prop(deployment.props, "properties")
        if properties is UNKNOWN:
            continue
        if properties is None:  # deployment stacks carry the template at the top level
            properties = {k: prop(deployment.props, k) for k in ("template", "templateLink")}
            if UNKNOWN in properties.values():
                continue
        found = _template_problems(properties)
        if found:
            report(
                f"Template deployment {deployment.name} deploys {', '.join(found)}, which no policy of the pack "
                f"judges: a storage account, role or identity made this way could expose media; {_TYPED}, "
                "and keep templates to resources that do not touch media.",
                deployment.urn,
            )


def _check_scripts(args: StackValidationArgs, report: ReportViolation) -> None:
    """Deployment scripts run Azure CLI or PowerShell as their identity: one that touches storage, roles,
    identities or CDNs, or that runs a script the pack cannot read (primaryScriptUri), fails closed."""
    for script in stack_index(args).of_types(*SCRIPT_TYPES):
        content, uri = prop(script.props, "scriptContent"), prop(script.props, "primaryScriptUri")
        if UNKNOWN in (content, uri):
            continue
        if uri is not None:
            what = f"the script at {uri}, which the pack cannot read"
        elif isinstance(content, str) and _MEDIA_COMMANDS.search(content):
            what = f"commands on storage, roles or identities ({_MEDIA_COMMANDS.search(content).group(0)!r})"
        else:
            continue
        report(
            f"Deployment script {script.name} runs {what}: a storage account, role or identity changed this way "
            f"escapes every other policy of the pack; {_TYPED}, and keep scripts to work that does not touch media.",
            script.urn,
        )


def _check_all(args: StackValidationArgs, report: ReportViolation) -> None:
    _check_typed(args, report)
    _check_scripts(args, report)


media_resources_typed = StackValidationPolicy(
    name="azure-media-resources-typed",
    description=(
        "Storage, role assignment and definition, managed identity and CDN resources must be declared with their "
        "typed azure_native resources: one made with a generic resources.Resource or by an ARM template "
        "deployment (inline, linked or a template spec, deployment stacks included), or changed by a deployment "
        "script (resources.AzureCliScript, AzurePowerShellScript), escapes every other policy of the pack."
    ),
    enforcement_level=EnforcementLevel.MANDATORY,
    validate=_check_all,
)

POLICIES = [media_resources_typed]
