"""Policies for CDNs in front of media: CloudFront distributions and the buckets they read, and
Azure Front Door routes, custom domains and rules.

A distribution serves a bucket when one of its origins is the bucket's S3 endpoint
(`BUCKET.s3.REGION.amazonaws.com`, or by dependency while the name is not known yet). A
bucket policy that lets the CloudFront service read objects, pinned by `AWS:SourceArn` to one
distribution, is a read by a distribution of the program (not a foreign principal) only when
the bucket policy is built from such a distribution serving this bucket; for private media
that distribution must also accept signed requests only.
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

from .aws_statements import lower_actions, principals
from .cors import untrusted_origins
from .resources import UNKNOWN, as_list, for_types, is_public, json_document, prop, statements

DISTRIBUTION_TYPES = ("aws:cloudfront/distribution:Distribution",)
RESPONSE_HEADERS_TYPES = ("aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy",)
FRONT_DOOR_ROUTE_TYPES = ("azure-native:cdn:Route",)
FRONT_DOOR_DOMAIN_TYPES = ("azure-native:cdn:AFDCustomDomain",)
CDN_ENDPOINT_TYPES = ("azure-native:cdn:Endpoint",)
FRONT_DOOR_RULE_TYPES = ("azure-native:cdn:Rule",)
_BUCKET_TYPES = ("aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2")
_BUCKET_POLICY_TYPES = ("aws:s3/bucketPolicy:BucketPolicy",)

CLOUDFRONT_SERVICE = "cloudfront.amazonaws.com"
LOG_DELIVERY_SERVICE = "delivery.logs.amazonaws.com"
LOG_DESTINATION_TYPES = ("aws:cloudwatch/logDeliveryDestination:LogDeliveryDestination",)
_DISTRIBUTION_ARN = re.compile(r"arn:aws[a-z-]*:cloudfront::\d{12}:distribution/[A-Z0-9]+")
HTTPS_VIEWER_POLICIES = ("redirect-to-https", "https-only")
TLS_1_2_OR_NEWER = re.compile(r"TLSv1\.(2|3)_\d{4}")

MANAGED_ANY_ORIGIN_CORS_POLICIES = {
    "60669652-455b-4ae9-85a4-c4c02393f86c": "Managed-SimpleCORS",
    "5cc3b908-e619-4b99-88e5-2cf7f45965bd": "Managed-CORS-With-Preflight",
    "e61eb60c-9c35-4d20-a928-2b84e02af89c": "Managed-CORS-and-SecurityHeadersPolicy",
    "eaab4381-ed33-4a86-88ca-d9558dc6cd63": "Managed-CORS-with-preflight-and-SecurityHeadersPolicy",
}
"""AWS's managed response headers policies that answer `Access-Control-Allow-Origin: *`."""


def _of_types(args: StackValidationArgs, *types: str) -> list[Any]:
    return [r for r in args.resources if r.resource_type in types]


def _policies_by_bucket(args: StackValidationArgs, buckets: list[Any]) -> dict[str, list[Any]]:
    """The BucketPolicy resources of the program by the URN of the bucket they configure: by the
    `bucket` input's value when known, else by the bucket it was computed from. One pass."""
    by_name = {prop(b.props, "bucket"): b for b in buckets if isinstance(prop(b.props, "bucket"), str)}
    found: dict[str, list[Any]] = {}
    for policy in _of_types(args, *_BUCKET_POLICY_TYPES):
        value = prop(policy.props, "bucket")
        if isinstance(value, str):
            target = by_name.get(value)
        else:
            target = next((d for d in policy.property_dependencies.get("bucket", []) if d in buckets), None)
        if target is not None:
            found.setdefault(target.urn, []).append(policy)
    return found


def behaviours(distribution: Any) -> list[Any]:
    """The default and the ordered cache behaviours of a distribution (each a dict, or UNKNOWN)."""
    default = prop(distribution.props, "defaultCacheBehavior")
    ordered = prop(distribution.props, "orderedCacheBehaviors", default=[])
    return [default] + (as_list(ordered) if ordered is not UNKNOWN else [UNKNOWN])


def trusts_key_groups(distribution: Any) -> bool | None:
    """Whether every behaviour accepts only links signed by a trusted key group; None if unknown."""
    found = behaviours(distribution)
    if any(behaviour is UNKNOWN for behaviour in found):
        return None
    return all(isinstance(b, dict) and as_list(b.get("trustedKeyGroups")) for b in found)


