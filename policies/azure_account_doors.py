"""Ways into an Azure media account besides its containers and role assignments, and rules that delete media.

Shared keys, long-lived SAS, SFTP local users, NFS v3, the static website (`$web` is always
anonymous), object replication and lifecycle deletes each reach the blobs of an account without
the media identity. Every resource naming an account is judged; one naming an account the program
does not declare (a literal name) is judged as private media, the safe default.
"""

from __future__ import annotations

import re
from typing import Any

from pulumi_policy import (
    EnforcementLevel,
    PolicyConfigSchema,
    ReportViolation,
    StackValidationArgs,
    StackValidationPolicy,
)

from .azure_identity import ROLE_GRANT_TYPES
from .azure_principals import media_scopes
from .azure_roles import Reach, role_guid, role_reach
from .azure_storage import ACCOUNT_TYPE
from .resources import APP_TAG, STACK_TAG, UNKNOWN, as_list, is_public, prop
from .stack_index import stack_index

LOCAL_USER_TYPE = "azure-native:storage:LocalUser"
STATIC_WEBSITE_TYPE = "azure-native:storage:StorageAccountStaticWebsite"
REPLICATION_TYPE = "azure-native:storage:ObjectReplicationPolicy"
LIFECYCLE_TYPE = "azure-native:storage:ManagementPolicy"

_UNDECLARED = "an account the program does not declare (judged as private media)"


def _label(account: Any) -> str:
    name = prop(account.props, "accountName")
    return f"storage account {account.name}" + (f" ({name})" if isinstance(name, str) else "")


def _private(account: Any | None) -> bool:
    """Whether an account (None: not declared by the program) is judged as private media."""
    return account is None or is_public(account.props) is False


def _account_of(args: StackValidationArgs, resource: Any, key: str = "accountName") -> tuple[bool, Any | None]:
    """(known, account): the account `resource` names through `key`; known is False while the name
    is unknown (a preview) and no dependency names a declared account, account is None for an
    account the program does not declare."""
    value = prop(resource.props, key)
    index = stack_index(args)
    found = index.linked(resource, key, (ACCOUNT_TYPE,), "accountName")
    if value is UNKNOWN:
        # `account.name` is unknown in a first preview, but the dependency already says which account.
        return found is not None, found
    if found is None and isinstance(value, str) and "/" in value:  # a resource id
        name = value.rstrip("/").rsplit("/", 1)[-1]
        found = index.candidates((ACCOUNT_TYPE,), "accountName").first_named(name)
    if found is None and index.derived("azure-account-names-unknown", lambda: _names_unknown(args)):
        return False, None  # it may name an account whose name is not known yet (a preview)
    return True, found


def _names_unknown(args: StackValidationArgs) -> bool:
    return any(prop(a.props, "accountName") is UNKNOWN for a in stack_index(args).of_types(ACCOUNT_TYPE))


def _where(args: StackValidationArgs, resource: Any) -> tuple[bool, Any | None, str]:
    known, account = _account_of(args, resource)
    return known, account, _label(account) if account is not None else _UNDECLARED


# --- shared key in identity mode ---------------------------------------------------------


def _data_role_grants(args: StackValidationArgs) -> dict[int, str]:
    """The accounts (by id()) a blob data role is assigned on, to the name of one such assignment."""
    scopes, grants = media_scopes(args), {}
    for assignment in stack_index(args).of_types(*ROLE_GRANT_TYPES):
        role, scope = prop(assignment.props, "roleDefinitionId"), prop(assignment.props, "scope")
        if not isinstance(role, str) or not isinstance(scope, str):
            continue
        if role_reach(role_guid(role)) in (Reach.BLOB_READ, Reach.BLOB_WRITE):
            for account in scopes.coverage(scope).accounts:
                grants.setdefault(id(account), assignment.name)
    return grants


def _owner(props: Any) -> tuple[Any, Any] | None:
    """The (app, stack) a resource is tagged with, or None without an app tag."""
    tags = prop(props, "tags", default={})
    if not isinstance(tags, dict) or APP_TAG not in tags:
        return None
    return tags[APP_TAG], tags.get(STACK_TAG)


