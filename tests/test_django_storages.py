"""The Django side: the stack's env, turned into working django-storages storages."""

from __future__ import annotations

import time
from urllib.parse import parse_qs, urlsplit

import pytest
from django_storage_url import get_storage
from storages.backends.s3 import S3Storage

from media_storage import env_contract as names
from media_storage.django_storages import (
    MediaStorageEnvError,
    parse_bool,
    parse_int,
    storages_from_env,
)
from media_storage.settings.aws import AwsMediaStorageArgs
from media_storage.testing import reveal

from .cloudfront_links import link_problem
from .s3_compatible_support import SPACES_BASE, config


def storage(storages, alias):
    return S3Storage(**storages[alias]["OPTIONS"])


@pytest.fixture
def key_env(aws_run):
    return reveal(aws_run(customDomain="media.shop.example.com", urlExpirySeconds=900).outputs["env"])


def test_public_and_private_storages_from_the_stack_env(key_env):
    storages = storages_from_env(key_env)
    assert storages["default"]["BACKEND"] == storages["private"]["BACKEND"] == "storages.backends.s3.S3Storage"
    public, private = storage(storages, "default"), storage(storages, "private")
    assert public.bucket_name == key_env[names.AWS_STORAGE_BUCKET_NAME]
    assert private.bucket_name == key_env[names.AWS_PRIVATE_STORAGE_BUCKET_NAME]
    for media in (public, private):
        assert media.region_name == "eu-west-1"
        assert media.signature_version == "s3v4"
        assert media.access_key == key_env[names.AWS_ACCESS_KEY_ID]
        assert media.secret_key == key_env[names.AWS_SECRET_ACCESS_KEY]
        assert media.default_acl is None
        assert media.file_overwrite is False
    assert public.querystring_auth is False
    assert public.custom_domain == "media.shop.example.com"
    assert private.querystring_auth is True
    assert private.querystring_expire == 900
    assert private.custom_domain is None


def test_public_urls_are_plain_and_private_urls_are_signed_and_expire(key_env):
    storages = storages_from_env(key_env)
    assert storage(storages, "default").url("photos/a.jpg") == "https://media.shop.example.com/photos/a.jpg"
    private_url = urlsplit(storage(storages, "private").url("invoices/a.pdf"))
    assert private_url.netloc == f"{key_env[names.AWS_PRIVATE_STORAGE_BUCKET_NAME]}.s3.eu-west-1.amazonaws.com"
    query = parse_qs(private_url.query)
    assert query["X-Amz-Expires"] == ["900"]
    assert "X-Amz-Signature" in query


def test_private_storage_ignores_a_project_wide_custom_domain(key_env):
    private = storages_from_env(key_env)["private"]["OPTIONS"]
    assert "custom_domain" in private and private["custom_domain"] is None


def test_easy_thumbnails_is_an_alias_of_the_public_storage_and_staticfiles_stays_local(key_env):
    storages = storages_from_env(key_env)
    assert storages["easy_thumbnails"] == storages["default"]
    assert storages["easy_thumbnails"]["OPTIONS"] is not storages["default"]["OPTIONS"]
    assert storages["staticfiles"] == {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    whitenoise = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}
    assert storages_from_env(key_env, staticfiles=whitenoise)["staticfiles"] == whitenoise


def test_role_mode_leaves_credentials_to_boto3(aws_run):
    storages = storages_from_env(reveal(aws_run(credentials="role").outputs["env"]))
    for alias in ("default", "private"):
        assert "access_key" not in storages[alias]["OPTIONS"]
        assert "secret_key" not in storages[alias]["OPTIONS"]


def test_endpoint_override_reaches_the_storages(aws_run):
    env = reveal(aws_run(endpointUrl="http://127.0.0.1:5000", requireTls=False).outputs["env"])
    public = storage(storages_from_env(env), "default")
    assert public.endpoint_url == "http://127.0.0.1:5000"
    assert public.addressing_style == "path"
    assert public.url("a.jpg") == f"http://127.0.0.1:5000/{env[names.AWS_STORAGE_BUCKET_NAME]}/a.jpg"


