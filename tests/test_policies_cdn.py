"""Each CDN policy (policies/cdn.py) and how the S3 policies read CloudFront's access: name and level,
compliant cases and the violations they must catch."""

from __future__ import annotations

import json

import pulumi
import pulumi_aws as aws
import pulumi_azure_native as azure_native
import pytest

from media_storage.aws.media_distribution import CACHING_OPTIMIZED_POLICY_ID

from .policy_support import (
    PRIVATE,
    PUBLIC,
    anonymous,
    aws_storage,
    azure_storage,
    bucket,
    check,
    found,
    only,
    tls_deny,
)

CERTIFICATE = "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d"
FOREIGN_DISTRIBUTION = "arn:aws:cloudfront::123456789012:distribution/EFOREIGN12345"


def distribution(
    name, target, *, key_groups=None, viewer="redirect-to-https", certificate=None, headers_policy=None, **kwargs
):
    behaviour = {
        "target_origin_id": "media",
        "viewer_protocol_policy": viewer,
        "allowed_methods": ["GET", "HEAD"],
        "cached_methods": ["GET", "HEAD"],
        "cache_policy_id": CACHING_OPTIMIZED_POLICY_ID,
    }
    if key_groups is not None:
        behaviour["trusted_key_groups"] = key_groups
    if headers_policy is not None:
        behaviour["response_headers_policy_id"] = headers_policy
    return aws.cloudfront.Distribution(
        name,
        enabled=True,
        origins=[{"origin_id": "media", "domain_name": target.bucket_regional_domain_name}],
        default_cache_behavior=behaviour,
        restrictions={"geo_restriction": {"restriction_type": "none"}},
        viewer_certificate=certificate or {"cloudfront_default_certificate": True},
        **kwargs,
    )


def cloudfront_reads(target, source_arn, *, extra=()):
    """The bucket's policy: TLS only, and CloudFront reads objects for `source_arn` (an Output or a string)."""
    return aws.s3.BucketPolicy(
        f"{target._name}-policy",
        bucket=target.id,
        policy=pulumi.Output.all(target.arn, source_arn).apply(
            lambda values: json.dumps(
                {
                    "Version": "2012-10-17",
                    "Statement": [
                        tls_deny()(values[0]),
                        {
                            "Effect": "Allow",
                            "Principal": {"Service": "cloudfront.amazonaws.com"},
                            "Action": "s3:GetObject",
                            "Resource": f"{values[0]}/*",
                            "Condition": {"StringEquals": {"AWS:SourceArn": values[1]}},
                        },
                        *(statement(values[0]) for statement in extra),
                    ],
                }
            )
        ),
    )


def key_group():
    return aws.cloudfront.KeyGroup("signers", name="signers", items=["K2JCJMDEHXQW5F"])


@pytest.mark.parametrize(
    "cdn",
    [
        {"private_delivery": False},
        {"private_delivery": True},
        {"domain": "media.example.com", "certificate_arn": CERTIFICATE},
    ],
)
@pytest.mark.parametrize("credentials", ["key", "role"])
def test_the_components_with_a_cdn_pass_every_policy(cdn, credentials):
    report = check(aws_storage(credentials=credentials, cors_origins=("https://shop.example.com",), cdn=cdn))
    assert report.violations == []


# --- s3-no-foreign-principals reads CloudFront's origin access ----------------------------


def test_private_bucket_read_by_its_signed_distribution_passes():
    def program():
        target = bucket(tags=PRIVATE)
        cdn = distribution("private-cdn", target, key_groups=[key_group().id])
        cloudfront_reads(target, cdn.arn)

    report = check(program)
    assert found(report, "s3-no-foreign-principals") == []
    assert found(report, "s3-anonymous-read-only-public-objects") == []


def test_private_bucket_read_by_an_unsigned_distribution_fails_twice():
    def program():
        target = bucket(tags=PRIVATE)
        cdn = distribution("private-cdn", target)
        cloudfront_reads(target, cdn.arn)

    report = check(program)
    [foreign] = only(report, "s3-no-foreign-principals", "mandatory")
    assert "Service:cloudfront.amazonaws.com" in foreign.message and "private media" in foreign.message
    [unsigned] = only(report, "cloudfront-private-media-signed-links", "mandatory")
    assert unsigned.resourceName == "private-cdn" and "trustedKeyGroups" in unsigned.message


def test_cloudfront_pinned_to_a_distribution_outside_the_program_is_foreign():
    def program():
        target = bucket(tags=PRIVATE)
        distribution("private-cdn", target, key_groups=[key_group().id])
        cloudfront_reads(target, FOREIGN_DISTRIBUTION)  # not built from the program's distribution

    [violation] = only(check(program), "s3-no-foreign-principals", "mandatory")
    assert "cloudfront.amazonaws.com" in violation.message


