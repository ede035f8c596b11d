"""Policies for Cloudflare R2 buckets of media: public domains, API tokens, CORS, protection.

Every R2 bucket in the program is judged as a media bucket. R2 buckets carry no tags: a bucket
is public only when named as public media (`bucket_names.is_public_name`), otherwise private.
An R2 bucket is reachable without credentials only through a public domain (its r2.dev
managed domain or a custom domain), so that is what a private bucket must not have.
"""

from __future__ import annotations

import re
from typing import Any

from pulumi_policy import (
    EnforcementLevel,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
)

from .bucket_names import bucket_label, is_public_name
from .cors import report_untrusted_origins
from .resources import UNKNOWN, as_list, for_types, json_document, prop, report_unprotected
from .stack_index import Candidates, linked, stack_index

BUCKET_TYPES = ("cloudflare:index/r2Bucket:R2Bucket",)
DOMAIN_TYPES = (
    "cloudflare:index/r2ManagedDomain:R2ManagedDomain",
    "cloudflare:index/r2CustomDomain:R2CustomDomain",
)
CORS_TYPES = ("cloudflare:index/r2BucketCors:R2BucketCors",)
TOKEN_TYPES = ("cloudflare:index/accountToken:AccountToken", "cloudflare:index/apiToken:ApiToken")

R2_BUCKET_ITEM_READ = "6a018a9f2fc74eb6b293b0c548f38b39"
R2_BUCKET_ITEM_WRITE = "2efd5506f9c8494dacb1fa10a3e7d5b6"
R2_STORAGE_READ = "b4992e1108244f5d8bfbd5744320c2e1"
R2_STORAGE_WRITE = "bf7481a1826f439697cb59a20b22293e"
OBJECT_GROUPS = {R2_BUCKET_ITEM_READ, R2_BUCKET_ITEM_WRITE}
"""Object read and write, scoped to the buckets a token's resources name."""
R2_GROUPS = OBJECT_GROUPS | {R2_STORAGE_READ, R2_STORAGE_WRITE}
"""Every R2 permission group: a token holding any of them is judged as an R2 token."""

BUCKET_RESOURCE = re.compile(
    r"com\.cloudflare\.edge\.r2\.bucket\.(?P<account>[0-9a-f]{32})_(?P<jurisdiction>[a-z]+)_(?P<bucket>[a-z0-9-]+)"
)


def _bucket_of(resource: Any, buckets: Candidates) -> tuple[Any, Any]:
    """The R2 bucket a domain, CORS or lifecycle resource configures, and that bucket's name."""
    bucket = linked(resource, "bucketName", buckets)
    return bucket, prop(bucket.props, "name") if bucket is not None else prop(resource.props, "bucketName")


def _check_public_domains(args: StackValidationArgs, report: ReportViolation) -> None:
    buckets = stack_index(args).candidates(BUCKET_TYPES, "name")
    for domain in stack_index(args).of_types(*DOMAIN_TYPES):
        if prop(domain.props, "enabled") is False:
            continue
        bucket, name = _bucket_of(domain, buckets)
        if is_public_name(name) is False:
            kind = "its r2.dev domain" if domain.resource_type == DOMAIN_TYPES[0] else "a custom domain"
            report(
                f"{bucket_label('R2 bucket', bucket or domain, name)} is private, but {kind} serves it to anyone; "
                "remove the domain (private media is served through presigned links only).",
                domain.urn,
            )


private_bucket_no_public_domain = StackValidationPolicy(
    name="r2-private-bucket-no-public-domain",
    description=(
        "Only an R2 bucket named as public media ({app}-{environment}-public-{digest}) may be served "
        "through a public domain. Remove the R2ManagedDomain (r2.dev) or R2CustomDomain of every "
        "other bucket, or set enabled to false: private media is reached through presigned links."
    ),
    enforcement_level=EnforcementLevel.MANDATORY,
    validate=_check_public_domains,
)


def _touches_r2(policies: list[Any]) -> bool:
    for policy in policies:
        groups = {g.get("id") for g in as_list(policy.get("permissionGroups")) if isinstance(g, dict)}
        if groups & R2_GROUPS or "com.cloudflare.edge.r2." in str(policy.get("resources")):
            return True
    return False


