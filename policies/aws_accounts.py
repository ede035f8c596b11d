"""The AWS accounts a program owns: the one rule every policy uses to tell "ours" from "foreign".

An account is the program's own when
- it is listed in the policy's `trustedAccounts` setting (the user vouches for it);
- an AWS provider that deploys resources of the program allows it (`allowedAccountIds` of an
  explicit provider some resource uses, or of the default provider, read from the stack's
  `aws:allowedAccountIds` config); a provider no resource uses vouches for nothing;
- it is the account of the `arn` of a resource the program creates (known at `up`);
- in a first preview, before those ARNs are known, it is the account of an input that is itself
  an IAM ARN (`roleArn`, `policyArns`, ...) naming a role, user, group or policy the program
  creates, by its name (e.g. a pod identity association's literal `roleArn`). An ARN inside a
  policy document or a tag, or one whose resource's own ARN is known and differs, proves nothing.

What the role trusts being judged name (their `aws:SourceAccount` pins, the accounts of the
identity providers they trust) never makes an account own once the roles' ARNs are known (`pulumi
up`, and the offline check, whose mocks give every created role an ARN). Only in a first preview,
when no ARN is known and nothing above names an account, do the accounts they name pass as the
deploying one's: it cannot be judged yet, and `pulumi up` judges it. Set the provider's
`allowedAccountIds` (offline: the stack's `aws:allowedAccountIds`) or `trustedAccounts` to make
previews exact too.

With none of these the program owns no account: the pack never asks AWS who deploys (it sees only
the program's inputs, and the offline check has no credentials), so every account a grant, trust,
destination, key or access point names is foreign (fail closed) until listed.

An own account is not enough for a principal to reach private media (`undeclared_principals`): a
role or user the program does not create, the account root, or a "*" pinned only to the account
cannot be judged (who may act as them is outside the program), so it must be created by the
program or listed in the policy's `allowedPrincipals` (exact ARNs).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from .resources import UNKNOWN, as_list, json_document, plain, prop, statements
from .stack_index import stack_index

ACCOUNT_ID = re.compile(r"^\d{12}$")
ARN = re.compile(r"^arn:aws[a-z-]*:(?P<service>[a-z0-9-]*):[a-z0-9-]*:(?P<account>\d{12}):(?P<resource>.*)$")
PROVIDER_TYPE = "pulumi:providers:aws"
ROLE_TYPE = "aws:iam/role:Role"
_IAM_NAMED_TYPES = {
    "aws:iam/role:Role": "role",
    "aws:iam/user:User": "user",
    "aws:iam/group:Group": "group",
    "aws:iam/policy:Policy": "policy",
}


def _strings(value: Any) -> Iterator[str]:
    """Every string inside a plain value (nested dicts and lists)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _allowed_by_providers(args: Any) -> set[str]:
    """The `allowedAccountIds` of the AWS providers that deploy resources of the program (an
    explicit provider no resource uses vouches for no account)."""
    found: set[str] = set()
    deploying = [r.provider for r in args.resources if getattr(r, "provider", None) is not None]
    used = {p.urn for p in deploying}
    providers = [r.props for r in stack_index(args).of_types(PROVIDER_TYPE) if r.urn in used]
    providers += [p.props for p in deploying if p.resource_type == PROVIDER_TYPE]
    for props in providers:
        allowed = prop(props, "allowedAccountIds", default=[])
        if isinstance(allowed, str):  # provider inputs arrive as JSON text from the engine
            try:
                allowed = json.loads(allowed)
            except ValueError:
                allowed = [allowed]
        found |= {a for a in as_list(allowed) if isinstance(a, str) and ACCOUNT_ID.match(a)}
    return found


def _created_iam_names(args: Any) -> dict[str, set[str]]:
    """The names of the IAM roles, users, groups and policies the program creates, by ARN kind."""
    index = stack_index(args)
    names: dict[str, set[str]] = {}
    for resource_type, kind in _IAM_NAMED_TYPES.items():
        for resource in index.of_types(resource_type):
            name = prop(resource.props, "name")
            if isinstance(name, str):
                names.setdefault(kind, set()).add(name)
    return names


