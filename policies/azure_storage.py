"""Policies for Azure storage accounts of media: transport, anonymous access, CORS, soft delete, lifecycle.

Every storage account in the program is judged as a media account; its visibility comes from
the `media-storage:visibility` tag, and an account without it is private (the safe default).
"""

from __future__ import annotations

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

from .cors import trusted_origins_policy
from .resources import UNKNOWN, for_types, is_public, prop, report_unprotected
from .stack_index import stack_index

ACCOUNT_TYPE = "azure-native:storage:StorageAccount"
CONTAINER_TYPE = "azure-native:storage:BlobContainer"
BLOB_SERVICE_TYPE = "azure-native:storage:BlobServiceProperties"
LIFECYCLE_TYPE = "azure-native:storage:ManagementPolicy"
SECURE_TLS_VERSIONS = ("TLS1_2", "TLS1_3")


def _accounts(args: StackValidationArgs) -> list[Any]:
    return stack_index(args).of_types(ACCOUNT_TYPE)


def _account_of(args: StackValidationArgs, resource: Any) -> Any | None:
    return stack_index(args).linked(resource, "accountName", (ACCOUNT_TYPE,), "accountName")


def _attached(args: StackValidationArgs, account: Any, type_: str) -> list[Any]:
    return stack_index(args).attached(account, (type_,), "accountName", (ACCOUNT_TYPE,), "accountName")


def _label(account: Any) -> str:
    name = prop(account.props, "accountName")
    return f"Storage account {account.name}" + (f" ({name})" if isinstance(name, str) else "")


# --- mandatory ---------------------------------------------------------------------------


def _check_transport(args: ResourceValidationArgs, report: ReportViolation) -> None:
    if prop(args.props, "enableHttpsTrafficOnly") is False:
        report("enableHttpsTrafficOnly is false: the account accepts plain HTTP.")
    tls = prop(args.props, "minimumTlsVersion")
    if tls is not UNKNOWN and tls not in SECURE_TLS_VERSIONS:
        report(f"minimumTlsVersion is {tls or 'not set'}; set TLS1_2.")


secure_transport = ResourceValidationPolicy(
    name="azure-storage-secure-transport",
    description=(
        "Storage accounts must accept HTTPS only (enableHttpsTrafficOnly not false) and set "
        "minimumTlsVersion to TLS1_2 (or TLS1_3)."
    ),
    enforcement_level=EnforcementLevel.MANDATORY,
    validate=for_types((ACCOUNT_TYPE,), _check_transport),
)


def _check_private_account(args: ResourceValidationArgs, report: ReportViolation) -> None:
    if is_public(args.props) is False and prop(args.props, "allowBlobPublicAccess") is True:
        report("The account is private (not tagged media-storage:visibility=public) but allows blob public access.")


private_account_no_anonymous_access = ResourceValidationPolicy(
    name="azure-private-account-no-anonymous-access",
    description=(
        "A private media account (any account not tagged media-storage:visibility=public) must set "
        "allowBlobPublicAccess to false, so no container in it can ever be made public."
    ),
    enforcement_level=EnforcementLevel.MANDATORY,
    validate=for_types((ACCOUNT_TYPE,), _check_private_account),
)


def _check_container_access(args: StackValidationArgs, report: ReportViolation) -> None:
    for container in stack_index(args).of_types(CONTAINER_TYPE):
        access = prop(container.props, "publicAccess", default="None")
        if access is UNKNOWN or str(access).lower() == "none":
            continue
        if str(access).lower() == "container":  # ARM enum values are case-insensitive
            report(f"Container {container.name} lets anyone list its blobs (publicAccess Container).", container.urn)
            continue
        account = _account_of(args, container)
        public = is_public(account.props) if account is not None else False
        if public is False:
            report(f"Container {container.name} allows anonymous reads in a private account.", container.urn)


container_public_access = StackValidationPolicy(
    name="azure-container-public-access",
    description=(
        "A container may allow anonymous access only as publicAccess Blob (reads of known blobs, no "
        "listing) and only in an account tagged media-storage:visibility=public; use None elsewhere."
    ),
    enforcement_level=EnforcementLevel.MANDATORY,
    validate=_check_container_access,
)


