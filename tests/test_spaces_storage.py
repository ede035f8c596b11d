"""DigitalOcean Spaces: the Spaces, the app's key, the env and the config, on the registered resources."""

from __future__ import annotations

import pytest

from media_storage import env_contract as names
from media_storage.naming import is_valid_s3_bucket_name
from media_storage.testing import UNKNOWN, Secret, reveal

from .s3_compatible_support import SPACES_BASE, config, problems

BUCKET = "digitalocean:index/spacesBucket:SpacesBucket"
POLICY = "digitalocean:index/spacesBucketPolicy:SpacesBucketPolicy"
CORS = "digitalocean:index/spacesBucketCorsConfiguration:SpacesBucketCorsConfiguration"
KEY = "digitalocean:index/spacesKey:SpacesKey"
VISIBILITIES = ("public", "private")
SPACES_NAME = r"[a-z0-9][a-z0-9-]{1,61}[a-z0-9]"


@pytest.fixture
def spaces_run(run_stack):
    def run(*, preview: bool = False, **settings):
        return run_stack(config(SPACES_BASE, **settings), preview=preview).raise_for_error()

    return run


def test_two_private_acl_spaces_named_within_the_spaces_rules(spaces_run):
    run = spaces_run()
    assert len(run.of_type(BUCKET)) == 2
    for visibility in VISIBILITIES:
        bucket = run.one(BUCKET, f"shop-{visibility}-")
        name = bucket.get("name")
        assert is_valid_s3_bucket_name(name) and "." not in name and len(name) <= 63
        assert name.startswith(f"shop-dev-{visibility}-")
        assert bucket.get("region") == "ams3"
        assert bucket.get("acl") == "private", "a public-read ACL would let anyone list the Space"


def test_names_stay_within_the_spaces_rules_for_long_stack_names(run_stack):
    stack = "Feature.Branch_" + "x" * 80
    run = run_stack(config(SPACES_BASE, app="a" * 32), stack=stack).raise_for_error()
    names_ = [bucket.get("name") for bucket in run.of_type(BUCKET)]
    assert len(set(names_)) == 2
    assert all(is_valid_s3_bucket_name(name) and "." not in name for name in names_), names_
    assert "a" * 32 in names_[0]


def test_names_differ_per_digitalocean_account(run_stack):
    from media_storage.testing import MediaStorageMocks, run_program

    from .conftest import REPO_ROOT

    def names_for(account_id):
        run = run_program(REPO_ROOT, config=SPACES_BASE, mocks=MediaStorageMocks(account_id=account_id))
        return {bucket.get("name") for bucket in run.raise_for_error().of_type(BUCKET)}

    assert names_for("111111111111").isdisjoint(names_for("222222222222"))


@pytest.mark.parametrize("visibility", VISIBILITIES)
def test_spaces_are_protected_and_never_force_destroyed(spaces_run, visibility):
    bucket = spaces_run().one(BUCKET, f"shop-{visibility}-")
    assert bucket.protect is True
    assert bucket.get("forceDestroy") is False


def test_protection_is_lifted_only_by_the_explicit_flag(spaces_run):
    run = spaces_run(protect=False)
    assert [bool(b.protect) for b in run.of_type(BUCKET)] == [False, False]


@pytest.mark.parametrize("settings_", [{}, {"corsOrigins": ["https://shop.example.com"]}, {"protect": False}])
def test_no_space_gets_a_bucket_policy_since_the_scoped_key_excludes_one(spaces_run, settings_):
    # DigitalOcean: a bucket policy cannot be applied to a Space a limited-access key uses, nor
    # such a key created for a Space with a policy. Public media are public by their object ACL.
    run = spaces_run(**settings_)
    assert run.of_type(POLICY) == []
    assert [r.type for r in run.resources if "olicy" in r.type] == []
    assert {b.get("acl") for b in run.of_type(BUCKET)} == {"private"}


def test_versioning_follows_the_settings_and_old_versions_expire(spaces_run):
    run = spaces_run()
    private, public = run.one(BUCKET, "shop-private-"), run.one(BUCKET, "shop-public-")
    assert private.get("versioning") == {"enabled": True}
    assert public.get("versioning") == {"enabled": False}
    rules = {rule["id"]: rule for rule in private.get("lifecycleRules")}
    assert rules["expire-noncurrent-versions"]["noncurrentVersionExpiration"] == {"days": 30}
    assert "expire-noncurrent-versions" not in {rule["id"] for rule in public.get("lifecycleRules")}


def test_lifecycle_aborts_uploads_and_expires_the_temporary_prefix(spaces_run):
    run = spaces_run(lifecycle={"abortIncompleteUploadsAfterDays": 3, "temporaryExpirationDays": 2})
    for visibility in VISIBILITIES:
        rules = {rule["id"]: rule for rule in run.one(BUCKET, f"shop-{visibility}-").get("lifecycleRules")}
        assert rules["abort-incomplete-multipart-uploads"] == {
            "id": "abort-incomplete-multipart-uploads",
            "enabled": True,
            "prefix": "",
            "abortIncompleteMultipartUploadDays": 3,
        }
        assert rules["expire-temporary-objects"]["prefix"] == "tmp/"
        assert rules["expire-temporary-objects"]["expiration"] == {"days": 2}


