"""Cloudflare R2: the buckets, their public domain, the app's token and its S3 keys, the env and the config."""

from __future__ import annotations

import hashlib
import json
import re

import pytest

from media_storage import env_contract as names
from media_storage.testing import UNKNOWN, Secret, reveal

from .s3_compatible_support import ACCOUNT_ID, R2_BASE, ZONE_ID, config, problems

BUCKET = "cloudflare:index/r2Bucket:R2Bucket"
CORS = "cloudflare:index/r2BucketCors:R2BucketCors"
LIFECYCLE = "cloudflare:index/r2BucketLifecycle:R2BucketLifecycle"
MANAGED_DOMAIN = "cloudflare:index/r2ManagedDomain:R2ManagedDomain"
CUSTOM_DOMAIN = "cloudflare:index/r2CustomDomain:R2CustomDomain"
TOKEN = "cloudflare:index/accountToken:AccountToken"
VISIBILITIES = ("public", "private")
R2_NAME = re.compile(r"[a-z0-9][a-z0-9-]{1,61}[a-z0-9]")
ITEM_READ, ITEM_WRITE = "6a018a9f2fc74eb6b293b0c548f38b39", "2efd5506f9c8494dacb1fa10a3e7d5b6"


@pytest.fixture
def r2_run(run_stack):
    def run(*, preview: bool = False, **settings):
        return run_stack(config(R2_BASE, **settings), preview=preview).raise_for_error()

    return run


def test_two_buckets_in_the_account_named_within_the_r2_rules(r2_run):
    run = r2_run()
    assert len(run.of_type(BUCKET)) == 2
    for visibility in VISIBILITIES:
        bucket = run.one(BUCKET, f"shop-{visibility}-")
        assert R2_NAME.fullmatch(bucket.get("name")), bucket.get("name")
        assert bucket.get("name").startswith(f"shop-dev-{visibility}-")
        assert bucket.get("accountId") == ACCOUNT_ID
        assert bucket.get("location") is None
    assert r2_run(locationHint="weur").one(BUCKET, "shop-public-").get("location") == "weur"


def test_names_stay_within_the_r2_rules_for_long_stack_names(run_stack):
    stack = "Feature.Branch_" + "x" * 80
    run = run_stack(config(R2_BASE, app="a" * 32), stack=stack).raise_for_error()
    names_ = [bucket.get("name") for bucket in run.of_type(BUCKET)]
    assert len(set(names_)) == 2
    assert all(R2_NAME.fullmatch(name) for name in names_), names_


@pytest.mark.parametrize("visibility", VISIBILITIES)
def test_buckets_are_protected(r2_run, visibility):
    assert r2_run().one(BUCKET, f"shop-{visibility}-").protect is True
    assert not r2_run(protect=False).one(BUCKET, f"shop-{visibility}-").protect


def test_only_the_public_bucket_gets_a_domain_by_default_its_r2_dev_one(r2_run):
    run = r2_run()
    (domain,) = run.of_type(MANAGED_DOMAIN)
    assert domain.get("bucketName") == run.one(BUCKET, "shop-public-").get("name")
    assert domain.get("enabled") is True
    assert run.of_type(CUSTOM_DOMAIN) == []


def test_a_custom_domain_replaces_the_r2_dev_domain_for_the_public_bucket_only(r2_run):
    run = r2_run(customDomain="media.shop.example.com", customDomainZoneId=ZONE_ID)
    assert run.of_type(MANAGED_DOMAIN) == []
    (domain,) = run.of_type(CUSTOM_DOMAIN)
    assert domain.get("bucketName") == run.one(BUCKET, "shop-public-").get("name")
    assert (domain.get("domain"), domain.get("zoneId"), domain.get("enabled")) == (
        "media.shop.example.com",
        ZONE_ID,
        True,
    )
    assert domain.get("minTls") == "1.2"


