"""A CloudFront distribution that serves one media bucket through an origin access control."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pulumi
import pulumi_aws as aws

from ..component_args import require_args
from ..settings import Visibility
from .media_bucket import EXPOSED_HEADERS, READ_METHODS

CACHING_OPTIMIZED_POLICY_ID = "658327ea-f89d-4fab-a63d-7e88639e58f6"
"""AWS's managed cache policy `Managed-CachingOptimized` (long TTLs, gzip and brotli, no cookies or query)."""

CORS_S3_ORIGIN_REQUEST_POLICY_ID = "88a5eaf4-2fd4-4709-b370-b4c650ea3fcf"
"""AWS's managed origin request policy `Managed-CORS-S3Origin`: forwards `Origin` and the
`Access-Control-Request-*` headers, which S3 needs to answer CORS."""

MINIMUM_TLS_VERSION = "TLSv1.2_2021"
"""The viewer TLS floor with a custom certificate (the default `*.cloudfront.net` certificate takes none)."""

VIEWER_METHODS = (*READ_METHODS, "OPTIONS")
"""Reads only: uploads go straight to S3 with presigned URLs, never through the CDN."""


def cloudfront_name(*parts: str) -> str:
    """A name CloudFront accepts for policies and key groups: letters, digits, - and _, at most 128."""
    return re.sub(r"[^A-Za-z0-9_-]", "-", "-".join(parts))[:128]


@dataclass(frozen=True)
class MediaDistributionArgs:
    """Arguments of a `MediaDistribution`."""

    bucket: aws.s3.Bucket
    """The media bucket the distribution reads (its origin)."""

    visibility: Visibility
    """`public`: anyone may fetch through the distribution; `private`: only links signed by `trusted_key_group_id`."""

    resource_name: str
    """Base of the names CloudFront needs for the origin access control and the CORS policy, unique in the account."""

    cors_origins: Sequence[str] = ()
    """Origins allowed to load media with JavaScript; no CORS headers when empty."""

    cors_max_age_seconds: int = 3600
    """How long browsers may cache a preflight answer."""

    price_class: str = "PriceClass_100"
    """The edge locations that serve media."""

    domain: str | None = None
    """A custom domain (an alias) the distribution serves; needs `certificate_arn`."""

    certificate_arn: str | None = None
    """ACM certificate (us-east-1) for `domain`."""

    trusted_key_group_id: pulumi.Input[str] | None = None
    """The key group whose keys sign links; required for private media, where every request must be signed."""

    tags: Mapping[str, str] | None = None
    """Tags of the distribution."""

    def __post_init__(self) -> None:
        if self.visibility == "private" and self.trusted_key_group_id is None:
            raise ValueError("a distribution of private media needs a trusted key group: it serves signed links only")
        if (self.domain is None) != (self.certificate_arn is None):
            raise ValueError("a custom domain needs a certificate, and a certificate a domain")


class MediaDistribution(pulumi.ComponentResource):
    """CloudFront in front of a media bucket: HTTPS only, HTTP/2 and HTTP/3, compression, the managed
    CachingOptimized policy, CORS headers for the app's origins, and an origin access control
    (SigV4, always signing) so the bucket answers this distribution only."""

    distribution: aws.cloudfront.Distribution
    """The distribution resource."""

    distribution_arn: pulumi.Output[str]
    """The distribution's ARN, which the bucket policy names."""

    domain_name: pulumi.Output[str]
    """The domain links use: `domain` if set, else the distribution's `*.cloudfront.net` domain."""

    def __init__(self, name: str, args: MediaDistributionArgs, opts: pulumi.ResourceOptions | None = None) -> None:
        require_args("MediaDistribution", args, MediaDistributionArgs)
        super().__init__("media-storage:aws:MediaDistribution", name, None, opts)
        child = pulumi.ResourceOptions(parent=self)

        origin_access = aws.cloudfront.OriginAccessControl(
            f"{name}-origin-access",
            name=cloudfront_name(args.resource_name, "oac"),
            description=f"CloudFront reads the {args.visibility}-media bucket",
            origin_access_control_origin_type="s3",
            signing_behavior="always",
            signing_protocol="sigv4",
            opts=child,
        )
        response_headers = None
        if args.cors_origins:
            response_headers = aws.cloudfront.ResponseHeadersPolicy(
                f"{name}-cors",
                name=cloudfront_name(args.resource_name, "cors"),
                comment="CORS for the app's origins",
                cors_config={
                    "access_control_allow_credentials": False,
                    "access_control_allow_headers": {"items": ["*"]},
                    "access_control_allow_methods": {"items": list(VIEWER_METHODS)},
                    "access_control_allow_origins": {"items": list(args.cors_origins)},
                    "access_control_expose_headers": {"items": list(EXPOSED_HEADERS)},
                    "access_control_max_age_sec": args.cors_max_age_seconds,
                    "origin_override": True,
                },
                opts=child,
            )

        origin_id = f"{args.visibility}-media"
        behaviour: dict = {
            "target_origin_id": origin_id,
            "viewer_protocol_policy": "redirect-to-https",
            "allowed_methods": list(VIEWER_METHODS),
            "cached_methods": list(READ_METHODS),
            "compress": True,
            "cache_policy_id": CACHING_OPTIMIZED_POLICY_ID,
            "origin_request_policy_id": CORS_S3_ORIGIN_REQUEST_POLICY_ID,
        }
        if response_headers is not None:
            behaviour["response_headers_policy_id"] = response_headers.id
        if args.trusted_key_group_id is not None:
            behaviour["trusted_key_groups"] = [args.trusted_key_group_id]
        if args.certificate_arn:
            certificate = {
                "acm_certificate_arn": args.certificate_arn,
                "ssl_support_method": "sni-only",
                "minimum_protocol_version": MINIMUM_TLS_VERSION,
            }
        else:
            certificate = {"cloudfront_default_certificate": True}

        self.distribution = aws.cloudfront.Distribution(
            f"{name}-distribution",
            enabled=True,
            comment=f"{args.visibility} media of {args.resource_name}",
            http_version="http2and3",
            is_ipv6_enabled=True,
            price_class=args.price_class,
            aliases=[args.domain] if args.domain else None,
            origins=[
                {
                    "origin_id": origin_id,
                    "domain_name": args.bucket.bucket_regional_domain_name,
                    "origin_access_control_id": origin_access.id,
                }
            ],
            default_cache_behavior=behaviour,
            restrictions={"geo_restriction": {"restriction_type": "none"}},
            viewer_certificate=certificate,
            tags=dict(args.tags or {}),
            opts=child,
        )
        self.distribution_arn = self.distribution.arn
        self.domain_name = pulumi.Output.from_input(args.domain) if args.domain else self.distribution.domain_name
        self.register_outputs({"distribution_arn": self.distribution_arn, "domain_name": self.domain_name})
