"""Reading S3 bucket policy statements: who they let in, and whether they are the TLS-only Deny.

IAM compares action names case-insensitively and lets condition operators, keys and values
take several shapes (one value or a list); these helpers accept every valid shape and treat
anything malformed as the riskier reading, never as a reason to crash.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .resources import as_list

# Condition keys that name the caller's account (an account id, or an ARN that carries one). Only
# these narrow a "*" principal: aws:PrincipalOrgID, aws:SourceVpc(e) and the like pin no account
# the program owns (any account of an organization, anyone on a network path), so a "*"
# narrowed by them is still everyone as far as the pack can tell.
ACCOUNT_PINNING_KEYS = {
    "aws:principalaccount",
    "aws:sourceaccount",
    "aws:principalarn",
    "aws:sourcearn",
    "s3:dataaccesspointaccount",  # requests through the access points of that account (AWS's delegation)
}
# Keys that name the account a service acts for, not the caller: a "*" held only by them is every
# service principal acting for that account (any service, any of its resources), not the account.
SOURCE_KEYS = {"aws:sourceaccount", "aws:sourcearn"}
_ARN_KEYS = {"aws:principalarn", "aws:sourcearn"}
# Operators that restrict a key to the listed values (a `*Like` value without wildcards is exact).
_RESTRICTING_OPERATORS = {"stringequals", "stringequalsignorecase", "arnequals", "stringlike", "arnlike"}
_ACCOUNT_ID = re.compile(r"^\d{12}$")
_ARN_ACCOUNT = re.compile(r"^arn:aws[a-z-]*:[a-z0-9-]*:[a-z0-9-]*:(?P<account>\d{12}):")


@dataclass
class Principals:
    """Who an Allow statement lets in."""

    anonymous: bool = False
    """Anyone: `*` (or `NotPrincipal`) not pinned by a condition to named accounts."""
    accounts: set[str] = field(default_factory=set)
    """AWS accounts named as principals or pinned by a condition (`unknown:VALUE` if unreadable)."""
    others: list[str] = field(default_factory=list)
    """Service, federated and canonical-user principals."""
    named: list[str] = field(default_factory=list)
    """The AWS principals (ARNs, account ids) named, or pinned exactly by aws:PrincipalArn under a "*"."""
    whole_accounts: set[str] = field(default_factory=set)
    """Accounts every principal of which a "*" lets in (pinned only by aws:PrincipalAccount or an
    aws:PrincipalArn pattern), unreadable accounts as `unknown:VALUE`."""


def lower_actions(statement: dict[str, Any]) -> set[str]:
    """The statement's `Action` names, lowercased (IAM compares them case-insensitively)."""
    return {action.lower() if isinstance(action, str) else repr(action) for action in as_list(statement.get("Action"))}


def account_of(principal: Any) -> str:
    """The AWS account of an account id or ARN; `unknown:VALUE` if it names none."""
    if isinstance(principal, str):
        if _ACCOUNT_ID.match(principal):
            return principal
        match = _ARN_ACCOUNT.match(principal)
        if match:
            return match.group("account")
    return f"unknown:{principal}"


def _exact_values(value: Any, key: str = "") -> list[str] | None:
    """The values if each pins one account: no wildcard, or (an ARN key) wildcards only after an
    exact account (`arn:aws:iam::123456789012:role/app-*` is still that account)."""
    values = as_list(value)
    if not values or not all(
        isinstance(v, str)
        and v
        and "${" not in v  # a policy variable may compare the key with itself
        and (("*" not in v and "?" not in v) or (key in _ARN_KEYS and _pinned_arn_account(v) is not None))
        for v in values
    ):
        return None
    return values


def _pinned_arn_account(value: str) -> str | None:
    match = _ARN_ACCOUNT.match(value)
    return match.group("account") if match and not re.search(r"[*?]", match.group(0)) else None


def _pinning(conditions: Any) -> tuple[bool, set[str], bool, dict[str, list[str]]]:
    """Whether `conditions` pin the caller to known principals, the accounts they name, whether
    only the service's source (aws:SourceAccount / aws:SourceArn) is pinned, not the caller, and
    the exact values of each pinning key."""
    if not isinstance(conditions, dict):
        return False, set(), False, {}
    pinned, accounts, keys = False, set(), set()
    exact: dict[str, list[str]] = {}
    for operator, clauses in conditions.items():
        if not isinstance(operator, str) or not isinstance(clauses, dict):
            continue
        qualifier, _, name = operator.lower().rpartition(":")
        if qualifier == "forallvalues" or name not in _RESTRICTING_OPERATORS:
            continue  # true when the key is absent (ForAllValues, ...IfExists), or a negation: pins nothing
        for raw_key, value in clauses.items():
            key = raw_key.lower() if isinstance(raw_key, str) else ""
            values = _exact_values(value, key)
            if key not in ACCOUNT_PINNING_KEYS or values is None:
                continue
            pinned = True
            keys.add(key)
            accounts |= {account_of(v) for v in values}
            exact.setdefault(key, []).extend(values)
    return pinned, accounts, bool(keys) and keys <= SOURCE_KEYS, exact


