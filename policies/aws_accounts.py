"""The AWS accounts a program owns: the one rule every policy uses to tell "ours" from "foreign".

An account is the program's own when
- it is listed in the policy's `trustedAccounts` setting (the user vouches for it);
- an AWS provider of the program allows it (`allowedAccountIds`, explicit or default provider);
- it is the account of an ARN of a resource the program creates: the resource's `arn` (known
  at `up`), or an ARN in any input that names an IAM role, user, group or policy the program
  creates (by its name, e.g. a pod identity association's `roleArn`);
- it is the deploying account as the components name it: the single account that the
  program's role trusts name as the role's own (the `aws:SourceAccount` pin of service
  principals, the confused-deputy guard the components write; the account of a trusted OIDC
  provider, which IAM requires to be the role's). Only when nothing above names an account,
  and only if they name one account: a second one, or any account known otherwise, leaves
  them to be judged against the known accounts. Set the provider's `allowedAccountIds` (or
  `trustedAccounts`) to make this exact.

With none of these the program owns no account: the pack never asks AWS who deploys (it sees only
the program's inputs, and the offline check has no credentials), so every account a grant, trust,
destination, key or access point names is foreign (fail closed) until listed.
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
    found: set[str] = set()
    providers = [r.props for r in stack_index(args).of_types(PROVIDER_TYPE)]
    providers += [r.provider.props for r in args.resources if getattr(r, "provider", None) is not None]
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
    found: set[str] = set()
    for resource in args.resources:
        if not resource.resource_type.startswith("aws:"):
            continue
        arn = ARN.match(str(prop(resource.props, "arn")))
        if arn:
            found.add(arn.group("account"))
        for key in resource.props:
            value = plain(prop(resource.props, key))
            if value is UNKNOWN:
                continue
            # An input that is an ARN computed from a resource of the program (`role_arn=role.arn`).
            if any(d.resource_type.startswith("aws:") for d in resource.property_dependencies.get(key, [])):
                matches = [ARN.match(v) for v in as_list(value) if isinstance(v, str)]
                found |= {match.group("account") for match in matches if match}
            # An IAM ARN anywhere in an input that names a role, user, group or policy the program creates.
            for match in filter(None, map(ARN.match, _strings(value))):
                kind, _, path = match.group("resource").partition("/")
                if match.group("service") == "iam" and path.rsplit("/", 1)[-1] in names.get(kind, ()):
                    found.add(match.group("account"))
    return found


def _deploying_account_candidates(args: Any) -> set[str]:
    """The accounts the program's role trusts name as the role's own: the aws:SourceAccount pins of
    service principals (the components' confused-deputy guard) and the accounts of the OIDC / SAML
    providers they trust (IAM accepts only providers of the role's own account)."""
    found: set[str] = set()
    for role in stack_index(args).of_types(ROLE_TYPE):
        document = json_document(prop(role.props, "assumeRolePolicy"))
        for statement in statements(document or {}):
            principal = statement.get("Principal")
            if statement.get("Effect") != "Allow" or not isinstance(principal, dict):
                continue
            for provider in as_list(principal.get("Federated")):
                match = ARN.match(provider) if isinstance(provider, str) else None
                if match and match.group("service") == "iam":
                    found.add(match.group("account"))
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
    candidates = _deploying_account_candidates(args)
    return candidates if len(candidates) == 1 else set()


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