def test_lifecycle_aborts_uploads_expires_the_temporary_prefix_and_moves_to_infrequent_access(r2_run):
    run = r2_run(
        lifecycle={"abortIncompleteUploadsAfterDays": 3, "temporaryExpirationDays": 2, "infrequentAccessAfterDays": 90}
    )
    for visibility in VISIBILITIES:
        rules = {rule["id"]: rule for rule in run.one(LIFECYCLE, f"shop-{visibility}-").get("rules")}
        assert rules["abort-incomplete-multipart-uploads"]["conditions"] == {"prefix": ""}
        assert rules["abort-incomplete-multipart-uploads"]["abortMultipartUploadsTransition"] == {
            "condition": {"type": "Age", "maxAge": 3 * 86400}
        }
        assert rules["expire-temporary-objects"]["conditions"] == {"prefix": "tmp/"}
        assert rules["expire-temporary-objects"]["deleteObjectsTransition"] == {
            "condition": {"type": "Age", "maxAge": 2 * 86400}
        }
        assert rules["move-to-infrequent-access"]["storageClassTransitions"] == [
            {"condition": {"type": "Age", "maxAge": 90 * 86400}, "storageClass": "InfrequentAccess"}
        ]


def test_cors_allows_the_app_origins_and_uploads_only_when_asked(r2_run):
    origins = ["https://shop.example.com"]
    assert r2_run().of_type(CORS) == []
    (rule,) = r2_run(corsOrigins=origins).one(CORS, "shop-public-").get("rules")
    assert rule["allowed"] == {"origins": origins, "methods": ["GET", "HEAD"], "headers": ["*"]}
    (rule,) = r2_run(corsOrigins=origins, browserUploads=True).one(CORS, "shop-private-").get("rules")
    assert rule["allowed"]["methods"] == ["GET", "HEAD", "PUT"]


def test_the_token_reads_and_writes_objects_of_exactly_the_two_buckets(r2_run):
    run = r2_run()
    token = run.one(TOKEN)
    assert token.get("name") == "shop-dev-media"
    assert token.get("accountId") == ACCOUNT_ID
    (policy,) = token.get("policies")
    assert policy["effect"] == "allow"
    assert sorted(group["id"] for group in policy["permissionGroups"]) == sorted([ITEM_READ, ITEM_WRITE])
    buckets = [run.one(BUCKET, f"shop-{v}-").get("name") for v in VISIBILITIES]
    assert json.loads(policy["resources"]) == {
        f"com.cloudflare.edge.r2.bucket.{ACCOUNT_ID}_default_{bucket}": "*" for bucket in buckets
    }
    assert "value" in token.request.additionalSecretOutputs


def test_the_s3_keys_derive_from_the_token_as_cloudflare_documents(r2_run, run_stack):
    from media_storage.testing import MediaStorageMocks

    env = reveal(r2_run().outputs["env"])
    # The mock token's id and value, as the engine would return them.
    computed, token_id = MediaStorageMocks()._computed(
        type("Args", (), {"typ": TOKEN, "name": "shop-app-token", "inputs": {}, "provider": ""})()
    )
    assert env[names.AWS_ACCESS_KEY_ID] == token_id
    assert env[names.AWS_SECRET_ACCESS_KEY] == hashlib.sha256(computed["value"].encode()).hexdigest()
    assert re.fullmatch(r"[0-9a-f]{64}", env[names.AWS_SECRET_ACCESS_KEY])