def _identity_mode(args: StackValidationArgs, account: Any) -> str | None:
    """Why the app reaches `account` through Entra ID rather than keys, or None (key mode)."""
    index = stack_index(args)
    if prop(account.props, "defaultToOAuthAuthentication") is True:
        return "it defaults to Entra ID authentication"
    owners = index.derived(
        "azure-media-identity-owners", lambda: {_owner(i.props) for i in media_scopes(args).identities}
    )
    if _owner(account.props) in owners:
        return "its app has a managed identity (identity mode)"
    grant = index.derived("azure-data-role-grants", lambda: _data_role_grants(args)).get(id(account))
    return f"role assignment {grant} grants a blob data role on it" if grant else None


def _check_shared_key(args: StackValidationArgs, report: ReportViolation) -> None:
    for account in stack_index(args).of_types(ACCOUNT_TYPE):
        shared_key = prop(account.props, "allowSharedKeyAccess")
        if shared_key is False or shared_key is UNKNOWN:
            continue
        why = _identity_mode(args, account)
        if why:
            setting = "not set, which Azure takes as true" if shared_key is None else shared_key
            report(
                f"{_label(account).capitalize()} allows Shared Key access ({setting}) "
                f"although {why}: anyone who can list its keys (Contributor, Storage Account Contributor, "
                "a leaked connection string) reads and writes every blob; set allowSharedKeyAccess to false.",
                account.urn,
            )


identity_mode_no_shared_key = StackValidationPolicy(
    name="azure-identity-mode-no-shared-key",
    description=(
        "In identity mode (the account's app, by its media-storage:app and :stack tags, has a managed identity; "
        "the program grants a blob data role on the account; or the account defaults to Entra ID "
        "authentication) the account sets allowSharedKeyAccess to "
        "false: account keys and the SAS they sign are a second way in that no role assignment shows."
    ),
    enforcement_level=EnforcementLevel.MANDATORY,
    validate=_check_shared_key,
)


# --- account SAS expiry ------------------------------------------------------------------

_PERIOD = re.compile(r"^(?:(?P<days>\d+)\.)?(?P<hours>\d{1,2}):(?P<minutes>\d{2}):(?P<seconds>\d{2})(?:\.\d+)?$")


def sas_period_hours(period: str) -> float | None:
    """The hours of a SAS expiration period `DD.HH:MM:SS`; None if it is not one."""
    match = _PERIOD.fullmatch(period.strip())
    if match is None:
        return None
    days = int(match.group("days") or 0)
    return days * 24 + int(match.group("hours")) + int(match.group("minutes")) / 60 + int(match.group("seconds")) / 3600


def _check_sas_policy(args: StackValidationArgs, report: ReportViolation) -> None:
    maximum = int(args.get_config().get("maximumSasExpirationHours", 24))
    for account in stack_index(args).of_types(ACCOUNT_TYPE):
        if is_public(account.props) is not False:
            continue
        period = prop(account.props, "sasPolicy", "sasExpirationPeriod")
        if period is None or period is UNKNOWN:
            continue
        hours = sas_period_hours(str(period))
        longest = f"{maximum // 24:d}.{maximum % 24:02d}:00:00"
        if hours is None:
            report(
                f"{_label(account).capitalize()} is private but its sasPolicy period {period!r} is not Azure's "
                f"DD.HH:MM:SS, so the pack cannot tell how long SAS links live; write it as at most {longest}.",
                account.urn,
            )
        elif hours > maximum:
            report(
                f"{_label(account).capitalize()} is private but its sasPolicy lets SAS links live "
                f"{period!r} (DD.HH:MM:SS), longer than maximumSasExpirationHours ({maximum}): a leaked "
                f"link exposes private media that long; set sasExpirationPeriod to at most {longest} with "
                "expirationAction Block.",
                account.urn,
            )
        elif str(prop(account.props, "sasPolicy", "expirationAction", default="Log")).lower() != "block":
            report(
                f"{_label(account).capitalize()} is private but its sasPolicy only logs SAS links that outlive "
                f"{period!r}: set expirationAction to Block so longer links are refused.",
                account.urn,
            )