def test_file_overwrite_is_parsed_not_truthy(key_env):
    assert (
        storages_from_env({**key_env, names.AWS_S3_FILE_OVERWRITE: "False"})["default"]["OPTIONS"]["file_overwrite"]
        is False
    )
    assert (
        storages_from_env({**key_env, names.AWS_S3_FILE_OVERWRITE: "true"})["private"]["OPTIONS"]["file_overwrite"]
        is True
    )


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (
            {names.MEDIA_STORAGE_BACKEND: "gcs"},
            "MEDIA_STORAGE_BACKEND: expected s3, azure or filesystem; got 'gcs' (a stack's env sets s3 or azure; "
            "for local development set filesystem and MEDIA_STORAGE_ROOT)",
        ),
        (
            {names.AWS_QUERYSTRING_EXPIRE: "1e3"},
            "AWS_QUERYSTRING_EXPIRE: expected a whole number of seconds from 60 to 604800; got '1e3'",
        ),
        (
            {names.AWS_QUERYSTRING_EXPIRE: "-5"},
            "AWS_QUERYSTRING_EXPIRE: expected a whole number of seconds from 60 to 604800; got '-5'",
        ),
        (
            {names.AWS_QUERYSTRING_EXPIRE: "0"},
            "AWS_QUERYSTRING_EXPIRE: expected a whole number of seconds from 60 to 604800; got '0'",
        ),
        (
            {names.AWS_QUERYSTRING_EXPIRE: "999999999"},
            "AWS_QUERYSTRING_EXPIRE: expected a whole number of seconds from 60 to 604800; got '999999999'",
        ),
        ({names.AWS_STORAGE_BUCKET_NAME: ""}, "AWS_STORAGE_BUCKET_NAME: not set"),
        (
            {names.AWS_S3_FILE_OVERWRITE: "sometimes"},
            "AWS_S3_FILE_OVERWRITE: expected true or false; got 'sometimes'",
        ),
    ],
)
def test_a_broken_env_names_the_variable(key_env, change, problem):
    with pytest.raises(MediaStorageEnvError) as error:
        storages_from_env({**key_env, **change})
    assert error.value.problems == [problem]
    assert str(error.value) == f"invalid media storage env (1 problem):\n  - {problem}"


def test_every_missing_and_malformed_variable_is_reported_at_once(key_env):
    env = {
        k: v
        for k, v in key_env.items()
        if k not in (names.AWS_S3_REGION_NAME, names.AWS_PRIVATE_STORAGE_BUCKET_NAME, names.AWS_SECRET_ACCESS_KEY)
    }
    with pytest.raises(MediaStorageEnvError) as error:
        storages_from_env({**env, names.AWS_QUERYSTRING_EXPIRE: "0", names.AWS_S3_FILE_OVERWRITE: "False!"})
    assert str(error.value) == (
        "invalid media storage env (5 problems):\n"
        "  - AWS_S3_REGION_NAME: not set\n"
        "  - AWS_S3_FILE_OVERWRITE: expected true or false; got 'False!'\n"
        "  - AWS_SECRET_ACCESS_KEY: not set\n"
        "  - AWS_PRIVATE_STORAGE_BUCKET_NAME: not set\n"
        "  - AWS_QUERYSTRING_EXPIRE: expected a whole number of seconds from 60 to 604800; got '0'"
    )


def test_an_empty_env_says_what_to_set_for_local_development():
    with pytest.raises(MediaStorageEnvError) as error:
        storages_from_env({})
    assert error.value.problems == [
        "MEDIA_STORAGE_BACKEND: not set (a stack's env sets s3 or azure; for local development set filesystem "
        "and MEDIA_STORAGE_ROOT)"
    ]


@pytest.mark.parametrize("seconds", ["60", "604800"])
def test_link_lifetimes_at_the_stacks_limits_are_accepted(key_env, seconds):
    options = storages_from_env({**key_env, names.AWS_QUERYSTRING_EXPIRE: seconds})["private"]["OPTIONS"]
    assert options["querystring_expire"] == int(seconds)


def test_the_helper_enforces_the_stacks_link_lifetime_limits():
    field = AwsMediaStorageArgs.model_fields["url_expiry_seconds"]
    bounds = {type(m).__name__: getattr(m, "ge", getattr(m, "le", None)) for m in field.metadata}
    assert bounds == {"Ge": names.URL_EXPIRY_MIN_SECONDS, "Le": names.URL_EXPIRY_MAX_SECONDS}
    assert (names.URL_EXPIRY_MIN_SECONDS, names.URL_EXPIRY_MAX_SECONDS) == (60, 604800)