def test_cloudfront_not_pinned_to_one_distribution_is_foreign():
    def program():
        target = bucket(tags=PRIVATE)
        cdn = distribution("private-cdn", target, key_groups=[key_group().id])
        cloudfront_reads(target, cdn.arn.apply(lambda arn: arn.rsplit("/", 1)[0] + "/*"))

    assert only(check(program), "s3-no-foreign-principals", "mandatory")


def test_cloudfront_pinned_to_a_distribution_serving_another_bucket_is_foreign():
    def program():
        target = bucket(tags=PRIVATE)
        other = bucket("other", tags=PRIVATE)
        cdn = distribution("other-cdn", other, key_groups=[key_group().id])
        cloudfront_reads(target, cdn.arn)

    violations = only(check(program), "s3-no-foreign-principals", "mandatory")
    assert [v.resourceName for v in violations] == ["media"]


def test_another_service_reading_private_media_still_fails():
    def program():
        target = bucket(tags=PRIVATE)
        cdn = distribution("private-cdn", target, key_groups=[key_group().id])
        aws.s3.BucketPolicy(
            "media-policy",
            bucket=target.id,
            policy=pulumi.Output.all(target.arn, cdn.arn).apply(
                lambda values: json.dumps(
                    {
                        "Version": "2012-10-17",
                        "Statement": [
                            {
                                "Effect": "Allow",
                                "Principal": {"Service": "logging.s3.amazonaws.com"},
                                "Action": "s3:GetObject",
                                "Resource": f"{values[0]}/*",
                                "Condition": {"StringEquals": {"AWS:SourceArn": values[1]}},
                            }
                        ],
                    }
                )
            ),
        )

    assert only(check(program), "s3-no-foreign-principals", "mandatory")


def test_an_origin_access_pinned_statement_is_not_anonymous():
    def program():
        target = bucket(tags=PUBLIC)
        cdn = distribution("public-cdn", target)
        cloudfront_reads(target, cdn.arn)

    report = check(program)
    assert found(report, "s3-anonymous-read-only-public-objects") == []
    assert found(report, "s3-no-foreign-principals") == []
    assert found(report, "s3-public-bucket-only-through-cdn") == []


# --- cloudfront-private-media-signed-links (mandatory) ----------------------------------


def test_public_bucket_needs_no_signed_links():
    report = check(lambda: distribution("public-cdn", bucket(tags=PUBLIC)))
    assert found(report, "cloudfront-private-media-signed-links") == []


def test_every_behaviour_of_a_private_distribution_must_be_signed():
    def program():
        group = key_group()
        target = bucket(tags=PRIVATE)
        distribution(
            "private-cdn",
            target,
            key_groups=[group.id],
            ordered_cache_behaviors=[
                {
                    "path_pattern": "thumbnails/*",
                    "target_origin_id": "media",
                    "viewer_protocol_policy": "redirect-to-https",
                    "allowed_methods": ["GET", "HEAD"],
                    "cached_methods": ["GET", "HEAD"],
                    "cache_policy_id": CACHING_OPTIMIZED_POLICY_ID,
                }
            ],
        )

    [violation] = only(check(program), "cloudfront-private-media-signed-links", "mandatory")
    assert violation.resourceName == "private-cdn"


def test_untagged_bucket_behind_a_distribution_counts_as_private():
    assert found(check(lambda: distribution("cdn", bucket())), "cloudfront-private-media-signed-links")


# --- cloudfront-https-only (mandatory) ---------------------------------------------------


@pytest.mark.parametrize("viewer", ["redirect-to-https", "https-only"])
def test_https_viewer_policies_pass(viewer):
    assert found(check(lambda: distribution("cdn", bucket(tags=PUBLIC), viewer=viewer)), "cloudfront-https-only") == []


def test_plain_http_viewers_fail():
    [violation] = only(
        check(lambda: distribution("cdn", bucket(tags=PUBLIC), viewer="allow-all")),
        "cloudfront-https-only",
        "mandatory",
    )
    assert "allow-all" in violation.message


# --- cloudfront-tls-1-2 (mandatory) ------------------------------------------------------


def custom_certificate(minimum):
    return {"acm_certificate_arn": CERTIFICATE, "ssl_support_method": "sni-only", "minimum_protocol_version": minimum}


@pytest.mark.parametrize("minimum", ["TLSv1.2_2021", "TLSv1.2_2019", "TLSv1.3_2025"])
def test_custom_certificate_with_tls_1_2_or_newer_passes(minimum):
    program = lambda: distribution(  # noqa: E731
        "cdn", bucket(tags=PUBLIC), certificate=custom_certificate(minimum), aliases=["media.example.com"]
    )
    assert found(check(program), "cloudfront-tls-1-2") == []