def _origin_bucket_name(domain: Any) -> str | None:
    if not isinstance(domain, str):
        return None
    match = re.fullmatch(r"(?P<bucket>[a-z0-9.-]+)\.s3([.-][a-z0-9-]+)*\.amazonaws\.com(\.cn)?", domain)
    return match.group("bucket") if match else None


def served_buckets(distribution: Any, buckets: list[Any]) -> list[Any]:
    """The buckets among `buckets` that the distribution's origins read."""
    origins = prop(distribution.props, "origins", default=[])
    dependencies = [d for d in distribution.property_dependencies.get("origins", []) if d in buckets]
    if origins is UNKNOWN:
        return dependencies
    names = {_origin_bucket_name(origin.get("domainName")) for origin in as_list(origins) if isinstance(origin, dict)}
    unknown_domain = any(
        isinstance(origin, dict) and not isinstance(origin.get("domainName"), str) for origin in as_list(origins)
    )
    served = [bucket for bucket in buckets if prop(bucket.props, "bucket") in names]
    if unknown_domain:
        served += [bucket for bucket in dependencies if bucket not in served]
    return served


def _distribution_label(distribution: Any) -> str:
    return f"Distribution {distribution.name}"


def _single_source_arn(statement: dict[str, Any]) -> str | None:
    """The one distribution ARN `AWS:SourceArn` is pinned to by the statement's only condition."""
    conditions = statement.get("Condition")
    if not isinstance(conditions, dict) or len(conditions) != 1:
        return None
    ((operator, clauses),) = conditions.items()
    if not isinstance(operator, str) or operator.lower() not in ("stringequals", "arnequals"):
        return None
    if not isinstance(clauses, dict) or len(clauses) != 1:
        return None
    ((key, value),) = clauses.items()
    values = as_list(value)
    if not isinstance(key, str) or key.lower() != "aws:sourcearn" or len(values) != 1:
        return None
    return values[0] if isinstance(values[0], str) and _DISTRIBUTION_ARN.fullmatch(values[0]) else None


def is_distribution_read(args: StackValidationArgs, bucket: Any, statement: dict[str, Any]) -> bool:
    """Whether an Allow `statement` of `bucket`'s policy is CloudFront reading objects for a distribution
    of the program that serves this bucket (origin access control), and, for a private bucket,
    one that serves signed links only. Anything else (another service, no or a wildcard
    `AWS:SourceArn`, a policy not built from such a distribution) is not."""
    if statement.get("Principal") != {"Service": CLOUDFRONT_SERVICE} and statement.get("Principal") != {
        "Service": [CLOUDFRONT_SERVICE]
    }:
        return False
    if {"NotAction", "NotResource", "NotPrincipal"} & statement.keys() or lower_actions(statement) != {"s3:getobject"}:
        return False
    if _single_source_arn(statement) is None:
        return False
    buckets = _of_types(args, *_BUCKET_TYPES)
    bucket_policies = _policies_by_bucket(args, buckets).get(bucket.urn, [])
    distributions = [
        d
        for policy in bucket_policies
        for d in policy.property_dependencies.get("policy", [])
        if d.resource_type in DISTRIBUTION_TYPES and bucket in served_buckets(d, buckets)
    ]
    if not distributions:
        return False
    return is_public(bucket.props) is True or all(trusts_key_groups(d) is True for d in distributions)


def _conditions(statement: dict[str, Any]) -> dict[tuple[str, str], list[Any]] | None:
    """(operator, key) -> values, lowercased operators and keys; None if malformed."""
    conditions = statement.get("Condition")
    if not isinstance(conditions, dict):
        return None
    found: dict[tuple[str, str], list[Any]] = {}
    for operator, clauses in conditions.items():
        if not isinstance(operator, str) or not isinstance(clauses, dict):
            return None
        for key, value in clauses.items():
            if not isinstance(key, str):
                return None
            found[(operator.lower(), key.lower())] = as_list(value)
    return found