def test_cors_allows_the_app_origins_and_uploads_only_when_asked(spaces_run):
    origins = ["https://shop.example.com", "http://localhost:8000"]
    assert spaces_run().of_type(CORS) == []
    reads = spaces_run(corsOrigins=origins).one(CORS, "shop-public-").get("corsRules")
    assert [(r["allowedOrigins"], r["allowedMethods"]) for r in reads] == [(origins, ["GET", "HEAD"])]
    uploads = spaces_run(corsOrigins=origins, browserUploads=True).one(CORS, "shop-private-").get("corsRules")
    assert uploads[0]["allowedMethods"] == ["GET", "HEAD", "PUT"]


def test_the_key_has_readwrite_on_exactly_the_two_spaces_and_no_full_access(spaces_run):
    run = spaces_run()
    key = run.one(KEY)
    spaces = sorted(run.one(BUCKET, f"shop-{v}-").get("name") for v in VISIBILITIES)
    assert key.get("name") == "shop-dev-media"
    assert sorted(grant["bucket"] for grant in key.get("grants")) == spaces
    assert {grant["permission"] for grant in key.get("grants")} == {"readwrite"}
    assert "secretKey" in key.request.additionalSecretOutputs


def test_env_is_the_s3_contract_with_the_spaces_endpoint(spaces_run):
    run = spaces_run()
    env = run.outputs["env"]
    assert set(env) == {v.name for v in names.SPACES_VARIABLES} - {names.AWS_S3_CUSTOM_DOMAIN}
    plain = reveal(env)
    assert plain[names.MEDIA_STORAGE_BACKEND] == "s3"
    assert plain[names.AWS_STORAGE_BUCKET_NAME] == run.outputs["publicBucketName"]
    assert plain[names.AWS_PRIVATE_STORAGE_BUCKET_NAME] == run.outputs["privateBucketName"]
    assert plain[names.AWS_S3_ENDPOINT_URL] == "https://ams3.digitaloceanspaces.com"
    assert plain[names.AWS_S3_REGION_NAME] == "ams3"
    assert plain[names.AWS_S3_SIGNATURE_VERSION] == "s3v4"
    assert plain[names.AWS_S3_ADDRESSING_STYLE] == "virtual"
    assert plain[names.AWS_QUERYSTRING_EXPIRE] == "3600"
    assert all(isinstance(value, str) for value in plain.values())


def test_env_makes_public_media_public_by_their_object_acl(spaces_run):
    # django-storages' own setting name: the helper applies it to the public storage only.
    env = reveal(spaces_run().outputs["env"])
    assert env[names.AWS_DEFAULT_ACL] == names.PUBLIC_READ_ACL == "public-read"
    assert [v.present for v in names.SPACES_VARIABLES if v.name == names.AWS_DEFAULT_ACL] == ["always"]


def test_the_keys_are_secrets_and_nothing_else_is(spaces_run):
    env = spaces_run().outputs["env"]
    assert {name for name, value in env.items() if isinstance(value, Secret)} == {
        names.AWS_ACCESS_KEY_ID,
        names.AWS_SECRET_ACCESS_KEY,
    }
    assert {v.name for v in names.SPACES_VARIABLES if v.secret} == {
        names.AWS_ACCESS_KEY_ID,
        names.AWS_SECRET_ACCESS_KEY,
    }


def test_a_preview_keeps_the_keys_secret(spaces_run):
    env = spaces_run(preview=True).outputs["env"]
    assert env[names.AWS_SECRET_ACCESS_KEY] == Secret(UNKNOWN)


def test_custom_domain_is_exported_for_the_public_storage(spaces_run):
    env = spaces_run(customDomain="media.shop.example.com").outputs["env"]
    assert env[names.AWS_S3_CUSTOM_DOMAIN] == "media.shop.example.com"


@pytest.mark.parametrize(
    ("settings_", "expected"),
    [
        ({"region": None}, "media-storage:region: required"),
        (
            {"region": "AMS3"},
            "media-storage:region: expected a Spaces region slug such as ams3, fra1, nyc3 or sgp1; got 'AMS3'",
        ),
        (
            {"lifecycle": {"infrequentAccessAfterDays": 90}},
            'media-storage:lifecycle: infrequentAccessAfterDays must be 0: Spaces has a single storage class; got {"infrequentAccessAfterDays": 90}',
        ),
        ({"credentials": "role"}, "media-storage:credentials: only applies with cloud aws"),
        ({"accountId": "0" * 32}, "media-storage:accountId: only applies with cloud cloudflare"),
    ],
)
def test_each_spaces_mistake_gets_one_clear_message(run_stack, settings_, expected):
    assert problems(run_stack(config(SPACES_BASE, **settings_))) == [expected]