def test_env_is_the_s3_contract_with_the_r2_endpoint_and_the_public_host(r2_run):
    run = r2_run()
    env = run.outputs["env"]
    assert set(env) == {v.name for v in names.R2_VARIABLES}
    assert names.AWS_DEFAULT_ACL not in env, "R2 has no object ACLs"
    plain = reveal(env)
    assert plain[names.MEDIA_STORAGE_BACKEND] == "s3"
    assert plain[names.AWS_STORAGE_BUCKET_NAME] == run.outputs["publicBucketName"]
    assert plain[names.AWS_PRIVATE_STORAGE_BUCKET_NAME] == run.outputs["privateBucketName"]
    assert plain[names.AWS_S3_ENDPOINT_URL] == f"https://{ACCOUNT_ID}.r2.cloudflarestorage.com"
    assert plain[names.AWS_S3_REGION_NAME] == "auto"
    assert plain[names.AWS_S3_SIGNATURE_VERSION] == "s3v4"
    assert plain[names.AWS_S3_ADDRESSING_STYLE] == "path"
    assert re.fullmatch(r"pub-[0-9a-f]{32}\.r2\.dev", plain[names.AWS_S3_CUSTOM_DOMAIN])
    assert plain[names.AWS_S3_CUSTOM_DOMAIN] == run.outputs["publicDomain"]
    assert all(isinstance(value, str) for value in plain.values())


def test_with_a_custom_domain_the_public_host_is_that_domain(r2_run):
    env = r2_run(customDomain="media.shop.example.com", customDomainZoneId=ZONE_ID).outputs["env"]
    assert env[names.AWS_S3_CUSTOM_DOMAIN] == "media.shop.example.com"


def test_the_keys_are_secrets_and_nothing_else_is(r2_run):
    env = r2_run().outputs["env"]
    secret = {names.AWS_ACCESS_KEY_ID, names.AWS_SECRET_ACCESS_KEY}
    assert {name for name, value in env.items() if isinstance(value, Secret)} == secret
    assert {v.name for v in names.R2_VARIABLES if v.secret} == secret


def test_a_preview_keeps_the_keys_secret(r2_run):
    env = r2_run(preview=True).outputs["env"]
    assert env[names.AWS_SECRET_ACCESS_KEY] == Secret(UNKNOWN)
    assert env[names.AWS_ACCESS_KEY_ID] == Secret(UNKNOWN)


@pytest.mark.parametrize(
    ("settings_", "expected"),
    [
        ({"accountId": None}, "media-storage:accountId: required"),
        (
            {"accountId": "my-account"},
            "media-storage:accountId: expected a Cloudflare id: 32 lowercase hexadecimal characters; got 'my-account'",
        ),
        (
            {"customDomain": "media.shop.example.com"},
            "media-storage:customDomainZoneId: required with customDomain: the id of the Cloudflare zone that "
            "holds media.shop.example.com",
        ),
        (
            {"customDomainZoneId": ZONE_ID},
            f"media-storage:customDomainZoneId: only applies with customDomain; got '{ZONE_ID}'",
        ),
        (
            {"versioning": {"private": True}},
            "media-storage:versioning: R2 has no object versioning: set versioning.public and versioning.private "
            'to false (back up private media another way); got {"private": true}',
        ),
        (
            {"lifecycle": {"archiveAfterDays": 365}},
            "media-storage:lifecycle: archiveAfterDays must be 0: R2 has Standard and Infrequent Access only "
            '(use infrequentAccessAfterDays); got {"archiveAfterDays": 365}',
        ),
        (
            {"locationHint": "mars"},
            "media-storage:locationHint: Input should be 'apac', 'eeur', 'enam', 'weur', 'wnam' or 'oc'; got 'mars'",
        ),
        ({"region": "ams3"}, "media-storage:region: only applies with cloud digitalocean"),
    ],
)
def test_each_r2_mistake_gets_one_clear_message(run_stack, settings_, expected):
    assert problems(run_stack(config(R2_BASE, **settings_))) == [expected]


def test_r2_keys_are_refused_on_aws(run_stack):
    from .conftest import aws_config

    assert problems(run_stack(aws_config(accountId=ACCOUNT_ID))) == [
        "media-storage:accountId: only applies with cloud cloudflare"
    ]


def test_an_unknown_key_is_named_as_spelled(run_stack):
    assert problems(run_stack(config(R2_BASE, account_id=ACCOUNT_ID))) == [
        "media-storage:account_id: unknown key; did you mean accountId?"
    ]