def _log_delivery_account(statement: dict[str, Any], bucket_name: str) -> str | None:
    """The one account whose delivery sources `statement` lets CloudWatch Logs write logs for, under
    `AWSLogs/ACCOUNT/` of `bucket_name` only; None for anything else."""
    is_delivery = statement.get("Principal") in (
        {"Service": LOG_DELIVERY_SERVICE},
        {"Service": [LOG_DELIVERY_SERVICE]},
    )
    if not is_delivery or {"NotAction", "NotResource", "NotPrincipal"} & statement.keys():
        return None
    conditions = _conditions(statement)
    if conditions is None or lower_actions(statement) != {"s3:putobject"}:
        return None
    accounts = conditions.get(("stringequals", "aws:sourceaccount"), [])
    sources = conditions.get(("arnlike", "aws:sourcearn")) or conditions.get(("arnequals", "aws:sourcearn")) or []
    account = str(accounts[0]) if len(accounts) == 1 else ""
    pinned = (
        re.fullmatch(r"\d{12}", account) is not None
        and len(sources) == 1
        and re.fullmatch(rf"arn:aws[a-z-]*:logs:[a-z0-9-]+:{account}:delivery-source:[\w*-]+", str(sources[0]))
    )
    resources = as_list(statement.get("Resource"))
    within = bool(resources) and all(
        isinstance(r, str) and r.split(":::", 1)[-1].startswith(f"{bucket_name}/AWSLogs/{account}/") for r in resources
    )
    return account if pinned and within else None


def is_log_delivery_write(args: StackValidationArgs, bucket: Any, statement: dict[str, Any]) -> bool:
    """Whether an Allow `statement` of `bucket`'s policy is CloudWatch Logs writing vended logs (CloudFront
    standard logging v2) into a log bucket of the program: `s3:PutObject` under `AWSLogs/ACCOUNT/` only,
    pinned by `aws:SourceAccount` and `aws:SourceArn` to that account's delivery sources, into a
    bucket that a log delivery destination of the program names."""
    if statement.get("Principal") not in ({"Service": LOG_DELIVERY_SERVICE}, {"Service": [LOG_DELIVERY_SERVICE]}):
        return False
    name = prop(bucket.props, "bucket")
    if not isinstance(name, str) or _log_delivery_account(statement, name) is None:
        return False
    for destination in _of_types(args, *LOG_DESTINATION_TYPES):
        arn = prop(destination.props, "deliveryDestinationConfiguration", "destinationResourceArn")
        depends = bucket in destination.property_dependencies.get("deliveryDestinationConfiguration", [])
        if arn == f"arn:aws:s3:::{name}" or (not isinstance(arn, str) and depends):
            return True
    return False


# --- mandatory ---------------------------------------------------------------------------


def _check_private_origins_signed(args: StackValidationArgs, report: ReportViolation) -> None:
    buckets = _of_types(args, *_BUCKET_TYPES)
    for distribution in _of_types(args, *DISTRIBUTION_TYPES):
        private = [b for b in served_buckets(distribution, buckets) if is_public(b.props) is False]
        if private and trusts_key_groups(distribution) is False:
            names = ", ".join(b.name for b in private)
            report(
                f"{_distribution_label(distribution)} serves private media ({names}) to unsigned requests: "
                "give every cache behaviour trustedKeyGroups.",
                distribution.urn,
            )


private_media_signed_links = StackValidationPolicy(
    name="cloudfront-private-media-signed-links",
    description=(
        "A CloudFront distribution whose origin is a private media bucket (not tagged "
        "media-storage:visibility=public) must accept signed links only: set trustedKeyGroups on the "
        "default and every ordered cache behaviour (media-storage:cdn privateDelivery does)."
    ),
    enforcement_level=EnforcementLevel.MANDATORY,
    validate=_check_private_origins_signed,
)


def _check_https(args: ResourceValidationArgs, report: ReportViolation) -> None:
    for behaviour in behaviours(args):
        if isinstance(behaviour, dict):
            policy = behaviour.get("viewerProtocolPolicy")
            if policy is not UNKNOWN and policy not in HTTPS_VIEWER_POLICIES:
                report(
                    f"A cache behaviour lets viewers use plain http (viewerProtocolPolicy {policy!r}): set it to "
                    "redirect-to-https or https-only."
                )


https_only = ResourceValidationPolicy(
    name="cloudfront-https-only",
    description=(
        "Every cache behaviour of a CloudFront distribution needs viewerProtocolPolicy redirect-to-https "
        "(or https-only), so media and signed links never travel in plain http."
    ),
    enforcement_level=EnforcementLevel.MANDATORY,
    validate=for_types(DISTRIBUTION_TYPES, _check_https),
)