cors_trusted_origins = trusted_origins_policy(
    "azure-cors-trusted-origins", "Blob service ", (BLOB_SERVICE_TYPE,), "cors", "corsRules"
)


# --- advisory ----------------------------------------------------------------------------


def _retention_problem(policy: Any, minimum_days: int) -> str | None:
    if policy is UNKNOWN:
        return None
    if not isinstance(policy, dict) or policy.get("enabled") is not True:
        return "is off"
    days = policy.get("days")
    if not isinstance(days, int | float) or days < minimum_days:
        # Numbers cross the engine's protocol as doubles: show 3.0 as 3.
        shown = int(days) if isinstance(days, float) and days.is_integer() else days
        return f"keeps deleted items {shown} days, fewer than {minimum_days}"
    return None


def _check_soft_delete(args: StackValidationArgs, report: ReportViolation) -> None:
    minimum_days = int(args.get_config().get("minimumRetentionDays", 7))
    for account in _accounts(args):
        services = _attached(args, account, BLOB_SERVICE_TYPE)
        if not services:
            report(f"{_label(account)} has no blob service properties, so no soft delete.", account.urn)
        for service in services:
            for key, what in (("deleteRetentionPolicy", "Blob"), ("containerDeleteRetentionPolicy", "Container")):
                problem = _retention_problem(prop(service.props, key), minimum_days)
                if problem:
                    report(f"{what} soft delete of {_label(account)} {problem}.", service.urn)


blob_soft_delete = StackValidationPolicy(
    name="azure-blob-soft-delete",
    description=(
        "Turn on blob and container soft delete (BlobServiceProperties deleteRetentionPolicy and "
        "containerDeleteRetentionPolicy, enabled) for at least the configured number of days."
    ),
    enforcement_level=EnforcementLevel.ADVISORY,
    config_schema=PolicyConfigSchema(
        properties={
            "minimumRetentionDays": {
                "type": "integer",
                "minimum": 1,
                "maximum": 365,
                "default": 7,
                "description": "Fewest days deleted blobs and containers must stay recoverable.",
            }
        }
    ),
    validate=_check_soft_delete,
)


def _check_lifecycle(args: StackValidationArgs, report: ReportViolation) -> None:
    for account in _accounts(args):
        if not _attached(args, account, LIFECYCLE_TYPE):
            report(f"{_label(account)} has no lifecycle management policy.", account.urn)


lifecycle_management = StackValidationPolicy(
    name="azure-lifecycle-management",
    description=(
        "Give every media account a ManagementPolicy (lifecycle rules: expire temporary blobs and "
        "old versions, tier old blobs) so storage costs stay bounded."
    ),
    enforcement_level=EnforcementLevel.ADVISORY,
    validate=_check_lifecycle,
)


def _check_private_versioning(args: StackValidationArgs, report: ReportViolation) -> None:
    for account in _accounts(args):
        if is_public(account.props) is not False:
            continue
        states = [prop(s.props, "isVersioningEnabled") for s in _attached(args, account, BLOB_SERVICE_TYPE)]
        if not any(state in (True, UNKNOWN) for state in states):
            report(f"{_label(account)} is private but keeps no previous versions of blobs.", account.urn)


private_account_versioning = StackValidationPolicy(
    name="azure-private-account-versioning",
    description=(
        "Turn blob versioning on (BlobServiceProperties isVersioningEnabled) for private media "
        "accounts, so overwritten or deleted files can be recovered."
    ),
    enforcement_level=EnforcementLevel.ADVISORY,
    validate=_check_private_versioning,
)


account_protected = ResourceValidationPolicy(
    name="azure-storage-account-protected",
    description=(
        "Protect media storage accounts (resource option protect=True; media-storage:protect is "
        "true by default) so that deleting them takes a deliberate step."
    ),
    enforcement_level=EnforcementLevel.ADVISORY,
    validate=for_types((ACCOUNT_TYPE,), report_unprotected("account")),
)

POLICIES = [
    secure_transport,
    private_account_no_anonymous_access,
    container_public_access,
    cors_trusted_origins,
    blob_soft_delete,
    lifecycle_management,
    private_account_versioning,
    account_protected,
]