sas_expiry_bounded = StackValidationPolicy(
    name="azure-private-account-sas-expiry",
    description=(
        "A private media account's sasPolicy (when set) must refuse (expirationAction Block) SAS links that "
        "live longer than maximumSasExpirationHours (default 24): a leaked link is a door to private media "
        "until it expires."
    ),
    enforcement_level=EnforcementLevel.MANDATORY,
    config_schema=PolicyConfigSchema(
        properties={
            "maximumSasExpirationHours": {
                "type": "integer",
                "minimum": 1,
                "maximum": 8760,
                "default": 24,
                "description": "Longest SAS lifetime a private account's sasPolicy may allow, in hours.",
            }
        }
    ),
    validate=_check_sas_policy,
)


# --- SFTP, local users, NFS v3 -----------------------------------------------------------


def _check_file_protocols(args: StackValidationArgs, report: ReportViolation) -> None:
    index = stack_index(args)
    for account in index.of_types(ACCOUNT_TYPE):
        if is_public(account.props) is not False:
            continue
        for key, what in (
            ("isSftpEnabled", "SFTP (isSftpEnabled), which local users sign in to with passwords or SSH keys"),
            ("enableNfsV3", "NFS v3 (enableNfsV3), which authorizes by network alone"),
        ):
            if prop(account.props, key) is True:
                report(f"{_label(account).capitalize()} is private but enables {what}; turn it off.", account.urn)
    for user in index.of_types(LOCAL_USER_TYPE):
        known, account, where = _where(args, user)
        if known and _private(account):
            report(
                f"Local user {user.name} signs in to {where} with its own password, SSH or shared key "
                "(SFTP/NFS), outside Entra ID and role assignments; remove it from private media.",
                user.urn,
            )


private_account_no_file_protocols = StackValidationPolicy(
    name="azure-private-account-no-sftp-nfs",
    description=(
        "A private media account must not enable SFTP (isSftpEnabled) or NFS v3 (enableNfsV3), nor have local "
        "users (storage.LocalUser): they reach the blobs with their own passwords and keys, or by network "
        "alone, past every role assignment."
    ),
    enforcement_level=EnforcementLevel.MANDATORY,
    validate=_check_file_protocols,
)


# --- static website ----------------------------------------------------------------------


def _check_static_website(args: StackValidationArgs, report: ReportViolation) -> None:
    for website in stack_index(args).of_types(STATIC_WEBSITE_TYPE):
        known, account, where = _where(args, website)
        if known and _private(account):
            report(
                f"Static website {website.name} on {where}: its $web container is readable by anyone, "
                "whatever allowBlobPublicAccess says; host the site on a separate, public account.",
                website.urn,
            )


private_account_no_static_website = StackValidationPolicy(
    name="azure-private-account-no-static-website",
    description=(
        "No static website (storage.StorageAccountStaticWebsite) on a private media account: its $web "
        "container is served anonymously, whatever the account's public access settings."
    ),
    enforcement_level=EnforcementLevel.MANDATORY,
    validate=_check_static_website,
)


# --- object replication ------------------------------------------------------------------


def _check_replication(args: StackValidationArgs, report: ReportViolation) -> None:
    _check_diagnostic_settings(args, report)
    for account in stack_index(args).of_types(ACCOUNT_TYPE):
        if is_public(account.props) is False and prop(account.props, "allowCrossTenantReplication") is True:
            report(
                f"{_label(account).capitalize()} is private but allows object replication to other tenants "
                "(allowCrossTenantReplication); set it to false.",
                account.urn,
            )
    for policy in stack_index(args).of_types(REPLICATION_TYPE):
        source_known, source = _account_of(args, policy, "sourceAccount")
        target_known, target = _account_of(args, policy, "destinationAccount")
        if not (source_known and target_known):
            continue
        source_name = prop(
            source.props if source is not None else policy.props, "accountName" if source else "sourceAccount"
        )
        source_private = source is not None and is_public(source.props) is False
        if source is None:  # the source is judged as private only where this policy is set on it
            _, holder = _account_of(args, policy)
            source_private = holder is None
        if not source_private:
            continue
        if target is None:
            report(
                f"Object replication {policy.name} copies private media of {source_name!r} to "
                f"{prop(policy.props, 'destinationAccount')!r}, an account the program does not declare; "
                "replicate only to a private account of the program.",
                policy.urn,
            )
        elif is_public(target.props) is not False:
            report(
                f"Object replication {policy.name} copies private media to {_label(target)}, which is public; "
                "replicate only to a private account.",
                policy.urn,
            )