def _check_tls_minimum(args: ResourceValidationArgs, report: ReportViolation) -> None:
    certificate = prop(args.props, "viewerCertificate", default={})
    if not isinstance(certificate, dict) or certificate.get("cloudfrontDefaultCertificate") is True:
        return  # the *.cloudfront.net certificate takes no minimum (CloudFront allows TLSv1 there)
    if not (certificate.get("acmCertificateArn") or certificate.get("iamCertificateId")):
        return
    minimum = certificate.get("minimumProtocolVersion")
    if minimum is UNKNOWN:
        return
    if not (isinstance(minimum, str) and TLS_1_2_OR_NEWER.fullmatch(minimum)):
        report(
            f"The custom certificate accepts TLS below 1.2 (minimumProtocolVersion {minimum!r}): set "
            "minimumProtocolVersion to TLSv1.2_2021."
        )


tls_minimum = ResourceValidationPolicy(
    name="cloudfront-tls-1-2",
    description=(
        "A CloudFront distribution with a custom certificate needs viewerCertificate.minimumProtocolVersion "
        "TLSv1.2_2021 (or another TLSv1.2_*/TLSv1.3_* policy). The default *.cloudfront.net certificate takes "
        "no minimum and is not judged."
    ),
    enforcement_level=EnforcementLevel.MANDATORY,
    validate=for_types(DISTRIBUTION_TYPES, _check_tls_minimum),
)


def _check_cors(args: ResourceValidationArgs, report: ReportViolation) -> None:
    if args.resource_type in RESPONSE_HEADERS_TYPES:
        origins = prop(args.props, "corsConfig", "accessControlAllowOrigins", "items", default=[])
        if origins is not UNKNOWN:
            for origin in untrusted_origins(as_list(origins)):
                report(
                    f"The response headers policy's CORS allows the origin {origin!r}: list the app's exact origins "
                    "instead (https://...)."
                )
        return
    for behaviour in behaviours(args):
        if isinstance(behaviour, dict):
            managed = MANAGED_ANY_ORIGIN_CORS_POLICIES.get(behaviour.get("responseHeadersPolicyId"))
            if managed:
                report(
                    f"A cache behaviour uses {managed}, which allows every origin (*): use a response headers "
                    "policy of the program that lists the app's origins."
                )


cors_trusted_origins = ResourceValidationPolicy(
    name="cloudfront-cors-trusted-origins",
    description=(
        'CloudFront CORS may allow only named origins: no "*" (or wildcard subdomains) in a response '
        "headers policy's accessControlAllowOrigins, https:// except for http://localhost and "
        "http://127.0.0.1, and none of AWS's managed CORS policies (they allow *). Build a response "
        "headers policy from the app's origins (media-storage:corsOrigins)."
    ),
    enforcement_level=EnforcementLevel.MANDATORY,
    validate=for_types(DISTRIBUTION_TYPES + RESPONSE_HEADERS_TYPES, _check_cors),
)


def _enum(value: Any) -> Any:
    """An ARM enum value as ARM compares it (case-insensitively); UNKNOWN stays UNKNOWN."""
    return value.lower() if isinstance(value, str) else value


def _check_front_door_https(args: ResourceValidationArgs, report: ReportViolation) -> None:
    if args.resource_type in CDN_ENDPOINT_TYPES:
        _check_cdn_endpoint_https(args, report)
        return
    protocols = prop(args.props, "supportedProtocols", default=["Http", "Https"])
    protocols = protocols if protocols is UNKNOWN else [_enum(p) for p in as_list(protocols)]
    redirect = _enum(prop(args.props, "httpsRedirect", default="Disabled"))
    if protocols is not UNKNOWN and "http" in protocols and redirect not in ("enabled", UNKNOWN):
        report("The route serves plain http: accept Https only, or set httpsRedirect Enabled.")
    shown = prop(args.props, "forwardingProtocol", default="MatchRequest")
    forwarding = _enum(shown)
    if forwarding not in ("httpsonly", UNKNOWN) and not (
        forwarding == "matchrequest" and protocols is not UNKNOWN and protocols == ["https"]
    ):
        report(f"The route may reach the origin over plain http (forwardingProtocol {shown!r}).")


_STORAGE_HOST = re.compile(r"^[a-z0-9]+\.(?:blob|web|z\d+\.web)\.core\.windows\.net$", re.IGNORECASE)


def _check_cdn_endpoint_https(args: ResourceValidationArgs, report: ReportViolation) -> None:
    """A (classic) Azure CDN endpoint in front of a storage account: plain http is on unless turned off."""
    origins = prop(args.props, "origins", default=[])
    if origins is UNKNOWN:
        return
    hosts = [o.get("hostName") for o in as_list(origins) if isinstance(o, dict)]
    if not any(isinstance(h, str) and _STORAGE_HOST.match(h) for h in hosts):
        return  # not media storage
    if prop(args.props, "isHttpAllowed") is not False:
        report("The CDN endpoint serves storage over plain http (isHttpAllowed is not false): set it to false.")


