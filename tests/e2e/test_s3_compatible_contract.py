"""Django + django-storages against moto, configured by the env of the `dev-digitalocean` and
`dev-cloudflare` stacks.

Spaces and R2 speak S3, so moto stands in for their data plane: each stack runs under mocks,
its resources are applied to moto (apply_s3_compatible.py, where the Spaces key and the R2
token become IAM users with the same grants), and the app gets the env the stack exports with
only the endpoint moved to moto and the keys replaced by moto's. What moto cannot show (R2's
r2.dev or custom domain, virtual-hosted addressing on Spaces, the providers' own key and token
enforcement) is listed in docs/s3-compatible.md; the public URL's host is checked here.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from botocore.exceptions import ClientError
from django.core.files.base import ContentFile

from media_storage import env_contract as names
from media_storage.testing import ProgramRun, read_stack_config, reveal, run_program

from ..conftest import REPO_ROOT
from .apply_s3_compatible import AppliedS3Compatible, apply_to_moto
from .conftest import moto_client
from .django_app import assert_app_round_trip, django_project
from .emulators import fetch, plain

STACKS = {"spaces": "dev-digitalocean", "r2": "dev-cloudflare"}


@dataclass
class Deployment:
    """A stack applied to moto, the env it exports and the env the app runs with here."""

    stack: str
    run: ProgramRun
    applied: AppliedS3Compatible
    exported: dict[str, str]
    env: dict[str, str]


def deploy(stack: str, moto_url: str) -> Deployment:
    run = run_program(REPO_ROOT, stack=stack).raise_for_error()
    applied = apply_to_moto(run, moto_client("s3", moto_url), moto_client("iam", moto_url))
    exported = dict(reveal(run.outputs["env"]))
    ((key_id, secret),) = applied.access_keys.values()
    env = {
        **exported,
        names.AWS_S3_ENDPOINT_URL: moto_url,
        names.AWS_ACCESS_KEY_ID: key_id,
        names.AWS_SECRET_ACCESS_KEY: secret,
    }
    return Deployment(stack, run, applied, exported, env)


@pytest.fixture(scope="module")
def spaces(moto) -> Deployment:
    return deploy(STACKS["spaces"], moto.url)


@pytest.fixture(scope="module")
def r2(moto) -> Deployment:
    return deploy(STACKS["r2"], moto.url)


@pytest.fixture(scope="module", params=sorted(STACKS))
def deployment(request) -> Deployment:
    """Each stack's deployment (one per module: the same buckets cannot be created twice)."""
    return request.getfixturevalue(request.param)


def test_only_the_endpoint_and_the_keys_differ_from_the_exported_env(deployment):
    changed = {name for name in deployment.env if deployment.env[name] != deployment.exported[name]}
    assert changed == {names.AWS_S3_ENDPOINT_URL, names.AWS_ACCESS_KEY_ID, names.AWS_SECRET_ACCESS_KEY}
    assert urlsplit(deployment.exported[names.AWS_S3_ENDPOINT_URL]).scheme == "https"


def test_moto_holds_the_two_buckets_and_a_stand_in_with_exactly_the_grants(deployment):
    public = deployment.env[names.AWS_STORAGE_BUCKET_NAME]
    private = deployment.env[names.AWS_PRIVATE_STORAGE_BUCKET_NAME]
    assert sorted(deployment.applied.buckets) == sorted([public, private])
    ((grants),) = deployment.applied.grants.values()
    assert set(grants) == {public, private}


@pytest.mark.parametrize("alias", ["default", "private"])
def test_the_app_saves_opens_lists_and_deletes_with_its_own_key(deployment, moto_auth, alias):
    with moto_auth.enforced(), django_project(deployment.env) as storages:
        assert_app_round_trip(storages[alias])


def test_a_private_file_is_served_only_through_its_signed_link(deployment, moto_auth):
    with moto_auth.enforced(), django_project(deployment.env) as storages:
        name = storages["private"].save("invoices/private.txt", ContentFile(b"only for you"))
        url = storages["private"].url(name)
    assert url.startswith(deployment.env[names.AWS_S3_ENDPOINT_URL] + "/"), "never through a public domain"
    assert "X-Amz-Signature=" in url
    assert f"X-Amz-Expires={deployment.env[names.AWS_QUERYSTRING_EXPIRE]}" in url
    assert f"%2F{deployment.env[names.AWS_S3_REGION_NAME]}%2Fs3%2Faws4_request" in url
    assert fetch(plain(url))[0] == 403
    assert fetch(url) == (200, b"only for you")