@pytest.fixture
def spaces_env(run_stack):
    return reveal(run_stack(config(SPACES_BASE)).raise_for_error().outputs["env"])


def test_spaces_public_storage_uploads_with_public_read_and_the_private_one_never(spaces_env):
    assert spaces_env[names.AWS_DEFAULT_ACL] == "public-read"
    storages = storages_from_env(spaces_env)
    public, private = storage(storages, "default"), storage(storages, "private")
    assert public.default_acl == "public-read"
    assert storage(storages, "easy_thumbnails").default_acl == "public-read"
    assert private.default_acl is None
    assert storages["private"]["OPTIONS"]["default_acl"] is None
    # What reaches the Space (the ACL on public uploads only) is shown on moto by tests/e2e.
    assert public.url("a.jpg").startswith(f"https://{spaces_env[names.AWS_STORAGE_BUCKET_NAME]}.ams3.")
    assert "X-Amz-Signature" in private.url("a.pdf")


def test_without_the_acl_variable_no_storage_sends_an_acl(key_env, spaces_env):
    # The AWS and R2 stacks never export it; a Spaces env without it keeps both storages ACL-less.
    assert names.AWS_DEFAULT_ACL not in key_env
    for environ in (key_env, {k: v for k, v in spaces_env.items() if k != names.AWS_DEFAULT_ACL}):
        storages = storages_from_env(environ)
        assert storages["default"]["OPTIONS"]["default_acl"] is None
        assert storages["private"]["OPTIONS"]["default_acl"] is None


@pytest.mark.parametrize(
    "acl", ["public-read-write", "authenticated-read", "private", "PUBLIC-READ", " public-read", ""]
)
def test_any_other_acl_is_a_problem_reported_with_the_others(spaces_env, acl):
    env = {k: v for k, v in spaces_env.items() if k != names.AWS_S3_REGION_NAME}
    with pytest.raises(MediaStorageEnvError) as error:
        storages_from_env({**env, names.AWS_DEFAULT_ACL: acl})
    assert error.value.problems == [
        "AWS_S3_REGION_NAME: not set",
        "AWS_DEFAULT_ACL: expected public-read (the object ACL of public media on DigitalOcean Spaces) or unset; "
        f"got {acl!r}",
    ]


def test_a_key_id_without_its_secret_is_an_error(key_env):
    env = {k: v for k, v in key_env.items() if k != names.AWS_SECRET_ACCESS_KEY}
    with pytest.raises(MediaStorageEnvError) as error:
        storages_from_env(env)
    assert error.value.problems == ["AWS_SECRET_ACCESS_KEY: not set"]


def test_parse_helpers():
    assert parse_int({"N": " 42 "}, "N") == 42
    assert parse_int({}, "N", default=7) == 7
    assert parse_bool({"B": "NO"}, "B", default=True) is False
    assert parse_bool({"B": "False"}, "B", default=True) is False
    assert parse_bool({}, "B", default=True) is True
    with pytest.raises(MediaStorageEnvError, match="N: not set"):
        parse_int({}, "N")
    assert MediaStorageEnvError("X: not set").problems == ["X: not set"]


def test_dsns_configure_working_storages_through_django_storage_url(key_env):
    public = get_storage(key_env[names.DEFAULT_STORAGE_DSN])
    private = get_storage(key_env[names.PRIVATE_STORAGE_DSN])
    for media, bucket in (
        (public, key_env[names.AWS_STORAGE_BUCKET_NAME]),
        (private, key_env[names.AWS_PRIVATE_STORAGE_BUCKET_NAME]),
    ):
        assert media.bucket_name == bucket
        assert media.access_key == key_env[names.AWS_ACCESS_KEY_ID]
        # The mock's secret holds / and +, like real ones: percent-encoding must round-trip.
        assert media.secret_key == key_env[names.AWS_SECRET_ACCESS_KEY]
        assert media.region_name == "eu-west-1"
        assert media.signature_version == "s3v4"
        assert media.object_parameters == {"ACL": "bucket-owner-full-control"}
    assert public.querystring_auth is False
    assert public.custom_domain == "media.shop.example.com"
    assert private.querystring_auth is True
    assert private.custom_domain is None
    assert "X-Amz-Signature=" in private.url("invoices/a.pdf")