front_door_https_only = ResourceValidationPolicy(
    name="frontdoor-https-only",
    description=(
        "An Azure Front Door route must not serve or forward plain http: supportedProtocols [Https] (or "
        "httpsRedirect Enabled) and forwardingProtocol HttpsOnly (ARM compares these case-insensitively); an "
        "Azure CDN endpoint (cdn.Endpoint) in front of a storage account sets isHttpAllowed false."
    ),
    enforcement_level=EnforcementLevel.MANDATORY,
    validate=for_types(FRONT_DOOR_ROUTE_TYPES + CDN_ENDPOINT_TYPES, _check_front_door_https),
)


def _check_front_door_tls(args: ResourceValidationArgs, report: ReportViolation) -> None:
    minimum = prop(args.props, "tlsSettings", "minimumTlsVersion", default="TLS12")
    if minimum not in ("TLS12", "TLS13", UNKNOWN):
        report(f"The custom domain accepts TLS below 1.2 (minimumTlsVersion {minimum!r}).")


front_door_tls_minimum = ResourceValidationPolicy(
    name="frontdoor-tls-1-2",
    description="An Azure Front Door custom domain needs tlsSettings.minimumTlsVersion TLS12 (or TLS13).",
    enforcement_level=EnforcementLevel.MANDATORY,
    validate=for_types(FRONT_DOOR_DOMAIN_TYPES, _check_front_door_tls),
)


def _check_front_door_cors(args: ResourceValidationArgs, report: ReportViolation) -> None:
    actions = prop(args.props, "actions", default=[])
    if actions is UNKNOWN:
        return
    for action in as_list(actions):
        parameters = action.get("parameters") if isinstance(action, dict) else None
        if not isinstance(parameters, dict):
            continue
        header = str(parameters.get("headerName", "")).lower()
        if header == "access-control-allow-origin" and parameters.get("headerAction") != "Delete":
            for origin in untrusted_origins([parameters.get("value")]):
                report(f"The rule answers CORS for the origin {origin!r}.")


front_door_cors_trusted_origins = ResourceValidationPolicy(
    name="frontdoor-cors-trusted-origins",
    description=(
        'An Azure Front Door rule may set Access-Control-Allow-Origin only to a named origin: no "*" (or '
        "wildcard subdomains), https:// except for http://localhost and http://127.0.0.1."
    ),
    enforcement_level=EnforcementLevel.MANDATORY,
    validate=for_types(FRONT_DOOR_RULE_TYPES, _check_front_door_cors),
)


# --- advisory ----------------------------------------------------------------------------


def _check_public_bucket_behind_cdn(args: StackValidationArgs, report: ReportViolation) -> None:
    distributions = _of_types(args, *DISTRIBUTION_TYPES)
    if not distributions:
        return
    buckets = _of_types(args, *_BUCKET_TYPES)
    fronted = {b.urn for d in distributions for b in served_buckets(d, buckets)}
    policies = _policies_by_bucket(args, buckets)
    for bucket in buckets:
        if bucket.urn not in fronted or is_public(bucket.props) is not True:
            continue
        sources = [prop(p.props, "policy") for p in policies.get(bucket.urn, [])] + [prop(bucket.props, "policy")]
        documents = [json_document(source) for source in sources]
        if any(
            statement.get("Effect") == "Allow" and principals(statement).anonymous
            for document in documents
            if document is not None
            for statement in statements(document)
        ):
            report(
                f"Bucket {bucket.name} is served by CloudFront but also readable by anyone: drop the anonymous "
                "statement and block public policies, so media is read (and cached, and logged) through the CDN.",
                bucket.urn,
            )


public_bucket_only_through_cdn = StackValidationPolicy(
    name="s3-public-bucket-only-through-cdn",
    description=(
        "A public media bucket that a CloudFront distribution serves should not also be anonymously "
        "readable: grant s3:GetObject to that distribution only (origin access control, AWS:SourceArn) "
        "and turn on all four public access block flags."
    ),
    enforcement_level=EnforcementLevel.ADVISORY,
    validate=_check_public_bucket_behind_cdn,
)

POLICIES = [
    private_media_signed_links,
    https_only,
    tls_minimum,
    cors_trusted_origins,
    front_door_https_only,
    front_door_tls_minimum,
    front_door_cors_trusted_origins,
    public_bucket_only_through_cdn,
]