@pytest.mark.parametrize("minimum", ["TLSv1", "TLSv1_2016", "TLSv1.1_2016", "SSLv3"])
def test_custom_certificate_below_tls_1_2_fails(minimum):
    program = lambda: distribution(  # noqa: E731
        "cdn", bucket(tags=PUBLIC), certificate=custom_certificate(minimum), aliases=["media.example.com"]
    )
    [violation] = only(check(program), "cloudfront-tls-1-2", "mandatory")
    assert minimum in violation.message


def test_the_default_certificate_is_not_judged():
    assert found(check(lambda: distribution("cdn", bucket(tags=PUBLIC))), "cloudfront-tls-1-2") == []


# --- cloudfront-cors-trusted-origins (mandatory) -----------------------------------------


def headers_policy(*origins):
    return aws.cloudfront.ResponseHeadersPolicy(
        "cors",
        name="cors",
        cors_config={
            "access_control_allow_credentials": False,
            "access_control_allow_headers": {"items": ["*"]},
            "access_control_allow_methods": {"items": ["GET"]},
            "access_control_allow_origins": {"items": list(origins)},
            "origin_override": True,
        },
    )


def test_named_origins_pass():
    report = check(lambda: headers_policy("https://shop.example.com", "http://localhost:8000"))
    assert found(report, "cloudfront-cors-trusted-origins") == []


@pytest.mark.parametrize("origin", ["*", "https://*.example.com", "http://shop.example.com"])
def test_untrusted_origins_fail(origin):
    [violation] = only(check(lambda: headers_policy(origin)), "cloudfront-cors-trusted-origins", "mandatory")
    assert repr(origin) in violation.message


def test_a_managed_any_origin_cors_policy_fails():
    program = lambda: distribution(  # noqa: E731
        "cdn", bucket(tags=PUBLIC), headers_policy="60669652-455b-4ae9-85a4-c4c02393f86c"
    )
    [violation] = only(check(program), "cloudfront-cors-trusted-origins", "mandatory")
    assert "Managed-SimpleCORS" in violation.message


# --- s3-public-bucket-only-through-cdn (advisory) ----------------------------------------


def test_public_bucket_behind_a_cdn_and_anonymously_readable_is_advised_against():
    def program():
        target = bucket(tags=PUBLIC)
        cdn = distribution("public-cdn", target)
        cloudfront_reads(target, cdn.arn, extra=(anonymous(),))

    [violation] = only(check(program), "s3-public-bucket-only-through-cdn", "advisory")
    assert violation.resourceName == "media"


def test_public_bucket_without_a_cdn_may_be_anonymously_readable():
    def program():
        target = bucket(tags=PUBLIC)
        aws.s3.BucketPolicy(
            "media-policy",
            bucket=target.id,
            policy=target.arn.apply(
                lambda arn: json.dumps({"Version": "2012-10-17", "Statement": [tls_deny()(arn), anonymous()(arn)]})
            ),
        )

    assert found(check(program), "s3-public-bucket-only-through-cdn") == []


# --- Azure Front Door: frontdoor-https-only, frontdoor-tls-1-2, frontdoor-cors-trusted-origins (mandatory) --


@pytest.mark.parametrize("cdn", [{}, {"domain": "media.example.com"}])
@pytest.mark.parametrize("credentials", ["key", "identity"])
def test_the_azure_components_with_front_door_pass_every_policy(cdn, credentials):
    report = check(azure_storage(credentials=credentials, cors_origins=("https://shop.example.com",), cdn=cdn))
    assert report.violations == []


def route(**kwargs):
    return lambda: azure_native.cdn.Route(
        "route",
        route_name="media",
        endpoint_name="media",
        profile_name="profile",
        resource_group_name="group",
        origin_group={"id": "origin-group"},
        **kwargs,
    )


@pytest.mark.parametrize(
    "settings_",
    [
        {"supported_protocols": ["Https"], "forwarding_protocol": "HttpsOnly"},
        {"supported_protocols": ["Http", "Https"], "https_redirect": "Enabled", "forwarding_protocol": "HttpsOnly"},
        {"supported_protocols": ["Https"], "forwarding_protocol": "MatchRequest"},
    ],
)
def test_https_only_routes_pass(settings_):
    assert found(check(route(**settings_)), "frontdoor-https-only") == []


