"""The S3 buckets' security and data-safety properties, asserted on the registered resources."""

from __future__ import annotations

import itertools
import json

import pytest

from media_storage.naming import is_valid_s3_bucket_name

BUCKET = "aws:s3/bucket:Bucket"
OWNERSHIP = "aws:s3/bucketOwnershipControls:BucketOwnershipControls"
ACCESS_BLOCK = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"
POLICY = "aws:s3/bucketPolicy:BucketPolicy"
ENCRYPTION = "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration"
VERSIONING = "aws:s3/bucketVersioning:BucketVersioning"
CORS = "aws:s3/bucketCorsConfiguration:BucketCorsConfiguration"
LIFECYCLE = "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration"
VISIBILITIES = ("public", "private")


def statements(run, visibility):
    return json.loads(run.one(POLICY, f"shop-{visibility}-").get("policy"))["Statement"]


def test_two_buckets_one_per_visibility_with_tags(aws_run):
    run = aws_run()
    buckets = run.of_type(BUCKET)
    assert len(buckets) == 2
    for visibility in VISIBILITIES:
        bucket = run.one(BUCKET, f"shop-{visibility}-")
        assert bucket.get("tags") == {
            "media-storage:app": "shop",
            "media-storage:stack": "dev",
            "media-storage:visibility": visibility,
        }
        assert is_valid_s3_bucket_name(bucket.get("bucket"))
        assert f"-{visibility}-" in bucket.get("bucket")
        assert bucket.get("region") == "eu-west-1"


@pytest.mark.parametrize("visibility", VISIBILITIES)
def test_buckets_are_protected_and_never_force_destroyed(aws_run, visibility):
    bucket = aws_run().one(BUCKET, f"shop-{visibility}-")
    assert bucket.protect is True
    assert bucket.get("forceDestroy") is False


def test_protection_is_lifted_only_by_the_explicit_flag(aws_run):
    run = aws_run(protect=False)
    for visibility in VISIBILITIES:
        bucket = run.one(BUCKET, f"shop-{visibility}-")
        assert not bucket.protect
        assert bucket.get("forceDestroy") is False


@pytest.mark.parametrize("visibility", VISIBILITIES)
def test_acls_are_disabled(aws_run, visibility):
    assert aws_run().one(OWNERSHIP, f"shop-{visibility}-").get("rule") == {"objectOwnership": "BucketOwnerEnforced"}


def test_public_access_block_allows_only_the_public_policy(aws_run):
    run = aws_run()
    public = run.one(ACCESS_BLOCK, "shop-public-").inputs
    private = run.one(ACCESS_BLOCK, "shop-private-").inputs
    assert (public["blockPublicAcls"], public["ignorePublicAcls"]) == (True, True)
    assert (public["blockPublicPolicy"], public["restrictPublicBuckets"]) == (False, False)
    assert {
        private[flag]
        for flag in (
            "blockPublicAcls",
            "ignorePublicAcls",
            "blockPublicPolicy",
            "restrictPublicBuckets",
        )
    } == {True}


def test_public_bucket_policy_grants_anonymous_get_object_only(aws_run):
    run = aws_run()
    bucket_arn = "arn:aws:s3:::" + run.one(BUCKET, "shop-public-").get("bucket")
    allows = [s for s in statements(run, "public") if s["Effect"] == "Allow"]
    assert allows == [
        {
            "Sid": "PublicReadObjects",
            "Effect": "Allow",
            "Principal": "*",
            "Action": "s3:GetObject",
            "Resource": f"{bucket_arn}/*",
        }
    ]


def test_private_bucket_policy_has_no_allow_statement(aws_run):
    assert [s for s in statements(aws_run(), "private") if s["Effect"] != "Deny"] == []


@pytest.mark.parametrize("visibility", VISIBILITIES)
def test_requests_without_tls_are_denied(aws_run, visibility):
    run = aws_run()
    bucket_arn = "arn:aws:s3:::" + run.one(BUCKET, f"shop-{visibility}-").get("bucket")
    denies = [s for s in statements(run, visibility) if s["Effect"] == "Deny"]
    assert denies == [
        {
            "Sid": "DenyInsecureTransport",
            "Effect": "Deny",
            "Principal": "*",
            "Action": "s3:*",
            "Resource": [bucket_arn, f"{bucket_arn}/*"],
            "Condition": {"Bool": {"aws:SecureTransport": "false"}},
        }
    ]


@pytest.mark.parametrize("visibility", VISIBILITIES)
def test_bucket_policy_waits_for_public_access_block_and_ownership(aws_run, visibility):
    run = aws_run()
    policy = run.one(POLICY, f"shop-{visibility}-")
    assert run.one(ACCESS_BLOCK, f"shop-{visibility}-").urn in policy.dependencies
    assert run.one(OWNERSHIP, f"shop-{visibility}-").urn in policy.dependencies
    assert run.one(OWNERSHIP, f"shop-{visibility}-").urn in run.one(ACCESS_BLOCK, f"shop-{visibility}-").dependencies


@pytest.mark.parametrize("visibility", VISIBILITIES)
def test_bucket_sub_resources_are_applied_one_after_another(aws_run, visibility):
    # S3 rejects concurrent conditional updates of one bucket: each step waits for the last.
    run = aws_run(corsOrigins=["https://shop.example.com"], versioning={"public": True, "private": True})
    chain = [OWNERSHIP, ACCESS_BLOCK, POLICY, ENCRYPTION, VERSIONING, CORS, LIFECYCLE]
    for before, after in itertools.pairwise(chain):
        assert run.one(before, f"shop-{visibility}-").urn in run.one(after, f"shop-{visibility}-").dependencies, (
            before,
            after,
        )


