"""Which CORS origins a media storage must not allow."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from pulumi_policy import EnforcementLevel, ReportViolation, ResourceValidationArgs, ResourceValidationPolicy

from .resources import UNKNOWN, as_list, for_types, prop

LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1"})


def untrusted_origins(origins: Iterable[object]) -> list[object]:
    """The origins that are wildcards, not https, or plain http to anything but this machine."""
    untrusted = []
    for origin in origins:
        if not isinstance(origin, str) or "*" in origin:
            untrusted.append(origin)
            continue
        parts = urlsplit(origin)
        local_http = parts.scheme == "http" and parts.hostname in LOOPBACK_HOSTS
        if not (parts.scheme == "https" or local_http) or not parts.hostname:
            untrusted.append(origin)
    return untrusted


def report_untrusted_origins(rules: Any, report: Any) -> None:
    """Report each untrusted origin of CORS `rules` (S3 and Blob rules both use `allowedOrigins`)."""
    if rules is UNKNOWN:
        return
    for rule in as_list(rules):
        for origin in untrusted_origins(as_list(rule.get("allowedOrigins"))):
            report(f"CORS allows the origin {origin!r}: list the app's exact origins instead (https://...).")


def trusted_origins_policy(
    name: str, service: str, types: tuple[str, ...], *rules_path: str
) -> ResourceValidationPolicy:
    """The mandatory policy that the CORS rules at `rules_path` of resources of `types` allow only
    trusted origins; `service` names whose CORS it is in the description (`Spaces `, or empty)."""

    def check(args: ResourceValidationArgs, report: ReportViolation) -> None:
        report_untrusted_origins(prop(args.props, *rules_path, default=[]), report)

    return ResourceValidationPolicy(
        name=name,
        description=(
            f'{service}CORS may allow only named origins: no "*" (or wildcard subdomains), and https:// '
            "except for http://localhost and http://127.0.0.1. List the app's own origins instead."
        ),
        enforcement_level=EnforcementLevel.MANDATORY,
        validate=for_types(types, check),
    )