@pytest.mark.parametrize(
    ("settings_", "message"),
    [
        ({"supported_protocols": ["Http", "Https"], "forwarding_protocol": "HttpsOnly"}, "serves plain http"),
        ({"forwarding_protocol": "HttpsOnly"}, "serves plain http"),  # the default accepts both
        ({"supported_protocols": ["Https"], "forwarding_protocol": "HttpOnly"}, "'HttpOnly'"),
    ],
)
def test_routes_that_allow_http_fail(settings_, message):
    violations = only(check(route(**settings_)), "frontdoor-https-only", "mandatory")
    assert any(message in v.message for v in violations)


@pytest.mark.parametrize(("minimum", "fails"), [("TLS12", False), ("TLS13", False), ("TLS10", True)])
def test_front_door_custom_domain_tls(minimum, fails):
    def program():
        azure_native.cdn.AFDCustomDomain(
            "domain",
            host_name="media.example.com",
            profile_name="profile",
            resource_group_name="group",
            tls_settings={"certificate_type": "ManagedCertificate", "minimum_tls_version": minimum},
        )

    violations = found(check(program), "frontdoor-tls-1-2")
    assert bool(violations) is fails
    if fails:
        assert violations[0].enforcementLevel == "mandatory" and "TLS10" in violations[0].message


@pytest.mark.parametrize(("origin", "fails"), [("https://shop.example.com", False), ("*", True)])
def test_front_door_cors_rule(origin, fails):
    def program():
        azure_native.cdn.Rule(
            "cors",
            rule_set_name="cors",
            profile_name="profile",
            resource_group_name="group",
            order=1,
            actions=[
                azure_native.cdn.DeliveryRuleResponseHeaderActionArgs(
                    name="ModifyResponseHeader",
                    parameters=azure_native.cdn.HeaderActionParametersArgs(
                        type_name="DeliveryRuleHeaderActionParameters",
                        header_action="Overwrite",
                        header_name="Access-Control-Allow-Origin",
                        value=origin,
                    ),
                )
            ],
        )

    violations = found(check(program), "frontdoor-cors-trusted-origins")
    assert bool(violations) is fails
    if fails:
        assert violations[0].enforcementLevel == "mandatory" and "'*'" in violations[0].message


# --- s3-no-foreign-principals reads CloudWatch Logs' log delivery --------------------------

ACCOUNT = "123456789012"


def log_delivery(arn, *, account=ACCOUNT, resource=None, source=None, condition=None):
    return {
        "Effect": "Allow",
        "Principal": {"Service": "delivery.logs.amazonaws.com"},
        "Action": "s3:PutObject",
        "Resource": resource or f"{arn}/AWSLogs/{account}/*",
        "Condition": condition
        or {
            "StringEquals": {"aws:SourceAccount": account},
            "ArnLike": {"aws:SourceArn": source or f"arn:aws:logs:us-east-1:{account}:delivery-source:*"},
        },
    }


def log_bucket_program(statement, *, destination=True):
    def program():
        target = bucket("logs", tags=PRIVATE)
        aws.s3.BucketPolicy(
            "logs-policy",
            bucket=target.id,
            policy=target.arn.apply(
                lambda arn: json.dumps({"Version": "2012-10-17", "Statement": [tls_deny()(arn), statement(arn)]})
            ),
        )
        if destination:
            aws.cloudwatch.LogDeliveryDestination(
                "logs-destination",
                name="logs",
                region="us-east-1",
                delivery_destination_configuration={"destination_resource_arn": target.arn},
            )

    return program


def test_log_delivery_into_a_log_destination_bucket_passes():
    assert found(check(log_bucket_program(log_delivery)), "s3-no-foreign-principals") == []


@pytest.mark.parametrize(
    "statement",
    [
        lambda arn: log_delivery(arn, resource=f"{arn}/*"),  # beyond AWSLogs/ACCOUNT/
        lambda arn: log_delivery(arn, condition={"ArnLike": {"aws:SourceArn": "arn:aws:logs:*:*:*"}}),
        lambda arn: log_delivery(arn, source="arn:aws:logs:us-east-1:210987654321:delivery-source:*"),
        lambda arn: {**log_delivery(arn), "Action": ["s3:PutObject", "s3:GetObject"]},
        lambda arn: {**log_delivery(arn), "Principal": {"Service": "logging.s3.amazonaws.com"}},
    ],
    ids=["whole-bucket", "no-account-pin", "other-account-sources", "also-reads", "other-service"],
)
def test_log_delivery_not_pinned_or_wider_is_foreign(statement):
    assert only(check(log_bucket_program(statement)), "s3-no-foreign-principals", "mandatory")


def test_log_delivery_into_a_bucket_no_destination_names_is_foreign():
    assert only(check(log_bucket_program(log_delivery, destination=False)), "s3-no-foreign-principals", "mandatory")