replication_within_program = StackValidationPolicy(
    name="azure-private-replication-within-program",
    description=(
        "Object replication (storage.ObjectReplicationPolicy) may copy a private media account only to a private "
        "account the program declares, and a private account must not allow cross-tenant replication: a copy "
        "elsewhere is outside every policy of the pack. Its request logs (monitor.DiagnosticSetting) likewise "
        "stay in a private account, workspace or event hub of the program, and go to no marketplace partner."
    ),
    enforcement_level=EnforcementLevel.MANDATORY,
    validate=_check_replication,
)


# --- request logs outside the program ---------------------------------------------------

DIAGNOSTIC_SETTING_TYPE = "azure-native:monitor:DiagnosticSetting"
_NAMED_ACCOUNT = re.compile(r"/providers/Microsoft\.Storage/storageAccounts/(?P<name>[^/]+)", re.IGNORECASE)


def _account_by_id(args: StackValidationArgs, resource: Any, key: str) -> tuple[bool, Any | None, Any]:
    """(names an account, the account or None if not declared, the value) of an ARM id input `key`;
    known by dependency in a first preview."""
    value = prop(resource.props, key)
    index = stack_index(args)
    accounts = [d for d in resource.property_dependencies.get(key, []) if d.resource_type == ACCOUNT_TYPE]
    if accounts:
        return True, accounts[0], value
    match = _NAMED_ACCOUNT.search(value) if isinstance(value, str) else None
    if match is None:
        return False, None, value
    found = index.candidates((ACCOUNT_TYPE,), "accountName").first_named(match.group("name").lower())
    if found is None and index.derived("azure-account-names-unknown", lambda: _names_unknown(args)):
        return False, None, value  # it may name an account whose name is not known yet (a preview)
    return True, found, value


LOG_SINKS = {
    "workspaceId": ("azure-native:operationalinsights:Workspace", "workspaceName", "/workspaces/", "workspace"),
    "eventHubAuthorizationRuleId": ("azure-native:eventhub:Namespace", "namespaceName", "/namespaces/", "event hub"),
}
"""Diagnostic setting inputs that name a log sink: the resource type of the program that may hold it, its
name input, the id segment before its name, and what to call it."""


def _foreign_log_sinks(args: StackValidationArgs, setting: Any) -> list[str]:
    """The workspaces and event hubs a diagnostic setting sends logs to that the program does not create."""
    foreign = []
    for key, (type_, name_key, segment, what) in LOG_SINKS.items():
        value = prop(setting.props, key)
        if not isinstance(value, str) or segment not in value.lower():
            continue  # unset, unknown (a preview), or not an id the pack reads
        depends = setting.property_dependencies.get(key, [])
        if any(d.resource_type.startswith(type_.rsplit(":", 1)[0]) for d in depends):
            continue  # computed from a resource of the program
        name = value.lower().split(segment, 1)[1].split("/", 1)[0]
        names = {prop(r.props, name_key) for r in stack_index(args).of_types(type_)}
        if UNKNOWN in names or name in {n.lower() for n in names if isinstance(n, str)}:
            continue
        foreign.append(f"the {what} {value}")
    return foreign


def _check_diagnostic_settings(args: StackValidationArgs, report: ReportViolation) -> None:
    for setting in stack_index(args).of_types(DIAGNOSTIC_SETTING_TYPE):
        logs = prop(setting.props, "logs", default=[])
        if logs is UNKNOWN or not any(
            isinstance(log, dict) and log.get("enabled") is not False for log in as_list(logs)
        ):
            continue  # metrics carry no blob names or callers
        names_account, source, _ = _account_by_id(args, setting, "resourceUri")
        if not names_account or not _private(source):
            continue
        where = _label(source) if source is not None else _UNDECLARED
        partner = prop(setting.props, "marketplacePartnerId")
        if isinstance(partner, str) and partner:
            report(
                f"Diagnostic setting {setting.name} sends the request logs of {where} (blob names, callers, SAS "
                f"requests) to the marketplace partner {partner}, outside the program; keep them in a private account "
                "or workspace of the program.",
                setting.urn,
            )
        for sink in _foreign_log_sinks(args, setting):
            report(
                f"Diagnostic setting {setting.name} sends the request logs of {where} (blob names, callers) to {sink}, "
                "which the program does not create; send them to a workspace or event hub the program declares.",
                setting.urn,
            )
        names_target, target, value = _account_by_id(args, setting, "storageAccountId")
        if value is UNKNOWN and target is None:
            continue
        if names_target and target is None:
            report(
                f"Diagnostic setting {setting.name} archives the request logs of {where} in {value}, an account the "
                "program does not declare; archive them in a private account of the program.",
                setting.urn,
            )
        elif target is not None and is_public(target.props) is not False:
            report(
                f"Diagnostic setting {setting.name} archives the request logs of {where} in {_label(target)}, which "
                "is public; archive them in a private account of the program.",
                setting.urn,
            )