def _of_created_resources(args: Any) -> set[str]:
    names = _created_iam_names(args)
    created = _created_iam_arns(args)
    found: set[str] = set()
    for resource in args.resources:
        if not resource.resource_type.startswith("aws:"):
            continue
        arn = ARN.match(str(prop(resource.props, "arn")))
        if arn:
            found.add(arn.group("account"))
        for key in resource.props:
            if not key.lower().endswith(("arn", "arns")):
                continue  # an ARN inside a policy document, a tag or a description proves nothing
            value = plain(prop(resource.props, key))
            if value is UNKNOWN:
                continue
            # An input that is itself the IAM ARN of a role, user, group or policy the program creates
            # (`role_arn=role.arn`, or its literal ARN): by name, unless that resource's ARN is known.
            for match in filter(None, (ARN.match(v) for v in as_list(value) if isinstance(v, str))):
                kind, _, path = match.group("resource").partition("/")
                name = path.rsplit("/", 1)[-1]
                if match.group("service") != "iam" or name not in names.get(kind, ()):
                    continue
                known = created.get((kind, name), set())
                if not known or match.group(0) in known:
                    found.add(match.group("account"))
    return found


def _created_iam_arns(args: Any) -> dict[tuple[str, str], set[str]]:
    """The known ARNs of the IAM roles, users, groups and policies the program creates, by (kind, name)."""
    arns: dict[tuple[str, str], set[str]] = {}
    for resource_type, kind in _IAM_NAMED_TYPES.items():
        for resource in stack_index(args).of_types(resource_type):
            name, arn = prop(resource.props, "name"), prop(resource.props, "arn")
            if isinstance(name, str) and isinstance(arn, str):
                arns.setdefault((kind, name), set()).add(arn)
    return arns


def _deploying_account_candidates(args: Any) -> set[str]:
    """The accounts the program's role trusts name: the aws:SourceAccount pins of service principals
    (the components' confused-deputy guard), the accounts of the OIDC / SAML providers and AWS
    principals they trust. Used only while the roles' own ARNs are unknown (a first preview)."""
    found: set[str] = set()
    for role in stack_index(args).of_types(ROLE_TYPE):
        document = json_document(prop(role.props, "assumeRolePolicy"))
        for statement in statements(document or {}):
            principal = statement.get("Principal")
            if statement.get("Effect") != "Allow" or not isinstance(principal, dict):
                continue
            for provider in as_list(principal.get("Federated")) + as_list(principal.get("AWS")):
                match = ARN.match(provider) if isinstance(provider, str) else None
                if match and match.group("service") == "iam":
                    found.add(match.group("account"))
                elif isinstance(provider, str) and ACCOUNT_ID.match(provider):
                    found.add(provider)
            if "Service" not in principal or not isinstance(statement.get("Condition"), dict):
                continue
            for operator, clauses in statement["Condition"].items():
                if str(operator).lower() != "stringequals" or not isinstance(clauses, dict):
                    continue
                for key, values in clauses.items():
                    if str(key).lower() == "aws:sourceaccount":
                        found |= {v for v in as_list(values) if isinstance(v, str) and ACCOUNT_ID.match(v)}
    return found


def own_accounts(args: Any, trusted: Any = ()) -> set[str]:
    """The program's own AWS accounts (see the module's docstring) plus `trusted`."""
    shown = stack_index(args).derived("own-accounts", lambda: _shown_accounts(args))
    return shown | {a for a in as_list(list(trusted)) if isinstance(a, str)}


def _shown_accounts(args: Any) -> set[str]:
    found = _allowed_by_providers(args) | _of_created_resources(args)
    if found:
        return found
    # A first preview: no ARN is known yet, so the trusts cannot be judged against the deploying
    # account; the accounts they name pass until `pulumi up` shows the roles' ARNs.
    roles = stack_index(args).of_types(ROLE_TYPE)
    if not roles or any(prop(role.props, "arn") is not UNKNOWN for role in roles):
        return set()
    return _deploying_account_candidates(args)


TRUSTED_ACCOUNTS_SCHEMA = {
    "type": "array",
    "items": {"type": "string", "pattern": "^[0-9]{12}$"},
    "default": [],
    "description": (
        "AWS account ids (12 digits) that count as the program's own besides those it shows "
        "(provider allowedAccountIds, ARNs of resources it creates)."
    ),
}
"""The `trustedAccounts` setting, the same in every policy that tells own accounts from foreign."""


