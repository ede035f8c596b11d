"""CloudFront in front of the media buckets (`media-storage:cdn`), asserted on the registered resources."""

from __future__ import annotations

import hashlib
import json
import uuid

import pytest
import yaml
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from media_storage import env_contract as names
from media_storage.aws.media_distribution import (
    CACHING_OPTIMIZED_POLICY_ID,
    CORS_S3_ORIGIN_REQUEST_POLICY_ID,
    MINIMUM_TLS_VERSION,
)
from media_storage.testing import DEFAULT_ACCOUNT_ID, Secret, read_stack_config, reveal, run_program

from .conftest import REPO_ROOT, aws_config
from .doc_snippets import snippet
from .test_stack_config import problems

BUCKET = "aws:s3/bucket:Bucket"
ACCESS_BLOCK = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"
POLICY = "aws:s3/bucketPolicy:BucketPolicy"
DISTRIBUTION = "aws:cloudfront/distribution:Distribution"
OAC = "aws:cloudfront/originAccessControl:OriginAccessControl"
RESPONSE_HEADERS = "aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy"
PUBLIC_KEY = "aws:cloudfront/publicKey:PublicKey"
KEY_GROUP = "aws:cloudfront/keyGroup:KeyGroup"
TLS_KEY = "tls:index/privateKey:PrivateKey"
ORIGINS = ["https://shop.example.com", "http://localhost:8000"]
CERTIFICATE = "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d"
PRIVATE_DELIVERY = json.dumps({"privateDelivery": True})