def test_the_app_key_cannot_touch_another_bucket(deployment, moto, moto_auth):
    other = f"other-{deployment.stack}-media"
    moto_client("s3", moto.url).create_bucket(
        Bucket=other, CreateBucketConfiguration={"LocationConstraint": "eu-west-1"}
    )
    elsewhere = dict(deployment.env, **{names.AWS_STORAGE_BUCKET_NAME: other})
    with moto_auth.enforced(), django_project(elsewhere) as storages, pytest.raises(ClientError) as raised:
        storages["default"].save("planted.txt", ContentFile(b"x"))
    assert raised.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403


ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers"


def anonymous_grants(acl: dict) -> list[str]:
    """The permissions an ACL (as S3 returns it) gives to anyone."""
    return [g["Permission"] for g in acl["Grants"] if g["Grantee"].get("URI") == ALL_USERS]


def test_a_public_file_on_spaces_is_readable_by_anyone_through_its_object_acl(spaces, moto, moto_auth):
    with moto_auth.enforced(), django_project(spaces.env) as storages:
        name = storages["default"].save("avatars/public.txt", ContentFile(b"for everyone"))
        url = storages["default"].url(name)
        private_name = storages["private"].save("avatars/private.txt", ContentFile(b"only for you"))
        private_url = storages["private"].url(private_name)
    endpoint = spaces.env[names.AWS_S3_ENDPOINT_URL]
    public, private = spaces.env[names.AWS_STORAGE_BUCKET_NAME], spaces.env[names.AWS_PRIVATE_STORAGE_BUCKET_NAME]
    assert url == f"{endpoint}/{public}/avatars/public.txt", "a plain URL, nothing signed"
    # No bucket policy anywhere: the object's own ACL, sent by the public storage, makes it public.
    admin = moto_client("s3", moto.url)
    for bucket in (public, private):
        with pytest.raises(ClientError) as no_policy:
            admin.get_bucket_policy(Bucket=bucket)
        assert no_policy.value.response["Error"]["Code"] == "NoSuchBucketPolicy"
        assert anonymous_grants(admin.get_bucket_acl(Bucket=bucket)) == [], "the bucket ACL stays private"
    assert anonymous_grants(admin.get_object_acl(Bucket=public, Key=name)) == ["READ"]
    assert fetch(url) == (200, b"for everyone")
    # moto lists any bucket to anonymous callers, even with a private bucket ACL, so "no listing"
    # is shown by the mock tests (bucket ACL private) and the pack, not here.
    # The private storage sends no ACL: the same kind of file in the private Space is refused
    # to anyone, and served only through its signed link.
    assert anonymous_grants(admin.get_object_acl(Bucket=private, Key=private_name)) == []
    assert fetch(plain(private_url))[0] == 403
    assert fetch(private_url) == (200, b"only for you")


def test_a_file_put_in_the_public_space_without_the_acl_stays_private(spaces, moto):
    # The cost of object ACLs: a file uploaded outside the app (no public-read) is not public.
    moto_client("s3", moto.url).put_object(
        Bucket=spaces.env[names.AWS_STORAGE_BUCKET_NAME], Key="outside/no-acl.txt", Body=b"x"
    )
    endpoint, public = spaces.env[names.AWS_S3_ENDPOINT_URL], spaces.env[names.AWS_STORAGE_BUCKET_NAME]
    assert fetch(f"{endpoint}/{public}/outside/no-acl.txt")[0] == 403


def test_a_public_file_on_r2_is_linked_through_its_public_domain_unsigned(r2, moto_auth):
    with moto_auth.enforced(), django_project(r2.env) as storages:
        name = storages["default"].save("avatars/public.txt", ContentFile(b"for everyone"))
        url = storages["default"].url(name)
        with storages["default"].open(name) as stored:
            assert stored.read() == b"for everyone"
    domain = r2.exported[names.AWS_S3_CUSTOM_DOMAIN]
    assert domain == read_stack_config(REPO_ROOT, STACKS["r2"])["media-storage:customDomain"]
    # The domain serves the bucket's root: the URL is the host plus the key, nothing signed.
    assert url == f"https://{domain}/avatars/public.txt"
    public = r2.env[names.AWS_STORAGE_BUCKET_NAME]
    assert set(r2.applied.public_domains) == {public}
    # Without the domain, nobody reads it: R2 buckets themselves are never public.
    assert fetch(f"{r2.env[names.AWS_S3_ENDPOINT_URL]}/{public}/avatars/public.txt")[0] == 403