def test_the_helper_loads_nothing_but_itself_on_django_start():
    """Every Django process imports the helper at start: it brings in no module of its own
    beyond the package, not even `typing`, `dataclasses` or `inspect` (milliseconds each)."""
    import subprocess
    import sys

    probe = (
        "import sys; before = set(sys.modules)\n"
        "from media_storage.django_storages import storages_from_env\n"
        "print(sorted(set(sys.modules) - before))"
    )
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60)
    assert loaded.stdout.strip() == str(
        ["collections.abc", "media_storage", "media_storage.django_storages", "media_storage.env_contract"]
    )


# --- CloudFront (`cdn`) -----------------------------------------------------------------


@pytest.fixture
def cdn_env(aws_run):
    return reveal(aws_run(cdn='{"privateDelivery": true}', urlExpirySeconds=900).outputs["env"])


def public_key_of(private_pem):
    from cryptography.hazmat.primitives import serialization

    key = serialization.load_pem_private_key(private_pem.encode(), password=None)
    return (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )


def test_with_the_cdn_public_links_go_through_the_public_distribution_unsigned(cdn_env):
    storages = storages_from_env(cdn_env)
    public = storage(storages, "default")
    assert public.cloudfront_signer is None
    assert public.url("photos/a.jpg") == f"https://{cdn_env[names.AWS_S3_CUSTOM_DOMAIN]}/photos/a.jpg"


def test_with_private_delivery_private_links_are_signed_by_cloudfront_and_expire(cdn_env):
    storages = storages_from_env(cdn_env)
    private = storage(storages, "private")
    assert private.custom_domain == cdn_env[names.AWS_PRIVATE_S3_CUSTOM_DOMAIN]
    assert private.cloudfront_signer is not None
    started = time.time()
    url = private.url("invoices/a.pdf")
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc, parts.path) == (
        "https",
        cdn_env[names.AWS_PRIVATE_S3_CUSTOM_DOMAIN],
        "/invoices/a.pdf",
    )
    public_pem = public_key_of(cdn_env[names.AWS_CLOUDFRONT_KEY])
    assert link_problem(url, public_pem, cdn_env[names.AWS_CLOUDFRONT_KEY_ID]) is None
    expires = int(parse_qs(parts.query)["Expires"][0])
    assert started + 900 - 5 <= expires <= time.time() + 900 + 5
    assert link_problem(url, public_pem, cdn_env[names.AWS_CLOUDFRONT_KEY_ID], now=expires) == f"expired at {expires}"


@pytest.mark.parametrize(
    "missing", [names.AWS_PRIVATE_S3_CUSTOM_DOMAIN, names.AWS_CLOUDFRONT_KEY_ID, names.AWS_CLOUDFRONT_KEY]
)
def test_never_an_unsigned_private_custom_domain(cdn_env, missing):
    env = {k: v for k, v in cdn_env.items() if k != missing}
    with pytest.raises(MediaStorageEnvError) as error:
        storages_from_env(env)
    assert error.value.problems == [
        f"{missing}: not set; private links through CloudFront need AWS_PRIVATE_S3_CUSTOM_DOMAIN, "
        "AWS_CLOUDFRONT_KEY_ID, AWS_CLOUDFRONT_KEY together (a private custom domain is never used without its "
        "signing key)"
    ]


def test_a_cloudfront_key_that_is_not_pem_is_a_problem(cdn_env):
    with pytest.raises(MediaStorageEnvError) as error:
        storages_from_env({**cdn_env, names.AWS_CLOUDFRONT_KEY: "not a key"})
    assert error.value.problems == ["AWS_CLOUDFRONT_KEY: expected a PEM private key (-----BEGIN ... PRIVATE KEY-----)"]


def test_without_private_delivery_project_wide_cloudfront_settings_cannot_unsign_private_links(key_env):
    private = storages_from_env(key_env)["private"]["OPTIONS"]
    assert private["custom_domain"] is None and private["cloudfront_signer"] is None