# --- customer-managed keys outside the program ------------------------------------------

ENCRYPTION_SCOPE_TYPE = "azure-native:storage:EncryptionScope"
KEY_VAULT_TYPES = {"azure-native:keyvault:Vault": "vaultName", "azure-native:keyvault:ManagedHsm": "name"}
_KEY_HOST = re.compile(r"^https://(?P<name>[^./]+)\.(?:vault|managedhsm)\.[^/]+(?:/.*)?$", re.IGNORECASE)


def _own_vaults(args: StackValidationArgs) -> set[Any]:
    """The lowercase names of the key vaults and managed HSMs the program creates (UNKNOWN among them
    while a name is not known yet)."""
    names = set()
    for type_, key in KEY_VAULT_TYPES.items():
        for vault in stack_index(args).of_types(type_):
            name = prop(vault.props, key)
            names.add(name.lower() if isinstance(name, str) else UNKNOWN)
    return names


def _foreign_key(args: StackValidationArgs, resource: Any, uri: Any, allowed: set[str]) -> str | None:
    """Why a key URI names a key the program does not hold, or None (its own vault, allowlisted, unknown)."""
    if uri is UNKNOWN or uri is None:
        return None
    if any(d.resource_type in KEY_VAULT_TYPES for d in resource.property_dependencies.get("encryption", [])) or any(
        d.resource_type in KEY_VAULT_TYPES for d in resource.property_dependencies.get("keyVaultProperties", [])
    ):
        return None  # computed from a vault of the program (vault.properties.vault_uri)
    match = _KEY_HOST.fullmatch(str(uri).strip())
    if match is None:
        return f"key URI {uri!r} is not a Key Vault or managed HSM URL the pack can read"
    vault = match.group("name").lower()
    if vault in allowed:
        return None
    own = stack_index(args).derived("azure-own-key-vaults", lambda: _own_vaults(args))
    if vault in own or UNKNOWN in own:
        return None
    return f"key vault {vault!r} ({uri}) is not one the program creates"


def _check_encryption_keys(args: StackValidationArgs, report: ReportViolation) -> None:
    allowed = {v.lower() for v in args.get_config().get("allowedKeyVaults", [])}
    fix = (
        "whoever holds that key can make the media unreadable (revoke it) and the pack cannot judge who reads it; "
        "use Microsoft-managed keys or a key in a vault the program creates, or list the vault's name in "
        "allowedKeyVaults of azure-encryption-key-own-vault if it is yours"
    )
    for account in stack_index(args).of_types(ACCOUNT_TYPE):
        if is_public(account.props) is not False:
            continue
        # Each part read on its own: an identity id unknown in a first preview leaves the key judged.
        source = prop(account.props, "encryption", "keySource")
        if not isinstance(source, str) or source.lower() != "microsoft.keyvault":
            continue
        tenant = prop(account.props, "encryption", "encryptionIdentity", "encryptionFederatedIdentityClientId")
        if isinstance(tenant, str) and tenant:
            vault_uri = prop(account.props, "encryption", "keyVaultProperties", "keyVaultUri")
            match = _KEY_HOST.fullmatch(str(vault_uri or "").strip())
            if match is None or match.group("name").lower() not in allowed:
                report(
                    f"{_label(account).capitalize()} is private but encrypts with a key of another tenant "
                    f"(encryptionFederatedIdentityClientId {tenant}): {fix}.",
                    account.urn,
                )
                continue
        problem = _foreign_key(
            args, account, prop(account.props, "encryption", "keyVaultProperties", "keyVaultUri"), allowed
        )
        if problem:
            report(f"{_label(account).capitalize()} is private but its customer-managed {problem}: {fix}.", account.urn)
    for scope in stack_index(args).of_types(ENCRYPTION_SCOPE_TYPE):
        if str(prop(scope.props, "source", default="")).lower() != "microsoft.keyvault":
            continue
        known, account, where = _where(args, scope)
        if not known or not _private(account):
            continue
        problem = _foreign_key(args, scope, prop(scope.props, "keyVaultProperties", "keyUri"), allowed)
        if problem:
            report(f"Encryption scope {scope.name} on {where}: its {problem}: {fix}.", scope.urn)


