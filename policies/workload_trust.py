"""Who may act as the media app without keys: IAM role trusts (EKS Pod Identity, OIDC/IRSA) and
Azure federated identity credentials (AKS workload identity).

A keyless trust is only as narrow as its conditions: a Pod Identity trust without the account
pin, an OIDC trust without an exact subject and audience, or a federated credential for an
issuer nobody vetted lets other workloads act as the app. Every role and every federated
credential in the program is judged; unknown values (a preview) are skipped, never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from fnmatch import fnmatchcase
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

from .aws_accounts import ALLOWED_PRINCIPALS_SCHEMA, TRUSTED_ACCOUNTS_SCHEMA, own_accounts, undeclared_principals
from .aws_iam import role_reaches_media
from .aws_statements import account_of, principals
from .resources import UNKNOWN, as_list, for_types, json_document, prop, statements, unreadable
from .stack_index import linked, stack_index

ROLE_TYPE = "aws:iam/role:Role"
FEDERATED_CREDENTIAL_TYPE = "azure-native:managedidentity:FederatedIdentityCredential"

EKS_PODS_SERVICE = "pods.eks.amazonaws.com"
AKS_TOKEN_AUDIENCE = "api://AzureADTokenExchange"  # noqa: S105 -- an audience
POD_IDENTITY_TAGS = ("aws:requesttag/kubernetes-namespace", "aws:requesttag/kubernetes-service-account")
# Operators that hold a key to the listed values; a `*Like` value without wildcards is exact.
_EXACT_OPERATORS = {"stringequals", "stringequalsignorecase", "stringlike", "arnequals", "arnlike"}
_ACCOUNT_ID = re.compile(r"^\d{12}$")
_ARN_WITH_ACCOUNT = re.compile(r"^arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:\d{12}:\S+$")


def exact_conditions(conditions: Any) -> dict[str, list[str]]:
    """Condition keys (lowercased) that the statement holds to exact values, with those values.

    Only plain restricting operators count: negations, `...IfExists` and `ForAllValues:` are
    true when the key is absent, so they pin nothing; a value with `*`, `?` or a policy variable
    (`${...}`, which may compare the key with itself) is not exact.
    """
    found: dict[str, list[str]] = {}
    if not isinstance(conditions, dict):
        return found
    for operator, clauses in conditions.items():
        if not isinstance(operator, str) or not isinstance(clauses, dict):
            continue
        qualifier, _, name = operator.lower().rpartition(":")
        if qualifier == "forallvalues" or name not in _EXACT_OPERATORS:
            continue
        for key, value in clauses.items():
            values = as_list(value)
            if (
                isinstance(key, str)
                and values
                and all(isinstance(v, str) and v and not re.search(r"[*?]|\$\{", v) for v in values)
            ):
                found.setdefault(key.lower(), []).extend(values)
    return found


def _allow_statements(props: Any) -> Iterator[dict[str, Any]]:
    document = json_document(prop(props, "assumeRolePolicy"))
    if document is None:
        return  # unknown until applied (a preview), or not a document AWS would accept
    for statement in statements(document):
        if statement.get("Effect") == "Allow":
            yield statement


def _principal_values(statement: dict[str, Any], kind: str) -> list[Any]:
    principal = statement.get("Principal")
    if principal == "*":
        return ["*"]
    if isinstance(principal, dict):
        return as_list(principal.get(kind))
    return []


def _pins_account(pinned: dict[str, list[str]]) -> bool:
    accounts = pinned.get("aws:sourceaccount", [])
    arns = pinned.get("aws:sourcearn", [])
    return (
        bool(accounts or arns)
        and all(_ACCOUNT_ID.match(v) for v in accounts)
        and all(_ARN_WITH_ACCOUNT.match(v) for v in arns)
    )


def _check_pod_identity_trust(args: ResourceValidationArgs, report: ReportViolation) -> None:
    for statement in _allow_statements(args.props):
        services = [s.lower() if isinstance(s, str) else s for s in _principal_values(statement, "Service")]
        if EKS_PODS_SERVICE not in services:
            continue
        sid = statement.get("Sid") or "(no Sid)"
        pinned = exact_conditions(statement.get("Condition"))
        if not _pins_account(pinned):
            report(
                f"{args.name}: statement {sid} lets EKS Pod Identity assume the role for any account; "
                "add StringEquals aws:SourceAccount with this account's id."
            )
        missing = [tag.split("/", 1)[1] for tag in POD_IDENTITY_TAGS if tag not in pinned]
        if missing:
            report(
                f"{args.name}: statement {sid} does not pin the session tag(s) {', '.join(missing)}: any "
                "service account of the account's clusters could get the role; add StringEquals "
                "aws:RequestTag/<tag> with exact values."
            )


# Web identity providers a trust names without an ARN, and the condition keys (`<provider>:<key>`)
# that must hold a token to the app (its audience) and to its users; any other such provider
# needs `:aud` and `:sub`. A Cognito identity pool also hands its role to unauthenticated
# identities unless `:amr` is held to "authenticated".
WEB_IDENTITY_PINS = {
    "cognito-identity.amazonaws.com": ("aud", "amr"),
    "accounts.google.com": ("aud", "sub"),
    "graph.facebook.com": ("app_id", "id"),
    "www.amazon.com": ("app_id", "user_id"),
}


def _may_assume_with_web_identity(statement: dict[str, Any]) -> bool:
    """Whether an Allow statement may grant sts:AssumeRoleWithWebIdentity (by name, pattern or NotAction)."""
    return "NotAction" in statement or any(
        not isinstance(action, str) or fnmatchcase("sts:assumerolewithwebidentity", action.lower())
        for action in as_list(statement.get("Action"))
    )


def _check_oidc_trust(args: ResourceValidationArgs, report: ReportViolation) -> None:
    for statement in _allow_statements(args.props):
        providers = [p for p in _principal_values(statement, "Federated") if isinstance(p, str)]
        oidc = [p for p in providers if ":oidc-provider/" in p]
        web = [p for p in providers if not p.startswith("arn:")]
        if not (oidc or web) or not _may_assume_with_web_identity(statement):
            continue
        sid = statement.get("Sid") or "(no Sid)"
        pinned = exact_conditions(statement.get("Condition"))
        for provider in oidc:
            issuer = provider.split(":oidc-provider/", 1)[1].lower()
            if f"{issuer}:sub" not in pinned:
                report(
                    f"{args.name}: statement {sid} lets {issuer} vouch for any subject (no exact {issuer}:sub, "
                    "or a wildcard); list the exact service accounts with StringEquals."
                )
            if f"{issuer}:aud" not in pinned:
                report(
                    f"{args.name}: statement {sid} accepts tokens from {issuer} for any audience; add "
                    f"StringEquals {issuer}:aud (sts.amazonaws.com on EKS)."
                )
        for provider in web:
            _check_web_identity_pins(args.name, sid, provider.lower(), pinned, report)


def _check_web_identity_pins(
    name: str, sid: str, provider: str, pinned: dict[str, list[str]], report: ReportViolation
) -> None:
    """A trust of a web identity provider named without an ARN (Cognito, Google, Facebook, Amazon)."""
    for key in WEB_IDENTITY_PINS.get(provider, ("aud", "sub")):
        values = pinned.get(f"{provider}:{key}")
        if key == "amr" and values is not None and {v.lower() for v in values} != {"authenticated"}:
            report(
                f"{name}: statement {sid} lets {provider} hand the role to identities {values!r} (unauthenticated "
                f'guests included); hold {provider}:amr to "authenticated" only.'
            )
        elif values is None:
            report(
                f"{name}: statement {sid} lets {provider} vouch for any token (no exact {provider}:{key}): anyone "
                f"who signs in there may assume the role; add StringEquals {provider}:{key} with your app's value."
            )


def _check_federated_credential(args: ResourceValidationArgs, report: ReportViolation) -> None:
    config = args.get_config()
    issuers = set(config.get("allowedIssuers", []))
    subjects = set(config.get("allowedSubjects", []))
    issuer, subject = prop(args.props, "issuer"), prop(args.props, "subject")
    audiences = prop(args.props, "audiences", default=[])
    if issuer is not UNKNOWN and issuer not in issuers:
        report(
            f"{args.name}: issuer {issuer!r} is not in allowedIssuers: its tokens would act as the identity. "
            "Add the cluster's OIDC issuer URL to the policy config if it is yours."
        )
    if subject is not UNKNOWN and subject not in subjects:
        report(
            f"{args.name}: subject {subject!r} is not in allowedSubjects. Add the exact "
            "system:serviceaccount:<namespace>:<name> to the policy config if it is the app's."
        )
    if audiences is not UNKNOWN and as_list(audiences) != [AKS_TOKEN_AUDIENCE]:
        report(f"{args.name}: audiences {audiences!r} must be exactly [{AKS_TOKEN_AUDIENCE!r}].")


pod_identity_trust_pinned = ResourceValidationPolicy(
    name="iam-pod-identity-trust-pinned",
    description=(
        "An IAM role trusting EKS Pod Identity (pods.eks.amazonaws.com) must pin aws:SourceAccount "
        "(or aws:SourceArn) and the session tags kubernetes-namespace and kubernetes-service-account to "
        "exact values with StringEquals, so only the app's service accounts of this account get the role."
    ),
    enforcement_level=EnforcementLevel.MANDATORY,
    validate=for_types((ROLE_TYPE,), _check_pod_identity_trust),
)

oidc_trust_exact = ResourceValidationPolicy(
    name="iam-oidc-trust-exact",
    description=(
        "An IAM role trusting an OIDC provider (EKS IRSA, CI) must hold <issuer>:sub to exact subjects "
        "(no wildcard, no missing condition) and <issuer>:aud to an exact audience with StringEquals; "
        "a web identity provider named without an ARN (Cognito, Google, Facebook, Amazon) its audience "
        "or app id and its users (Cognito: :aud and :amr = authenticated); otherwise any workload or "
        "user the issuer vouches for can assume it."
    ),
    enforcement_level=EnforcementLevel.MANDATORY,
    validate=for_types((ROLE_TYPE,), _check_oidc_trust),
)

federated_credential_allowlisted = ResourceValidationPolicy(
    name="azure-federated-credential-allowlisted",
    description=(
        "A federated identity credential must name an issuer listed in allowedIssuers and a subject listed "
        "in allowedSubjects (both empty by default: commit the stack's allowlists as its policy config), "
        "with the audience api://AzureADTokenExchange only."
    ),
    enforcement_level=EnforcementLevel.MANDATORY,
    validate=for_types((FEDERATED_CREDENTIAL_TYPE,), _check_federated_credential),
    config_schema=PolicyConfigSchema(
        properties={
            "allowedIssuers": {
                "type": "array",
                # Entra compares issuer and subject exactly: a wildcard here would trust nothing it seems to.
                "items": {"type": "string", "pattern": "^https://[^\\s*?]+$"},
                "default": [],
                "description": "OIDC issuer URLs (e.g. AKS clusters' oidcIssuerProfile.issuerUrl) that may be trusted.",
            },
            "allowedSubjects": {
                "type": "array",
                "items": {"type": "string", "pattern": "^[^\\s*?]+$"},
                "default": [],
                "description": "Exact subjects that may be trusted, e.g. system:serviceaccount:shop:web.",
            },
        }
    ),
)


def _may_assume(statement: dict[str, Any]) -> bool:
    """Whether an Allow statement of a trust policy may grant an sts:AssumeRole* action."""
    if "NotAction" in statement:
        return True
    return any(
        not isinstance(action, str)
        or fnmatchcase("sts:assumerole", action.lower())
        or fnmatchcase("sts:assumerolewithwebidentity", action.lower())
        or fnmatchcase("sts:assumerolewithsaml", action.lower())
        for action in as_list(statement.get("Action"))
    )


def _pinned_accounts(pinned: dict[str, list[str]]) -> set[str]:
    """The accounts exact account conditions hold the caller (or the service's source) to."""
    values = [v for key in ("aws:sourceaccount", "aws:principalaccount") for v in pinned.get(key, [])]
    values += [v for key in ("aws:sourcearn", "aws:principalarn") for v in pinned.get(key, [])]
    return {account_of(v) for v in values}


_OWN_FIX = "list it in trustedAccounts (or the provider's allowedAccountIds) if it is yours"


def _named_principal_problems(kind: str, value: Any, pinned: set[str], own: set[str]) -> list[str]:
    """What one named principal (`kind`: AWS, Service, Federated) of a trust lets in."""
    foreign_pins = ", ".join(sorted(pinned - own))
    if kind == "AWS" and account_of(value) not in own:
        return [
            f"lets AWS principal {value} (account {account_of(value)}) assume it, which is not one of the "
            f"program's own accounts; remove it, or {_OWN_FIX}"
        ]
    if kind == "Service" and not pinned and str(value).lower() != EKS_PODS_SERVICE:
        # (iam-pod-identity-trust-pinned reports an unpinned pods.eks.amazonaws.com)
        return [
            f"lets the service {value} assume it on behalf of any account; add StringEquals aws:SourceAccount "
            "with this account's id"
        ]
    if kind == "Service" and foreign_pins:
        return [
            f"lets the service {value} assume it on behalf of account(s) {foreign_pins}, not the program's own; "
            f"pin aws:SourceAccount to this account, or {_OWN_FIX}"
        ]
    if kind == "Federated" and str(value).startswith("arn:") and account_of(value) not in own:
        return [
            f"trusts the identity provider {value} of account {account_of(value)}, not the program's own; trust "
            f"this account's provider, or {_OWN_FIX}"
        ]
    return []


def _trust_problems(statement: dict[str, Any], own: set[str], undeclared: list[tuple[str, str]] = ()) -> list[str]:
    """What in one Allow statement of a trust policy lets in someone the program does not own."""
    principal = statement.get("Principal")
    pinned = _pinned_accounts(exact_conditions(statement.get("Condition")))
    everyone = "NotPrincipal" in statement or principal == "*"
    problems = []
    if isinstance(principal, dict):
        for kind, values in principal.items():
            for value in as_list(values):
                if kind == "AWS" and value == "*":
                    everyone = True
                else:
                    problems += _named_principal_problems(kind, value, pinned, own)
    elif principal is not None and principal != "*":
        problems.append(f"names the principal {principal!r}, which the pack cannot read; name principals by kind")
    if everyone and not pinned:
        problems.append(
            'lets anyone ("*") assume it: no condition pins an account (aws:PrincipalOrgID or '
            "aws:SourceVpce pin none); name principals the program creates, or pin aws:PrincipalArn to their "
            "exact ARNs"
        )
    elif everyone and pinned - own:
        foreign = ", ".join(sorted(pinned - own))
        problems.append(f'lets "*" assume it, pinned to account(s) {foreign}, not the program\'s own; {_OWN_FIX}')
    problems += [f"lets {subject} assume it: {fix}" for subject, fix in undeclared]
    return problems


LAMBDA_FUNCTION_TYPE = "aws:lambda/function:Function"


def _report_public_functions(args: StackValidationArgs, report: ReportViolation) -> None:
    """Lambda functions that run as a role reaching media and that anyone may invoke (a function URL
    without auth, or a permission for "*" or a function URL principal): they proxy the media to the world."""
    index = stack_index(args)
    functions = index.candidates((LAMBDA_FUNCTION_TYPE,), "name")
    roles = index.candidates((ROLE_TYPE,), "arn")
    open_to: dict[int, list[str]] = {}
    for url in index.of_types("aws:lambda/functionUrl:FunctionUrl"):
        function = linked(url, "functionName", functions)
        if function is not None and prop(url.props, "authorizationType") == "NONE":
            open_to.setdefault(id(function), []).append(f"{url.name} (a function URL with authorization NONE)")
    for permission in index.of_types("aws:lambda/permission:Permission"):
        function = linked(permission, "function", functions)
        if (
            function is not None
            and prop(permission.props, "principal") == "*"
            and not (prop(permission.props, "sourceAccount") or prop(permission.props, "sourceArn"))
        ):
            open_to.setdefault(id(function), []).append(f'{permission.name} (a permission for "*")')
    for function in functions.resources:
        role = linked(function, "role", roles)
        if id(function) in open_to and (role is None or role_reaches_media(args, role)):
            runs_as = role.name if role is not None else "not one the program creates"
            report(
                f"Function {function.name} runs as a role that reaches media ({runs_as}) and anyone may invoke it "
                f"through {', '.join(open_to[id(function)])}: it serves private media to the world. Use "
                "authorization AWS_IAM, grant lambda:InvokeFunction to named principals, or run it as a role "
                "without media access.",
                function.urn,
            )


def _check_role_trust(args: StackValidationArgs, report: ReportViolation) -> None:
    _report_public_functions(args, report)
    own = own_accounts(args, args.get_config().get("trustedAccounts", []))
    allowed = args.get_config().get("allowedPrincipals", [])
    for role in stack_index(args).of_types(ROLE_TYPE):
        trust = list(_allow_statements(role.props))
        if unreadable(prop(role.props, "assumeRolePolicy")) and role_reaches_media(args, role):
            report(
                f"Role {role.name} reaches media, but its trust policy is not JSON the pack can read, so who may "
                "assume it cannot be judged; write it with json.dumps or get_policy_document.",
                role.urn,
            )
        if not trust or not role_reaches_media(args, role):
            continue
        for statement in trust:
            if not _may_assume(statement):
                continue
            sid = statement.get("Sid") or "(no Sid)"
            undeclared = undeclared_principals(args, principals(statement), own, allowed)
            for problem in _trust_problems(statement, own, undeclared):
                report(f"Role {role.name} reaches media, but its trust statement {sid} {problem}.", role.urn)


role_trust_own_accounts = StackValidationPolicy(
    name="iam-role-trust-own-accounts",
    description=(
        "A role that reaches media (tagged as the app's, given S3 access, a way to escalate or a policy the pack "
        "cannot read, named by a bucket or access point policy, run as by a replication configuration, trusted by "
        "or allowed to assume such a role; its trust readable JSON) "
        'may be assumed only by the program\'s own accounts: no "*" unless aws:PrincipalAccount (or an ARN) pins '
        "one of them, no principal or identity provider of another account, and service principals only with "
        "aws:SourceAccount (or aws:SourceArn) pinned to one of them. Own accounts: the providers' "
        "allowedAccountIds, the accounts of ARNs of resources the program creates, trustedAccounts. No Lambda "
        "function running as it may be invoked by anyone (function URL without auth, permission for *). AWS "
        "principals of own accounts are roles or users the program creates (their own trusts judged in turn) or "
        'listed in allowedPrincipals: not one it does not create, not the account root, not a "*" pinned only by '
        "aws:PrincipalAccount."
    ),
    enforcement_level=EnforcementLevel.MANDATORY,
    config_schema=PolicyConfigSchema(
        properties={"trustedAccounts": TRUSTED_ACCOUNTS_SCHEMA, "allowedPrincipals": ALLOWED_PRINCIPALS_SCHEMA}
    ),
    validate=_check_role_trust,
)

POLICIES = [pod_identity_trust_pinned, oidc_trust_exact, federated_credential_allowlisted, role_trust_own_accounts]
