"""Azure Front Door Standard in front of the public-media account."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pulumi
import pulumi_azure_native as azure_native
from pulumi_azure_native import cdn

from ..component_args import require_args

FRONT_DOOR_SKU = "Standard_AzureFrontDoor"
MINIMUM_TLS_VERSION = "TLS12"
COMPRESSED_TYPES = (
    "text/plain",
    "text/css",
    "text/csv",
    "application/javascript",
    "application/json",
    "application/xml",
    "image/svg+xml",
)
"""Media types worth compressing at the edge (images and video are compressed already)."""


@dataclass(frozen=True)
class MediaFrontDoorArgs:
    """Arguments of a `MediaFrontDoor`."""

    resource_group_name: pulumi.Input[str]
    """The resource group of the profile (the accounts')."""

    resource_name: str
    """Base of the profile's and the endpoint's names (`{app}-{environment}-media`)."""

    blob_endpoint: pulumi.Input[str]
    """The public account's blob endpoint, e.g. `https://account.blob.core.windows.net/` (the origin)."""

    cors_origins: Sequence[str] = ()
    """Origins allowed to load media with JavaScript: each gets its own `Access-Control-Allow-Origin`."""

    domain: str | None = None
    """A custom domain with a Front Door managed certificate (validated by a DNS TXT record)."""

    tags: Mapping[str, str] | None = None
    """Tags of the profile."""


class MediaFrontDoor(pulumi.ComponentResource):
    """An Azure Front Door Standard profile serving public media: one endpoint, an origin group with the
    public account's blob endpoint as its origin, a route (HTTPS only, caching and compression on), and
    a rule set that answers CORS for the app's origins; optionally a custom domain with a managed
    certificate and TLS 1.2 at least."""

    host_name: pulumi.Output[str]
    """The host links use: `domain` if set, else the endpoint's `*.azurefd.net` host."""

    endpoint_host_name: pulumi.Output[str]
    """The endpoint's own `*.azurefd.net` host (the CNAME target of a custom domain)."""

    def __init__(self, name: str, args: MediaFrontDoorArgs, opts: pulumi.ResourceOptions | None = None) -> None:
        require_args("MediaFrontDoor", args, MediaFrontDoorArgs)
        super().__init__("media-storage:azure:MediaFrontDoor", name, None, opts)
        child = pulumi.ResourceOptions(parent=self)
        group = args.resource_group_name
        profile = azure_native.cdn.Profile(
            f"{name}-profile",
            profile_name=args.resource_name,
            resource_group_name=group,
            location="global",
            sku={"name": FRONT_DOOR_SKU},
            tags=dict(args.tags or {}),
            opts=child,
        )
        endpoint = azure_native.cdn.AFDEndpoint(
            f"{name}-endpoint",
            endpoint_name=args.resource_name,
            profile_name=profile.name,
            resource_group_name=group,
            location="global",
            enabled_state="Enabled",
            tags=dict(args.tags or {}),
            opts=child,
        )
        origin_group = azure_native.cdn.AFDOriginGroup(
            f"{name}-origin-group",
            origin_group_name="public-media",
            profile_name=profile.name,
            resource_group_name=group,
            load_balancing_settings={
                "sample_size": 4,
                "successful_samples_required": 3,
                "additional_latency_in_milliseconds": 50,
            },
            session_affinity_state="Disabled",
            opts=child,
        )
        blob_host = pulumi.Output.from_input(args.blob_endpoint).apply(
            lambda url: url.removeprefix("https://").rstrip("/")
        )
        origin = azure_native.cdn.AFDOrigin(
            f"{name}-origin",
            origin_name="public-blob",
            origin_group_name=origin_group.name,
            profile_name=profile.name,
            resource_group_name=group,
            host_name=blob_host,
            origin_host_header=blob_host,
            http_port=80,
            https_port=443,
            priority=1,
            weight=1000,
            enabled_state="Enabled",
            enforce_certificate_name_check=True,
            opts=child,
        )
        rule_sets = []
        if args.cors_origins:
            cors = azure_native.cdn.RuleSet(
                f"{name}-cors", rule_set_name="cors", profile_name=profile.name, resource_group_name=group, opts=child
            )
            for order, allowed in enumerate(args.cors_origins, start=1):
                azure_native.cdn.Rule(
                    f"{name}-cors-{order}",
                    rule_name=f"origin{order}",
                    rule_set_name=cors.name,
                    profile_name=profile.name,
                    resource_group_name=group,
                    order=order,
                    # Typed arguments: plain dicts in these union-typed lists would reach Azure in snake_case.
                    conditions=[
                        cdn.DeliveryRuleRequestHeaderConditionArgs(
                            name="RequestHeader",
                            parameters=cdn.RequestHeaderMatchConditionParametersArgs(
                                type_name="DeliveryRuleRequestHeaderConditionParameters",
                                operator="Equal",
                                selector="Origin",
                                match_values=[allowed],
                                negate_condition=False,
                                transforms=[],
                            ),
                        )
                    ],
                    actions=[
                        _response_header("Access-Control-Allow-Origin", allowed),
                        # A cached answer for one origin must not be served to another.
                        _response_header("Vary", "Origin"),
                    ],
                    match_processing_behavior="Continue",
                    opts=child,
                )
            rule_sets.append({"id": cors.id})
        custom_domains = []
        if args.domain:
            custom_domain = azure_native.cdn.AFDCustomDomain(
                f"{name}-domain",
                custom_domain_name=args.domain.replace(".", "-"),
                host_name=args.domain,
                profile_name=profile.name,
                resource_group_name=group,
                tls_settings={"certificate_type": "ManagedCertificate", "minimum_tls_version": MINIMUM_TLS_VERSION},
                opts=child,
            )
            custom_domains.append({"id": custom_domain.id})
        azure_native.cdn.Route(
            f"{name}-route",
            route_name="public-media",
            endpoint_name=endpoint.name,
            profile_name=profile.name,
            resource_group_name=group,
            origin_group={"id": origin_group.id},
            supported_protocols=["Https"],
            https_redirect="Disabled",
            forwarding_protocol="HttpsOnly",
            link_to_default_domain="Enabled",
            patterns_to_match=["/*"],
            enabled_state="Enabled",
            cache_configuration={
                "query_string_caching_behavior": "IgnoreQueryString",
                "compression_settings": {
                    "is_compression_enabled": True,
                    "content_types_to_compress": list(COMPRESSED_TYPES),
                },
            },
            rule_sets=rule_sets or None,
            custom_domains=custom_domains or None,
            # Front Door refuses a route to an origin group that has no origin yet.
            opts=pulumi.ResourceOptions.merge(child, pulumi.ResourceOptions(depends_on=[origin])),
        )
        self.endpoint_host_name = endpoint.host_name
        self.host_name = pulumi.Output.from_input(args.domain) if args.domain else endpoint.host_name
        self.register_outputs({"host_name": self.host_name})


def _response_header(header: str, value: str) -> cdn.DeliveryRuleResponseHeaderActionArgs:
    """A rule action that sets one response header, replacing what the origin sent."""
    return cdn.DeliveryRuleResponseHeaderActionArgs(
        name="ModifyResponseHeader",
        parameters=cdn.HeaderActionParametersArgs(
            type_name="DeliveryRuleHeaderActionParameters", header_action="Overwrite", header_name=header, value=value
        ),
    )
