"""Lifecycle rules that delete private media (issue 12, class 7).

A lifecycle rule runs with S3's own authority, forever: one that expires current objects deletes the
live media of every user, with no key ever leaking (the outcome `s3:PutLifecycleConfiguration` in
the wrong hands would have), so it is mandatory. One that expires noncurrent versions early only
shortens the window in which an overwrite or delete can be undone, the same safety net as
versioning itself, so it is advisory. Rules for the temporary prefix (`tmp/`, the components'
short-lived uploads), rules that only remove expired delete markers or abort multipart uploads,
and transitions to cheaper storage delete nothing and pass.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pulumi_policy import (
    EnforcementLevel,
    PolicyConfigSchema,
    ReportViolation,
    StackValidationArgs,
    StackValidationPolicy,
)

from .aws_s3 import BUCKET_TYPES, LIFECYCLE_TYPES, blocks, bucket_label
from .resources import UNKNOWN, is_public, prop
from .stack_index import stack_index

MINIMUM_DAYS_SCHEMA = {"type": "integer", "minimum": 1, "default": 30}
TEMPORARY_PREFIXES_SCHEMA = {
    "type": "array",
    "items": {"type": "string", "pattern": "^([A-Za-z0-9_.-]+/)+$"},
    "default": ["tmp/"],
    "description": (
        "Key prefixes of short-lived objects (the components' lifecycle.temporaryPrefix, e.g. tmp/ or "
        "uploads/tmp/) whose rules may expire objects sooner."
    ),
}


def _rules(args: StackValidationArgs) -> Iterator[tuple[str, Any, Any]]:
    """(label of the private bucket, resource to report on, rule) for every lifecycle rule of private media:
    buckets not tagged public and buckets the program only names."""
    index = stack_index(args)
    for resource in index.of_types(*LIFECYCLE_TYPES):
        bucket = index.linked(resource, "bucket", BUCKET_TYPES, "bucket")
        name = prop(resource.props, "bucket")
        if bucket is not None:
            if is_public(bucket.props) is not False:
                continue
            label = bucket_label(bucket)
        elif isinstance(name, str):
            label = f"Bucket {name!r} (not declared, judged as private media)"
        else:
            continue  # not known yet (a preview)
        rules = prop(resource.props, "rules", default=[])
        if rules is not UNKNOWN:
            for rule in blocks(rules):
                yield label, resource, rule
    for bucket in index.of_types(*BUCKET_TYPES):
        rules = prop(bucket.props, "lifecycleRules", default=[])
        if is_public(bucket.props) is False and rules is not UNKNOWN:
            for rule in blocks(rules):
                yield bucket_label(bucket), bucket, rule


def _enabled(rule: dict[str, Any]) -> bool:
    """Whether the rule runs: `status` of a BucketLifecycleConfiguration rule, `enabled` of an inline one."""
    if "status" in rule:
        return rule["status"] != "Disabled"
    return rule.get("enabled") is not False


def _prefixes(rule: dict[str, Any]) -> list[str]:
    """The key prefixes a rule is limited to: its filter's (or the filter's `and`), else the deprecated
    rule prefix. A rule with a filter is scoped by the filter alone (the provider sends the legacy
    prefix only without one), so `prefix: tmp/` beside `filter: {}` is the whole bucket."""
    found = []
    if rule.get("filter") is not None or rule.get("filters") is not None:
        for scope in blocks(rule, ("filter", "filters")):
            if isinstance(scope, dict):
                found += [scope.get("prefix"), *(p.get("prefix") for p in blocks(scope, "and") if isinstance(p, dict))]
    else:
        found.append(rule.get("prefix"))
    return [prefix for prefix in found if isinstance(prefix, str) and prefix]


def _temporary(rule: dict[str, Any], temporary_prefixes: list[str]) -> bool:
    return any(prefix.startswith(tuple(temporary_prefixes)) for prefix in _prefixes(rule))


def _scope(rule: dict[str, Any]) -> str:
    prefixes = _prefixes(rule)
    return f"objects under {', '.join(prefixes)}" if prefixes else "every object"


def _early(days: Any, minimum_days: int) -> bool:
    if isinstance(days, str):  # the provider takes "1" for 1
        try:
            days = float(days)
        except ValueError:
            return True  # a value the pack cannot read: the riskier reading
    return isinstance(days, int | float) and not isinstance(days, bool) and days < minimum_days


def _days(days: Any) -> str:
    """ "N days" as written (the engine hands numbers over as floats)."""
    if isinstance(days, str) and days.replace(".", "", 1).isdigit():
        days = float(days)
    days = int(days) if isinstance(days, float) and days.is_integer() else days
    return f"{days} day" if days == 1 else f"{days} days"


def _judged_rules(args: StackValidationArgs) -> Iterator[tuple[str, Any, dict, int, list[str]]]:
    """The enabled rules of private buckets outside the temporary prefixes, each with the policy's
    `minimumDays` and `temporaryPrefixes`."""
    config = args.get_config()
    minimum_days = int(config.get("minimumDays", 30))
    temporary = list(config.get("temporaryPrefixes", ["tmp/"]))
    for label, resource, rule in _rules(args):
        if isinstance(rule, dict) and _enabled(rule) and not _temporary(rule, temporary):
            yield label, resource, rule, minimum_days, temporary


def _check_current_objects(args: StackValidationArgs, report: ReportViolation) -> None:
    for label, resource, rule, minimum_days, temporary in _judged_rules(args):
        for expiration in blocks(rule, ("expiration", "expirations")):
            if not isinstance(expiration, dict):
                continue
            days, date = expiration.get("days"), expiration.get("date")
            if _early(days, minimum_days) or isinstance(date, str):
                when = f"on {date}" if isinstance(date, str) else f"after {_days(days)}"
                report(
                    f"{label} is private, but lifecycle rule {rule.get('id', '(no id)')!r} of {resource.name} deletes "
                    f"{_scope(rule)} {when}: remove the expiration (keep expiredObjectDeleteMarker), limit the rule to "
                    f"a temporary prefix listed in temporaryPrefixes ({', '.join(temporary) or 'none'}), or expire "
                    f"after {minimum_days} days or more (minimumDays).",
                    resource.urn,
                )


lifecycle_keeps_private_media = StackValidationPolicy(
    name="s3-lifecycle-keeps-private-media",
    description=(
        "A lifecycle rule (BucketLifecycleConfiguration or the Bucket's inline lifecycleRules) of a private bucket "
        "may expire current objects only under a temporary prefix (temporaryPrefixes, default tmp/) or after "
        "minimumDays (default 30), never on a date: it deletes the media itself (a rule with a filter is scoped by the "
        "filter alone, not by a legacy prefix beside it). Rules that remove expired delete "
        "markers, abort multipart uploads or move objects to cheaper storage are fine."
    ),
    enforcement_level=EnforcementLevel.MANDATORY,
    config_schema=PolicyConfigSchema(
        properties={
            "minimumDays": {
                **MINIMUM_DAYS_SCHEMA,
                "description": "Fewest days after which a lifecycle rule may delete current private media.",
            },
            "temporaryPrefixes": TEMPORARY_PREFIXES_SCHEMA,
        }
    ),
    validate=_check_current_objects,
)


def _check_noncurrent_versions(args: StackValidationArgs, report: ReportViolation) -> None:
    for label, resource, rule, minimum_days, _temporary_prefixes in _judged_rules(args):
        for expiration in blocks(rule, ("noncurrentVersionExpiration", "noncurrentVersionExpirations")):
            days = expiration.get("noncurrentDays", expiration.get("days")) if isinstance(expiration, dict) else None
            if _early(days, minimum_days):
                report(
                    f"{label} is private, but lifecycle rule {rule.get('id', '(no id)')!r} of {resource.name} deletes "
                    f"overwritten and deleted versions of {_scope(rule)} after {_days(days)}, so a mistake older than "
                    f"that cannot be undone: keep them {minimum_days} days or more (minimumDays).",
                    resource.urn,
                )


lifecycle_keeps_noncurrent_versions = StackValidationPolicy(
    name="s3-lifecycle-keeps-noncurrent-versions",
    description=(
        "A lifecycle rule of a private bucket keeps noncurrent (overwritten or deleted) versions at least "
        "minimumDays (default 30; the components' noncurrentVersionExpirationDays defaults to 30) outside "
        "temporaryPrefixes, so a bad overwrite or delete stays recoverable."
    ),
    enforcement_level=EnforcementLevel.ADVISORY,
    config_schema=PolicyConfigSchema(
        properties={
            "minimumDays": {
                **MINIMUM_DAYS_SCHEMA,
                "description": "Fewest days a lifecycle rule must keep noncurrent versions of private media.",
            },
            "temporaryPrefixes": TEMPORARY_PREFIXES_SCHEMA,
        }
    ),
    validate=_check_noncurrent_versions,
)

POLICIES = [lifecycle_keeps_private_media, lifecycle_keeps_noncurrent_versions]