@pytest.mark.parametrize("visibility", VISIBILITIES)
def test_default_encryption_is_sse_s3_and_sse_c_is_blocked(aws_run, visibility):
    assert aws_run().one(ENCRYPTION, f"shop-{visibility}-").get("rules") == [
        {
            "applyServerSideEncryptionByDefault": {"sseAlgorithm": "AES256"},
            "blockedEncryptionTypes": ["SSE-C"],
        }
    ]


def test_versioning_is_on_for_private_media_only_by_default(aws_run):
    run = aws_run()
    assert run.one(VERSIONING, "shop-private-").get("versioningConfiguration") == {"status": "Enabled"}
    assert [r.name for r in run.of_type(VERSIONING)] == [run.one(VERSIONING, "shop-private-").name]


def test_versioning_follows_config(aws_run):
    run = aws_run(versioning={"public": True, "private": False})
    assert [r.name for r in run.of_type(VERSIONING)] == [run.one(VERSIONING, "shop-public-").name]


def test_no_cors_configuration_without_origins(aws_run):
    assert aws_run().of_type(CORS) == []


@pytest.mark.parametrize("visibility", VISIBILITIES)
def test_cors_allows_reads_from_the_configured_origins(aws_run, visibility):
    origins = ["https://shop.example.com", "http://localhost:8000"]
    rules = aws_run(corsOrigins=origins, corsMaxAgeSeconds=600).one(CORS, f"shop-{visibility}-").get("corsRules")
    assert len(rules) == 1
    assert rules[0]["allowedOrigins"] == origins
    assert rules[0]["allowedMethods"] == ["GET", "HEAD"]
    assert rules[0]["maxAgeSeconds"] == 600
    assert "ETag" in rules[0]["exposeHeaders"]


def test_browser_uploads_add_put_and_post(aws_run):
    rules = (
        aws_run(corsOrigins=["https://shop.example.com"], browserUploads=True)
        .one(CORS, "shop-public-")
        .get("corsRules")
    )
    assert rules[0]["allowedMethods"] == ["GET", "HEAD", "PUT", "POST"]


def rules_by_id(run, visibility):
    return {rule["id"]: rule for rule in run.one(LIFECYCLE, f"shop-{visibility}-").get("rules")}


def test_lifecycle_defaults(aws_run):
    run = aws_run()
    private = rules_by_id(run, "private")
    assert private["abort-incomplete-multipart-uploads"]["abortIncompleteMultipartUpload"] == {"daysAfterInitiation": 7}
    assert private["abort-incomplete-multipart-uploads"]["filter"] == {"prefix": ""}
    assert private["expire-noncurrent-versions"]["noncurrentVersionExpiration"] == {"noncurrentDays": 30}
    assert private["expire-noncurrent-versions"]["expiration"] == {"expiredObjectDeleteMarker": True}
    assert private["expire-temporary-objects"]["filter"] == {"prefix": "tmp/"}
    assert private["expire-temporary-objects"]["expiration"] == {"days": 7}
    assert all(rule["status"] == "Enabled" for rule in private.values())
    assert "move-to-cheaper-storage" not in private
    # The public bucket keeps no versions, so it has no rule for them.
    assert "expire-noncurrent-versions" not in rules_by_id(run, "public")


def test_lifecycle_follows_config(aws_run):
    lifecycle = {
        "abortIncompleteUploadsAfterDays": 2,
        "noncurrentVersionExpirationDays": 90,
        "temporaryPrefix": "uploads/tmp/",
        "temporaryExpirationDays": 0,
        "infrequentAccessAfterDays": 30,
        "archiveAfterDays": 180,
    }
    rules = rules_by_id(aws_run(lifecycle=lifecycle), "private")
    assert set(rules) == {
        "abort-incomplete-multipart-uploads",
        "expire-noncurrent-versions",
        "move-to-cheaper-storage",
    }
    assert rules["abort-incomplete-multipart-uploads"]["abortIncompleteMultipartUpload"] == {"daysAfterInitiation": 2}
    assert rules["expire-noncurrent-versions"]["noncurrentVersionExpiration"] == {"noncurrentDays": 90}
    assert rules["move-to-cheaper-storage"]["transitions"] == [
        {"days": 30, "storageClass": "STANDARD_IA"},
        {"days": 180, "storageClass": "GLACIER_IR"},
    ]


def test_lifecycle_waits_for_versioning(aws_run):
    run = aws_run()
    assert run.one(VERSIONING, "shop-private-").urn in run.one(LIFECYCLE, "shop-private-").dependencies


def test_adopted_buckets_are_imported_under_their_own_names(aws_run):
    run = aws_run(bucketNames={"public": "legacy-shop-media"})
    public = run.one(BUCKET, "shop-public-")
    assert public.get("bucket") == "legacy-shop-media"
    assert public.request.importId == "legacy-shop-media"
    assert public.protect is True
    private = run.one(BUCKET, "shop-private-")
    assert private.get("bucket").startswith("shop-dev-private-")
    assert private.request.importId == ""


def test_emulator_stack_without_tls_statement_keeps_public_read(aws_run):
    run = aws_run(endpointUrl="http://127.0.0.1:5000", requireTls=False)
    assert [s["Sid"] for s in statements(run, "public")] == ["PublicReadObjects"]
    assert run.of_type(POLICY) == [run.one(POLICY, "shop-public-")]