def _callers(exact: dict[str, list[str]], accounts: set[str]) -> tuple[list[str], set[str]]:
    """Who a pinned "*" lets in: the exact principal ARNs aws:PrincipalArn names, or else every
    principal of the pinned accounts (aws:PrincipalAccount, an aws:PrincipalArn pattern). A "*"
    held by a service's source or by s3:DataAccessPointAccount (the access points' own policies
    decide) lets in no caller of its own."""
    arns = exact.get("aws:principalarn", [])
    if arns and not any("*" in a or "?" in a for a in arns):
        return list(arns), set()
    if "aws:principalarn" in exact or "aws:principalaccount" in exact:
        return [], accounts
    return [], set()


def principals(statement: dict[str, Any]) -> Principals:
    """Who `statement` lets in (read for Allow statements)."""
    found = Principals()
    principal = statement.get("Principal")
    wildcard = "NotPrincipal" in statement or principal == "*"
    if isinstance(principal, dict):
        for kind, values in principal.items():
            for value in as_list(values):
                if kind == "AWS" and value == "*":
                    wildcard = True
                elif kind == "AWS":
                    found.accounts.add(account_of(value))
                    found.named.append(value)
                else:
                    found.others.append(f"{kind}:{value}")
    elif principal is not None and principal != "*":
        found.others.append(f"unreadable:{principal}")
    whole = [v for v in found.named if isinstance(v, str) and (_ACCOUNT_ID.match(v) or v.endswith(":root"))]
    if whole and not wildcard:
        # An account principal narrowed by aws:PrincipalArn to exact ARNs lets in only those principals.
        arns = _pinning(statement.get("Condition"))[3].get("aws:principalarn", [])
        if arns and not any("*" in a or "?" in a for a in arns):
            found.named = [v for v in found.named if v not in whole] + list(arns)
    if wildcard:
        pinned, accounts, source_only, exact = _pinning(statement.get("Condition"))
        found.anonymous = not pinned
        found.accounts |= accounts
        named, whole = _callers(exact, accounts)
        found.named += named
        found.whole_accounts |= whole
        if source_only:
            found.others.append(
                f'every service principal acting for account(s) {", ".join(sorted(accounts))} (a "*" held only by '
                "aws:SourceAccount / aws:SourceArn; name the service, e.g. Service cloudfront.amazonaws.com)"
            )
    return found


def _is_false(value: Any) -> bool:
    values = as_list(value)
    return bool(values) and all(str(v).lower() == "false" for v in values)


def is_tls_only_deny(statement: dict[str, Any]) -> bool:
    """Whether `statement` denies every S3 action to everyone exactly when TLS is not used.

    Any further condition would narrow the Deny (conditions are ANDed), so the only condition
    allowed is `Bool` `aws:SecureTransport` `false`.
    """
    if statement.get("Effect") != "Deny" or {"NotPrincipal", "NotAction", "NotResource"} & statement.keys():
        return False
    principal = statement.get("Principal")
    everyone = principal == "*" or (
        isinstance(principal, dict) and principal.keys() == {"AWS"} and as_list(principal["AWS"]) == ["*"]
    )
    conditions = statement.get("Condition")
    if not everyone or not ({"s3:*", "*"} & lower_actions(statement)) or not isinstance(conditions, dict):
        return False
    if len(conditions) != 1:
        return False
    ((operator, clauses),) = conditions.items()
    if (
        not isinstance(operator, str)
        or operator.lower() != "bool"
        or not isinstance(clauses, dict)
        or len(clauses) != 1
    ):
        return False
    ((key, value),) = clauses.items()
    return isinstance(key, str) and key.lower() == "aws:securetransport" and _is_false(value)


def covered_paths(statement: dict[str, Any]) -> Iterable[str]:
    """The `bucket` / `bucket/key` paths of the S3 ARNs a statement names."""
    for resource in as_list(statement.get("Resource")):
        if isinstance(resource, str):
            yield resource.split(":::", 1)[-1]