# The default stack's resources before the CDN existed: with the CDN off, nothing may change
# (the buckets are protected: a renamed resource would be a replaced bucket).
CDN_OFF_RESOURCES = {
    ("media-storage:aws:MediaStorage", "shop"),
    ("media-storage:aws:MediaBucket", "shop-public"),
    ("media-storage:aws:MediaBucket", "shop-private"),
    ("media-storage:aws:AppUser", "shop-app"),
    ("aws:iam/user:User", "shop-app-user"),
    ("aws:iam/accessKey:AccessKey", "shop-app-key-1"),
    ("aws:iam/userPolicy:UserPolicy", "shop-app-policy"),
    *(
        (type_, f"shop-{visibility}-{role}")
        for visibility in ("public", "private")
        for type_, role in (
            (BUCKET, "bucket"),
            ("aws:s3/bucketOwnershipControls:BucketOwnershipControls", "ownership"),
            (ACCESS_BLOCK, "public-access-block"),
            (POLICY, "policy"),
            ("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "encryption"),
            ("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "lifecycle"),
        )
    ),
    ("aws:s3/bucketVersioning:BucketVersioning", "shop-private-versioning"),
}


def mock_distribution_arn(name):
    token = hashlib.sha256(f"{DISTRIBUTION}/{name}".encode()).hexdigest()
    return f"arn:aws:cloudfront::{DEFAULT_ACCOUNT_ID}:distribution/E{token[:13].upper()}"


def statements(run, visibility):
    return json.loads(run.one(POLICY, f"shop-{visibility}-").get("policy"))["Statement"]


def test_without_cdn_the_resources_are_unchanged(aws_run):
    run = aws_run()
    assert {(r.type, r.name) for r in run.resources} == CDN_OFF_RESOURCES
    assert not [r for r in run.resources if r.type.startswith(("aws:cloudfront/", "tls:"))]
    env = run.outputs["env"]
    assert names.AWS_S3_CUSTOM_DOMAIN not in env and names.AWS_CLOUDFRONT_KEY not in env


def test_cdn_false_is_off(aws_run):
    assert {(r.type, r.name) for r in aws_run(cdn="false").resources} == CDN_OFF_RESOURCES


def test_with_cdn_every_existing_resource_keeps_its_name(aws_run):
    run = aws_run(cdn=PRIVATE_DELIVERY)
    urns = {r.urn for r in run.resources}
    assert {r.urn for r in aws_run().resources} <= urns


def test_public_distribution_reads_the_public_bucket_through_an_origin_access_control(aws_run):
    run = aws_run(cdn="true", corsOrigins=json.dumps(ORIGINS))
    [distribution] = run.of_type(DISTRIBUTION)
    oac = run.one(OAC, "shop-public-cdn")
    assert (oac.get("originAccessControlOriginType"), oac.get("signingBehavior"), oac.get("signingProtocol")) == (
        "s3",
        "always",
        "sigv4",
    )
    [origin] = distribution.get("origins")
    public_bucket = run.one(BUCKET, "shop-public-")
    assert origin["domainName"] == f"{public_bucket.get('bucket')}.s3.eu-west-1.amazonaws.com"
    assert origin["originAccessControlId"] == str(
        uuid.uuid5(uuid.NAMESPACE_URL, f"cloudfront/OriginAccessControl/{oac.name}")
    )
    assert oac.urn in distribution.property_dependencies["origins"]
    assert public_bucket.urn in distribution.property_dependencies["origins"]


def test_distribution_defaults(aws_run):
    run = aws_run(cdn="true", corsOrigins=json.dumps(ORIGINS))
    distribution = run.one(DISTRIBUTION, "shop-public-cdn")
    behaviour = distribution.get("defaultCacheBehavior")
    assert behaviour["viewerProtocolPolicy"] == "redirect-to-https"
    assert behaviour["compress"] is True
    assert behaviour["cachePolicyId"] == CACHING_OPTIMIZED_POLICY_ID
    assert behaviour["originRequestPolicyId"] == CORS_S3_ORIGIN_REQUEST_POLICY_ID
    assert sorted(behaviour["allowedMethods"]) == ["GET", "HEAD", "OPTIONS"]  # reads only: uploads go to S3
    assert "trustedKeyGroups" not in behaviour
    assert distribution.get("httpVersion") == "http2and3"
    assert distribution.get("priceClass") == "PriceClass_100"
    assert distribution.get("viewerCertificate") == {"cloudfrontDefaultCertificate": True}
    assert distribution.get("aliases") is None
    assert (
        run.one(RESPONSE_HEADERS, "shop-public-cdn").urn in distribution.property_dependencies["defaultCacheBehavior"]
    )


def test_cors_response_headers_policy_names_the_app_origins_never_a_wildcard(aws_run):
    run = aws_run(cdn="true", corsOrigins=json.dumps(ORIGINS))
    cors = run.one(RESPONSE_HEADERS, "shop-public-cdn").get("corsConfig")
    assert cors["accessControlAllowOrigins"] == {"items": ORIGINS}
    assert cors["accessControlAllowCredentials"] is False
    assert cors["originOverride"] is True
    assert cors["accessControlMaxAgeSec"] == 3600


def test_no_cors_origins_no_response_headers_policy(aws_run):
    run = aws_run(cdn="true")
    assert run.of_type(RESPONSE_HEADERS) == []
    assert "responseHeadersPolicyId" not in run.one(DISTRIBUTION).get("defaultCacheBehavior")


def test_price_class_is_configurable(aws_run):
    run = aws_run(cdn=json.dumps({"priceClass": "PriceClass_All"}))
    assert run.one(DISTRIBUTION).get("priceClass") == "PriceClass_All"


def test_behind_the_cdn_the_public_bucket_blocks_all_public_access(aws_run):
    block = aws_run(cdn="true").one(ACCESS_BLOCK, "shop-public-").inputs
    assert {
        block[flag] for flag in ("blockPublicAcls", "ignorePublicAcls", "blockPublicPolicy", "restrictPublicBuckets")
    } == {True}


def test_behind_the_cdn_the_public_bucket_is_read_only_by_its_distribution(aws_run):
    run = aws_run(cdn="true")
    allows = [s for s in statements(run, "public") if s["Effect"] == "Allow"]
    public_bucket = run.one(BUCKET, "shop-public-").get("bucket")
    assert allows == [
        {
            "Sid": "CloudFrontReadsObjects",
            "Effect": "Allow",
            "Principal": {"Service": "cloudfront.amazonaws.com"},
            "Action": "s3:GetObject",
            "Resource": f"arn:aws:s3:::{public_bucket}/*",
            "Condition": {"StringEquals": {"AWS:SourceArn": mock_distribution_arn("shop-public-cdn-distribution")}},
        }
    ]
    assert not [s for s in statements(run, "public") if s.get("Principal") == "*" and s["Effect"] == "Allow"]
    assert "DenyInsecureTransport" in {s["Sid"] for s in statements(run, "public")}


def test_the_bucket_policy_waits_for_the_distribution(aws_run):
    run = aws_run(cdn=PRIVATE_DELIVERY)
    for visibility in ("public", "private"):
        policy = run.one(POLICY, f"shop-{visibility}-")
        distribution = run.one(DISTRIBUTION, f"shop-{visibility}-cdn")
        assert distribution.urn in policy.property_dependencies["policy"]
        assert distribution.urn in policy.dependencies


def test_without_private_delivery_private_media_stays_on_s3(aws_run):
    run = aws_run(cdn="true")
    assert [d.name for d in run.of_type(DISTRIBUTION)] == ["shop-public-cdn-distribution"]
    assert [s["Sid"] for s in statements(run, "private")] == ["DenyInsecureTransport"]
    env = run.outputs["env"]
    assert names.AWS_PRIVATE_S3_CUSTOM_DOMAIN not in env and names.AWS_CLOUDFRONT_KEY_ID not in env
    assert run.of_type(TLS_KEY) == [] and run.of_type(KEY_GROUP) == []


def test_private_distribution_trusts_only_the_generated_key_group(aws_run):
    run = aws_run(cdn=PRIVATE_DELIVERY)
    private = run.one(DISTRIBUTION, "shop-private-cdn")
    key_group = run.one(KEY_GROUP)
    behaviour = private.get("defaultCacheBehavior")
    assert len(behaviour["trustedKeyGroups"]) == 1
    assert key_group.urn in private.property_dependencies["defaultCacheBehavior"]
    [origin] = private.get("origins")
    assert origin["domainName"].startswith(run.one(BUCKET, "shop-private-").get("bucket") + ".s3.")
    tls_key = run.one(TLS_KEY)
    assert (tls_key.get("algorithm"), tls_key.get("rsaBits")) == ("RSA", 2048)
    public_key = run.one(PUBLIC_KEY)
    assert public_key.get("encodedKey").startswith("-----BEGIN PUBLIC KEY-----")
    assert tls_key.urn in public_key.property_dependencies["encodedKey"]
    assert public_key.urn in key_group.property_dependencies["items"]
    allows = [s for s in statements(run, "private") if s["Effect"] == "Allow"]
    assert [s["Condition"]["StringEquals"]["AWS:SourceArn"] for s in allows] == [
        mock_distribution_arn("shop-private-cdn-distribution")
    ]
    block = run.one(ACCESS_BLOCK, "shop-private-").inputs
    assert block["blockPublicPolicy"] is True and block["restrictPublicBuckets"] is True


def test_mock_runner_generates_a_real_rsa_key_pair(aws_run):
    env = reveal(aws_run(cdn=PRIVATE_DELIVERY).outputs["env"])
    key = serialization.load_pem_private_key(env[names.AWS_CLOUDFRONT_KEY].encode(), password=None)
    assert isinstance(key, rsa.RSAPrivateKey) and key.key_size == 2048


@pytest.mark.parametrize(
    "credentials",
    [
        {"credentials": "key"},
        {"credentials": "key", "keyDelivery": '["secretsManager"]'},
        {"credentials": "key", "keyDelivery": '["output", "ssm"]'},
        {"credentials": "role"},
    ],
)
def test_env_with_private_delivery_in_every_credential_mode(aws_run, credentials):
    run = aws_run(cdn=PRIVATE_DELIVERY, **credentials)
    env = run.outputs["env"]
    domain = reveal(env[names.AWS_S3_CUSTOM_DOMAIN])
    private_domain = reveal(env[names.AWS_PRIVATE_S3_CUSTOM_DOMAIN])
    assert domain.endswith(".cloudfront.net") and private_domain.endswith(".cloudfront.net")
    assert domain != private_domain
    assert isinstance(env[names.AWS_CLOUDFRONT_KEY], Secret)
    assert reveal(env[names.AWS_CLOUDFRONT_KEY]).startswith("-----BEGIN RSA PRIVATE KEY-----")
    assert not isinstance(env[names.AWS_CLOUDFRONT_KEY_ID], Secret)
    assert reveal(env[names.AWS_CLOUDFRONT_KEY_ID]).startswith("K")
    # The key never appears in plain text anywhere in the outputs.
    plain = json.dumps({k: v for k, v in env.items() if not isinstance(v, Secret)}, default=str)
    assert "PRIVATE KEY" not in plain


def test_public_dsn_links_through_the_distribution(aws_run):
    env = reveal(aws_run(cdn="true").outputs["env"])
    domain = env[names.AWS_S3_CUSTOM_DOMAIN]
    assert domain.endswith(".cloudfront.net")
    assert env[names.DEFAULT_STORAGE_DSN].endswith(f"domain={domain}")
    assert "domain=" not in env[names.PRIVATE_STORAGE_DSN]


def test_two_signing_key_generations_are_both_trusted_and_the_newest_signs(aws_run):
    run = aws_run(cdn=json.dumps({"privateDelivery": True, "signingKeyGenerations": ["2026-11", "2027-05"]}))
    keys = run.of_type(PUBLIC_KEY)
    assert sorted(k.name for k in keys) == ["shop-signing-keys-2026-11", "shop-signing-keys-2027-05"]
    key_group = run.one(KEY_GROUP)
    assert {k.urn for k in keys} <= set(key_group.property_dependencies["items"])
    assert len(key_group.get("items")) == 2
    env = reveal(run.outputs["env"])
    newest = run.one(TLS_KEY, "2027-05")
    token = hashlib.sha256(f"{PUBLIC_KEY}/shop-signing-keys-2027-05".encode()).hexdigest()
    assert env[names.AWS_CLOUDFRONT_KEY_ID] == "K" + token[:13].upper()
    assert newest.name == "shop-signing-keys-2027-05-private-key"


def test_custom_domain_with_certificate_and_tls_1_2(aws_run):
    run = aws_run(cdn=json.dumps({"domain": "media.shop.example.com", "certificateArn": CERTIFICATE}))
    distribution = run.one(DISTRIBUTION)
    assert distribution.get("aliases") == ["media.shop.example.com"]
    assert distribution.get("viewerCertificate") == {
        "acmCertificateArn": CERTIFICATE,
        "sslSupportMethod": "sni-only",
        "minimumProtocolVersion": MINIMUM_TLS_VERSION,
    }
    assert reveal(run.outputs["env"][names.AWS_S3_CUSTOM_DOMAIN]) == "media.shop.example.com"


def test_distribution_is_tagged_with_its_visibility(aws_run):
    run = aws_run(cdn=PRIVATE_DELIVERY)
    for visibility in ("public", "private"):
        assert run.one(DISTRIBUTION, f"shop-{visibility}-").get("tags")["media-storage:visibility"] == visibility


@pytest.mark.parametrize(
    ("settings_", "expected"),
    [
        (
            {
                "cdn": json.dumps(
                    {"domain": "media.example.com", "certificateArn": CERTIFICATE.replace("us-east-1", "eu-west-1")}
                )
            },
            "media-storage:cdn.certificateArn: CloudFront only takes certificates from ACM in us-east-1; this one is in "
            "eu-west-1: request or import the certificate in us-east-1; got "
            f"{CERTIFICATE.replace('us-east-1', 'eu-west-1')!r}",
        ),
        (
            {"cdn": json.dumps({"domain": "https://media.example.com", "certificateArn": CERTIFICATE})},
            "media-storage:cdn.domain: expected a lowercase DNS name such as media.example.com, without scheme, port, "
            "path or trailing dot; got 'https://media.example.com'",
        ),
        (
            {"cdn": json.dumps({"domain": "media.example.com/media", "certificateArn": CERTIFICATE})},
            "media-storage:cdn.domain: expected a lowercase DNS name such as media.example.com, without scheme, port, "
            "path or trailing dot; got 'media.example.com/media'",
        ),
        (
            {"cdn": json.dumps({"certificateArn": "arn:aws:acm:us-east-1:123:certificate/x"})},
            "media-storage:cdn.certificateArn: expected an ACM certificate ARN such as "
            "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d; "
            "got 'arn:aws:acm:us-east-1:123:certificate/x'",
        ),
        (
            {"cdn": json.dumps({"domain": "media.example.com"})},
            "media-storage:cdn: set domain and certificateArn together: a custom domain needs a certificate covering "
            'it; got {"domain": "media.example.com"}',
        ),
        (
            {"cdn": "true", "customDomain": "media.example.com"},
            "media-storage:cdn: with a CDN, set the public domain as cdn.domain (with cdn.certificateArn), not "
            "customDomain; got true",
        ),
        (
            {"cdn": json.dumps({"signingKeyGenerations": ["2"]})},
            "media-storage:cdn: signingKeyGenerations only applies with privateDelivery: true; "
            'got {"signingKeyGenerations": ["2"]}',
        ),
        (
            {"cdn": json.dumps({"privateDelivery": True, "signingKeyGenerations": ["1", "2", "3"]})},
            "media-storage:cdn.signingKeyGenerations: list one or two labels: the newest signs links, the other stays "
            'trusted while rotating; got ["1", "2", "3"]',
        ),
        (
            {"cdn": json.dumps({"priceClass": "PriceClass_50"})},
            "media-storage:cdn.priceClass: Input should be 'PriceClass_100', 'PriceClass_200' or 'PriceClass_All'; "
            "got 'PriceClass_50'",
        ),
    ],
)
def test_cdn_mistakes_get_one_clear_message(run_stack, settings_, expected):
    assert problems(run_stack(aws_config(**settings_))) == [expected]


def test_cdn_is_refused_with_an_emulator(run_stack):
    run = run_stack(aws_config(cdn="true", endpointUrl="http://127.0.0.1:5000", requireTls="false"))
    assert problems(run) == [
        "media-storage:cdn: CloudFront cannot reach an emulator's endpointUrl; leave cdn out for emulators; got true"
    ]


def test_the_documented_cdn_config_is_valid_and_turns_on_both_distributions(aws_run):
    config = yaml.safe_load(snippet("cdn-config"))["config"]
    run = aws_run(**config)
    assert sorted(d.name for d in run.of_type(DISTRIBUTION)) == [
        "shop-private-cdn-distribution",
        "shop-public-cdn-distribution",
    ]


def test_the_cdn_stack_file_has_private_delivery_on_default_domains():
    config = read_stack_config(REPO_ROOT, "dev-cdn")
    assert config["media-storage:cdn"] == {"privateDelivery": True, "priceClass": "PriceClass_100"}
    run = run_program(REPO_ROOT, stack="dev-cdn").raise_for_error()
    env = reveal(run.outputs["env"])
    assert env[names.AWS_S3_CUSTOM_DOMAIN].endswith(".cloudfront.net")
    assert env[names.AWS_PRIVATE_S3_CUSTOM_DOMAIN].endswith(".cloudfront.net")


# --- access logs: CloudFront standard logging v2 ---------------------------------------------

LOG_SOURCE = "aws:cloudwatch/logDeliverySource:LogDeliverySource"
LOG_DESTINATION = "aws:cloudwatch/logDeliveryDestination:LogDeliveryDestination"
LOG_DELIVERY = "aws:cloudwatch/logDelivery:LogDelivery"
LOGGED = json.dumps({"privateDelivery": True, "accessLogs": True, "accessLogRetentionDays": 30})


def test_no_access_logs_unless_asked(aws_run):
    run = aws_run(cdn=PRIVATE_DELIVERY)
    assert not [r for r in run.resources if r.type.startswith("aws:cloudwatch/") or "cdn-logs" in r.name]


def test_access_logs_go_to_a_private_bucket_without_acls(aws_run):
    run = aws_run(cdn=LOGGED)
    bucket = run.one(BUCKET, "cdn-logs")
    assert bucket.protect is True
    assert bucket.get("tags")["media-storage:visibility"] == "private"
    block = run.one(ACCESS_BLOCK, "cdn-logs").inputs
    assert {
        block[f] for f in ("blockPublicAcls", "ignorePublicAcls", "blockPublicPolicy", "restrictPublicBuckets")
    } == {True}
    ownership = run.one("aws:s3/bucketOwnershipControls:BucketOwnershipControls", "cdn-logs")
    assert ownership.get("rule") == {"objectOwnership": "BucketOwnerEnforced"}
    rules = run.one("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "cdn-logs").get("rules")
    expiry = next(r for r in rules if r["id"] == "expire-temporary-objects")
    assert expiry["filter"] == {"prefix": "AWSLogs/"} and expiry["expiration"] == {"days": 30}


def test_only_log_delivery_of_this_account_may_write_logs(aws_run):
    run = aws_run(cdn=LOGGED)
    bucket = run.one(BUCKET, "cdn-logs").get("bucket")
    statements_ = json.loads(run.one(POLICY, "cdn-logs").get("policy"))["Statement"]
    assert [s["Sid"] for s in statements_] == ["DenyInsecureTransport", "LogDeliveryWritesLogs"]
    write = statements_[1]
    assert write["Principal"] == {"Service": "delivery.logs.amazonaws.com"}
    assert write["Action"] == "s3:PutObject"
    assert write["Resource"] == f"arn:aws:s3:::{bucket}/AWSLogs/{DEFAULT_ACCOUNT_ID}/*"
    assert write["Condition"]["StringEquals"]["aws:SourceAccount"] == DEFAULT_ACCOUNT_ID
    assert write["Condition"]["ArnLike"]["aws:SourceArn"] == (
        f"arn:aws:logs:us-east-1:{DEFAULT_ACCOUNT_ID}:delivery-source:*"
    )


def test_each_distribution_delivers_its_logs_in_us_east_1(aws_run):
    run = aws_run(cdn=LOGGED)
    destination = run.one(LOG_DESTINATION)
    assert destination.get("region") == "us-east-1"
    assert run.one(BUCKET, "cdn-logs").urn in destination.property_dependencies["deliveryDestinationConfiguration"]
    for visibility in ("public", "private"):
        source = run.one(LOG_SOURCE, f"-{visibility}-")
        assert (source.get("logType"), source.get("region")) == ("ACCESS_LOGS", "us-east-1")
        assert run.one(DISTRIBUTION, f"-{visibility}-cdn").urn in source.property_dependencies["resourceArn"]
        delivery = run.one(LOG_DELIVERY, f"cdn-logs-{visibility}")
        assert source.urn in delivery.property_dependencies["deliverySourceName"]
        assert destination.urn in delivery.property_dependencies["deliveryDestinationArn"]
        # The destination checks it may write: the log bucket (and its policy) come first.
        assert run.one(POLICY, "cdn-logs").urn in delivery.dependencies
    # no legacy ACL-based logging on the distributions
    assert all(d.get("loggingConfig") is None for d in run.of_type(DISTRIBUTION))


def test_retention_without_access_logs_is_refused(run_stack):
    run = run_stack(aws_config(cdn=json.dumps({"accessLogRetentionDays": 30})))
    assert problems(run) == [
        "media-storage:cdn: accessLogRetentionDays only applies with accessLogs: true; "
        'got {"accessLogRetentionDays": 30}'
    ]