encryption_key_own_vault = StackValidationPolicy(
    name="azure-encryption-key-own-vault",
    description=(
        "A private media account (storage.StorageAccount encryption, storage.EncryptionScope) may use a "
        "customer-managed key only from a Key Vault or managed HSM the program creates (or one listed in "
        "allowedKeyVaults), never a key of another tenant (encryptionFederatedIdentityClientId): the key's "
        "holder can lock the media away."
    ),
    enforcement_level=EnforcementLevel.MANDATORY,
    config_schema=PolicyConfigSchema(
        properties={
            "allowedKeyVaults": {
                "type": "array",
                "items": {"type": "string", "pattern": "^[A-Za-z0-9-]{3,24}$"},
                "default": [],
                "description": "Names of key vaults (or managed HSMs) the program does not create that hold your keys.",
            }
        }
    ),
    validate=_check_encryption_keys,
)


# --- lifecycle rules that delete private media -------------------------------------------

_DELETE_AGES = {
    "baseBlob": (
        "current blobs",
        ("daysAfterModificationGreaterThan", "daysAfterCreationGreaterThan", "daysAfterLastAccessTimeGreaterThan"),
    ),
    "version": ("previous versions", ("daysAfterCreationGreaterThan", "daysAfterLastTierChangeGreaterThan")),
    "snapshot": ("snapshots", ("daysAfterCreationGreaterThan", "daysAfterLastTierChangeGreaterThan")),
}


_AGE_WORDS = {
    "daysAfterModificationGreaterThan": "their last modification",
    "daysAfterCreationGreaterThan": "their creation",
    "daysAfterLastAccessTimeGreaterThan": "their last access",
    "daysAfterLastTierChangeGreaterThan": "their last tier change",
}


def _shown(days: Any) -> Any:
    return int(days) if isinstance(days, float) and days.is_integer() else days