ALLOWED_PRINCIPALS_SCHEMA = {
    "type": "array",
    "items": {
        "type": "string",
        "pattern": (
            r"^arn:aws[a-z-]*:(iam::[0-9]{12}:(root|role/[^*?]+|user/[^*?]+)|sts::[0-9]{12}:assumed-role/[^*?]+)$"
        ),
    },
    "default": [],
    "description": (
        "Exact ARNs of AWS principals of the program's own accounts that it does not create but may let into "
        "private media (arn:aws:iam::123456789012:role/ci, ...:user/..., ...:root for the whole account, also a "
        '"*" pinned to it by aws:PrincipalAccount): you vouch for who may act as them.'
    ),
}
"""The `allowedPrincipals` setting, the same in every policy that judges principals of own accounts."""

_PRINCIPAL_TYPES = {"role": ROLE_TYPE, "user": "aws:iam/user:User"}
_FIX = (
    "create it in the program (adopt an existing one with the import_ resource option) so the pack judges who may "
    "act as it, or list its exact ARN in allowedPrincipals"
)


def _root(account: str) -> str:
    return f"arn:aws:iam::{account}:root"


def _created(args: Any, kind: str, name: str, account: str) -> bool:
    """Whether the program creates the role or user `name` of `account` (by its known ARN, or by
    name while the ARN is unknown, a first preview)."""
    for resource in stack_index(args).of_types(_PRINCIPAL_TYPES[kind]):
        arn, created_name = prop(resource.props, "arn"), prop(resource.props, "name")
        if isinstance(arn, str):
            match = ARN.match(arn)
            # IAM names are unique in an account whatever their path.
            if match and match.group("account") == account and match.group("resource").rsplit("/", 1)[-1] == name:
                return True
        elif created_name is UNKNOWN or created_name == name:
            return True
    return False


def _undeclared(args: Any, value: str) -> tuple[str, str] | None:
    """Why the AWS principal `value` (an ARN or account id of an own account) cannot be judged and
    how to fix it, or None."""
    match = ARN.match(value)
    account = value if ACCOUNT_ID.match(value) else match.group("account") if match else None
    if account is None:
        return None  # unreadable: judged as foreign by the account check
    if ACCOUNT_ID.match(value) or match.group("resource") == "root":
        return (
            f"{value} (the whole account {account}: every principal its IAM lets in)",
            f"name the principals the program creates, or list {_root(account)} in allowedPrincipals",
        )
    kind, _, path = match.group("resource").partition("/")
    what = f"a {kind} the program does not create"
    if kind == "assumed-role":  # a session of that role: whoever may assume it
        kind, path = "role", path.split("/", 1)[0]
        what = f"a session of the role {path}, which the program does not create"
    name = path.rsplit("/", 1)[-1]
    if kind in _PRINCIPAL_TYPES and match.group("service") in ("iam", "sts") and _created(args, kind, name, account):
        return None
    if kind not in _PRINCIPAL_TYPES:
        what = "not a role or user the program creates"
    return f"{value} ({what}: who may act as it cannot be judged)", _FIX


def undeclared_principals(args: Any, who: Any, own: set[str], allowed: Any = ()) -> list[tuple[str, str]]:
    """What `who` (aws_statements.Principals) lets in of the program's own accounts that the program
    does not create and `allowed` (allowedPrincipals) does not list, as (who, how to fix it).
    Principals of other accounts are the account checks' to report."""
    allowed = {a for a in as_list(list(allowed)) if isinstance(a, str)}
    found = []
    for value in dict.fromkeys(v for v in who.named if isinstance(v, str)):
        match = ARN.match(value)
        account = value if ACCOUNT_ID.match(value) else match.group("account") if match else None
        if account in own and value not in allowed and not (ACCOUNT_ID.match(value) and _root(value) in allowed):
            problem = _undeclared(args, value)
            if problem:
                found.append(problem)
    for account in sorted(who.whole_accounts & own):
        if _root(account) not in allowed:
            found.append(
                (
                    f'every principal of account {account} (a "*" pinned only by aws:PrincipalAccount or an '
                    "aws:PrincipalArn pattern, no identity policy needed)",
                    "pin aws:PrincipalArn to exact ARNs of principals the program creates, or list "
                    f"{_root(account)} in allowedPrincipals",
                )
            )
    return found