def _token_problems(policy: dict[str, Any], account_ids: set[str], bucket_names: set[str] | None) -> list[str]:
    groups = [g.get("id") if isinstance(g, dict) else g for g in as_list(policy.get("permissionGroups"))]
    problems = [
        f"permission group {group}, more than object read/write (R2 Storage Write is full access)"
        if group in R2_GROUPS
        else f"permission group {group}, which is not an R2 object permission"
        for group in groups
        if group not in OBJECT_GROUPS
    ]
    resources = json_document(policy.get("resources"))
    if resources is None:
        return [*problems, f"resources {policy.get('resources')!r}, which name no buckets"]
    for key, value in resources.items():
        match = BUCKET_RESOURCE.fullmatch(key)
        if match is None:
            problems.append(f"the resource {key!r}, wider than one bucket")
        elif value != "*":
            problems.append(f"the resource {key!r} with {value!r}")
        elif account_ids and match.group("account") not in account_ids:
            problems.append(f"a bucket of account {match.group('account')}, not this program's")
        elif bucket_names is not None and match.group("bucket") not in bucket_names:
            problems.append(f"bucket {match.group('bucket')!r}, which is not a bucket of this program")
    return problems


def _check_tokens(args: StackValidationArgs, report: ReportViolation) -> None:
    buckets = stack_index(args).of_types(*BUCKET_TYPES)
    names = {prop(b.props, "name") for b in buckets}
    bucket_names = None if UNKNOWN in names else {n for n in names if isinstance(n, str)}
    account_ids = {a for a in (prop(b.props, "accountId") for b in buckets) if isinstance(a, str)}
    for token in stack_index(args).of_types(*TOKEN_TYPES):
        policies = prop(token.props, "policies", default=[])
        if policies is UNKNOWN or not _touches_r2([p for p in as_list(policies) if isinstance(p, dict)]):
            continue
        for policy in as_list(policies):
            if not isinstance(policy, dict) or str(policy.get("effect", "allow")).lower() != "allow":
                continue
            for problem in _token_problems(policy, account_ids, bucket_names):
                report(
                    f"Token {token.name} allows {problem}; allow only R2 object read/write on this program's buckets.",
                    token.urn,
                )


token_least_privilege = StackValidationPolicy(
    name="r2-token-least-privilege",
    description=(
        "An API token with R2 permissions may allow only Workers R2 Storage Bucket Item Read/Write "
        "on resources com.cloudflare.edge.r2.bucket.ACCOUNT_JURISDICTION_BUCKET naming this program's "
        "buckets: no R2 Storage Read/Write (full access), no account-wide or wildcard resources, no other groups."
    ),
    enforcement_level=EnforcementLevel.MANDATORY,
    validate=_check_tokens,
)


def _check_cors(args: ResourceValidationArgs, report: ReportViolation) -> None:
    rules = prop(args.props, "rules", default=[])
    if rules is UNKNOWN:
        return
    # R2 nests the origins in `allowed`; the shared check reads S3's `allowedOrigins`.
    as_s3 = [
        {"allowedOrigins": (rule.get("allowed") or {}).get("origins")}
        for rule in as_list(rules)
        if isinstance(rule, dict)
    ]
    report_untrusted_origins(as_s3, report)


cors_trusted_origins = ResourceValidationPolicy(
    name="r2-cors-trusted-origins",
    description=(
        'R2 CORS may allow only named origins: no "*" (or wildcard subdomains), and https:// '
        "except for http://localhost and http://127.0.0.1. List the app's own origins instead."
    ),
    enforcement_level=EnforcementLevel.MANDATORY,
    validate=for_types(CORS_TYPES, _check_cors),
)


bucket_protected = ResourceValidationPolicy(
    name="r2-bucket-protected",
    description=(
        "Protect media R2 buckets (resource option protect=True; media-storage:protect is true by "
        "default) so that deleting them takes a deliberate step."
    ),
    enforcement_level=EnforcementLevel.ADVISORY,
    validate=for_types(BUCKET_TYPES, report_unprotected("R2 bucket")),
)

POLICIES: list[Any] = [private_bucket_no_public_domain, token_least_privilege, cors_trusted_origins, bucket_protected]