def _days(value: Any) -> float | None:
    """A rule's day count: a number, or a numeric string (which ARM reads as one); None for anything
    else (the pack cannot tell when the rule deletes)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return value
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _temporary(rule: Any, prefixes: list[str]) -> bool:
    """Whether a rule applies only under temporary prefixes (`<container>/<prefix>...` every one)."""
    matches = as_list(prop(rule, "definition", "filters", "prefixMatch"))
    blobs = [m.split("/", 1)[1] if isinstance(m, str) and "/" in m else "" for m in matches]
    return bool(blobs) and all(any(b.startswith(p) for p in prefixes) and b for b in blobs)


def _rule_problems(rule: Any, minimum: int, prefixes: list[str]) -> list[str]:
    if not isinstance(rule, dict) or rule.get("enabled") is False or _temporary(rule, prefixes):
        return []
    problems = []
    actions = prop(rule, "definition", "actions", default={}) or {}
    for target, (what, ages) in _DELETE_AGES.items():
        delete = prop(actions, target, "delete")
        if not isinstance(delete, dict):
            continue
        for age in ages:
            if delete.get(age) is None:
                continue
            days = _days(delete.get(age))
            if days is None:
                problems.append(f"deletes {what} after {delete.get(age)!r} ({age}), which is not a number of days")
            elif days < minimum:
                problems.append(f"deletes {what} {_shown(days)} day(s) after {_AGE_WORDS[age]} ({age})")
    return problems


def _check_lifecycle_deletes(args: StackValidationArgs, report: ReportViolation) -> None:
    config = args.get_config()
    minimum = int(config.get("minimumDays", 30))
    prefixes = list(config.get("temporaryPrefixes", ["tmp/"]))
    for policy in stack_index(args).of_types(LIFECYCLE_TYPE):
        known, account, where = _where(args, policy)
        rules = prop(policy.props, "policy", "rules", default=[])
        if not known or not _private(account) or rules is UNKNOWN:
            continue
        for rule in as_list(rules):
            for problem in _rule_problems(rule, minimum, prefixes):
                name = rule.get("name") if isinstance(rule, dict) else None
                report(
                    f"Lifecycle rule {name!r} of {policy.name} on {where} {problem}, sooner than minimumDays "
                    f"({minimum}): private media would be lost; delete after at least {minimum} days, or limit "
                    f"the rule to a temporary prefix (temporaryPrefixes: {', '.join(prefixes) or 'none'}).",
                    policy.urn,
                )


STORAGE_TASK_ASSIGNMENT_TYPE = "azure-native:storage:StorageTaskAssignment"
STORAGE_TASK_TYPE = "azure-native:storageactions:StorageTask"
_LOSS_OPERATIONS = {"deleteblob": "DeleteBlob", "setblobexpiry": "SetBlobExpiry"}


def _task_problem(args: StackValidationArgs, assignment: Any) -> str | None:
    """What a storage task assignment does to the blobs of its account that loses them, or None."""
    task_id = prop(assignment.props, "properties", "taskId")
    tasks = [d for d in assignment.property_dependencies.get("properties", []) if d.resource_type == STORAGE_TASK_TYPE]
    if not tasks and isinstance(task_id, str):
        named = stack_index(args).candidates((STORAGE_TASK_TYPE,), "storageTaskName")
        tasks = [t for t in [named.first_named(task_id.rstrip("/").rsplit("/", 1)[-1])] if t is not None]
    if not tasks:
        if task_id is UNKNOWN or task_id is None:
            return None
        return f"runs storage task {task_id}, which the program does not declare, so the pack cannot tell what it does"
    action = prop(tasks[0].props, "action")
    if action is UNKNOWN:
        return None
    operations = as_list(prop(action, "if", "operations")) + as_list(prop(action, "else", "operations"))
    names = {str(o.get("name")).lower() for o in operations if isinstance(o, dict)}
    found = [shown for key, shown in _LOSS_OPERATIONS.items() if key in names]
    return f"runs storage task {tasks[0].name}, which deletes blobs ({', '.join(found)})" if found else None


def _check_storage_tasks(args: StackValidationArgs, report: ReportViolation) -> None:
    for assignment in stack_index(args).of_types(STORAGE_TASK_ASSIGNMENT_TYPE):
        known, account, where = _where(args, assignment)
        if not known or not _private(account):
            continue
        problem = _task_problem(args, assignment)
        if problem:
            report(
                f"Storage task assignment {assignment.name} on {where} {problem}: the pack cannot hold a task's "
                "conditions to minimumDays or temporary prefixes; delete private media with a lifecycle rule "
                "(storage.ManagementPolicy) instead.",
                assignment.urn,
            )


def _check_data_loss(args: StackValidationArgs, report: ReportViolation) -> None:
    _check_lifecycle_deletes(args, report)
    _check_storage_tasks(args, report)


lifecycle_keeps_private_media = StackValidationPolicy(
    name="azure-lifecycle-keeps-private-media",
    description=(
        "A lifecycle management rule on a private media account may delete current blobs, previous versions or "
        "snapshots only after at least minimumDays (default 30), unless every prefix it matches is under a "
        "temporary prefix (temporaryPrefixes, default tmp/, as <container>/tmp/); no storage task (Azure Storage "
        "Actions) assigned to a private account may delete blobs (DeleteBlob, SetBlobExpiry) or be one the "
        "program does not declare."
    ),
    enforcement_level=EnforcementLevel.MANDATORY,
    config_schema=PolicyConfigSchema(
        properties={
            "minimumDays": {
                "type": "integer",
                "minimum": 1,
                "maximum": 36500,
                "default": 30,
                "description": "Fewest days before a rule may delete private media, its versions or snapshots.",
            },
            "temporaryPrefixes": {
                "type": "array",
                "items": {"type": "string", "pattern": "^[^/*?][^*?]*/$"},
                "default": ["tmp/"],
                "description": "Blob prefixes (within a container, ending in /) whose blobs may expire sooner.",
            },
        }
    ),
    validate=_check_data_loss,
)

POLICIES = [
    identity_mode_no_shared_key,
    sas_expiry_bounded,
    private_account_no_file_protocols,
    private_account_no_static_website,
    replication_within_program,
    lifecycle_keeps_private_media,
    encryption_key_own_vault,
]
