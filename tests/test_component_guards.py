"""Misuse of the components is caught before anything registers, with a message that says what to do."""

from __future__ import annotations

import asyncio
import contextvars

import pulumi
import pytest
from pydantic import ValidationError

from media_storage.aws import (
    AppRole,
    AppRoleArgs,
    AppUser,
    AppUserArgs,
    AwsMediaStorage,
    AwsMediaStorageArgs,
    MediaBucket,
    MediaBucketArgs,
    RoleTrust,
)
from media_storage.azure import (
    AppIdentity,
    AppIdentityArgs,
    AzureMediaStorage,
    AzureMediaStorageArgs,
    MediaAccount,
    MediaAccountArgs,
)
from media_storage.cloudflare import (
    AppToken,
    AppTokenArgs,
    CloudflareMediaStorage,
    CloudflareMediaStorageArgs,
    R2MediaBucket,
)
from media_storage.digitalocean import (
    AppKey,
    AppKeyArgs,
    DigitalOceanMediaStorage,
    DigitalOceanMediaStorageArgs,
    SpacesMediaBucket,
)
from media_storage.settings.aws import BucketNames
from media_storage.tags import media_tags
from media_storage.testing import MediaStorageMocks, run_program

AWS_ARGS = AwsMediaStorageArgs(app="shop", environment="test")
AZURE_ARGS = AzureMediaStorageArgs(app="shop", environment="test", location="westeurope")
SPACES_ARGS = DigitalOceanMediaStorageArgs(app="shop", environment="test", region="ams3")
R2_ARGS = CloudflareMediaStorageArgs(app="shop", environment="test", account_id="0123456789abcdef0123456789abcdef")


@pytest.mark.parametrize(
    ("component", "args_class"),
    [
        (AwsMediaStorage, AwsMediaStorageArgs),
        (AzureMediaStorage, AzureMediaStorageArgs),
        (DigitalOceanMediaStorage, DigitalOceanMediaStorageArgs),
        (CloudflareMediaStorage, CloudflareMediaStorageArgs),
    ],
    ids=["aws", "azure", "digitalocean", "cloudflare"],
)
def test_args_of_the_wrong_type_raise_a_type_error_before_anything_registers(component, args_class):
    run = run_program(lambda: component("media", {"app": "shop", "environment": "test"}))
    name = args_class.__name__
    assert run.error == (
        f"TypeError: {component.__name__} takes args of type {name}, got dict; "
        f"build them with {name}(...) or {name}.model_validate(a_dict)"
    )
    assert run.resources == []


@pytest.mark.parametrize(
    ("component", "args", "args_class"),
    [
        (MediaBucket, {"bucket_name": "b", "visibility": "public"}, "MediaBucketArgs"),
        (AppUser, None, "AppUserArgs"),
        (AppRole, "shop", "AppRoleArgs"),
        (MediaAccount, {}, "MediaAccountArgs"),
        (AppIdentity, AZURE_ARGS, "AppIdentityArgs"),
        (SpacesMediaBucket, {"bucket_name": "b", "region": "ams3", "visibility": "public"}, "SpacesMediaBucketArgs"),
        (AppKey, ["shop-test-public"], "AppKeyArgs"),
        (R2MediaBucket, R2_ARGS, "R2MediaBucketArgs"),
        (AppToken, None, "AppTokenArgs"),
    ],
)
def test_building_blocks_check_the_type_of_their_args(component, args, args_class):
    run = run_program(lambda: component("block", args))
    assert run.error == (
        f"TypeError: {component.__name__} takes args of type {args_class}, got {type(args).__name__}; "
        f"build them with {args_class}(...)"
    )
    assert run.resources == []


def test_model_copy_cannot_smuggle_a_wildcard_role_trust_past_validation():
    smuggled = AwsMediaStorageArgs(app="shop", environment="test", credentials="role").model_copy(
        update={"role_trust": RoleTrust.model_construct(principals=("*",))}
    )
    assert smuggled.role_trust.principals == ("*",)  # pydantic let it through
    run = run_program(lambda: AwsMediaStorage("media", smuggled))
    assert run.error.startswith(
        "ValidationError: 1 validation error for AwsMediaStorageArgs\nrole_trust.principals.0\n"
    )
    assert "expected a 12-digit account id or an IAM root, role or user ARN (no wildcards)" in run.error
    assert run.resources == []


@pytest.mark.parametrize(
    ("component", "args", "model", "message"),
    [
        (
            DigitalOceanMediaStorage,
            SPACES_ARGS.model_copy(update={"region": "ams3.evil.example"}),
            "DigitalOceanMediaStorageArgs",
            "region\n",
        ),
        (
            CloudflareMediaStorage,
            R2_ARGS.model_copy(update={"versioning": {"public": True, "private": True}}),
            "CloudflareMediaStorageArgs",
            "R2 has no object versioning",
        ),
    ],
    ids=["digitalocean", "cloudflare"],
)
def test_model_copy_cannot_smuggle_values_past_the_s3_compatible_components(component, args, model, message):
    run = run_program(lambda: component("media", args))
    assert run.error.startswith(f"ValidationError: 1 validation error for {model}\n")
    assert message in run.error
    assert run.resources == []


def test_an_empty_spaces_key_or_r2_token_is_refused_before_it_registers():
    run = run_program(lambda: AppKey("key", AppKeyArgs(key_name="k", bucket_names=[])))
    assert run.error == "ValueError: a Spaces key without bucket grants would be a full-access key"
    assert run.resources == []
    run = run_program(lambda: AppToken("token", AppTokenArgs(token_name="t", account_id="a" * 32, bucket_names=[])))
    assert run.error == "ValueError: a token without buckets would need account-wide resources"
    assert run.resources == []


def test_model_construct_cannot_skip_validation():
    constructed = AzureMediaStorageArgs.model_construct(app="Shop", environment="test", soft_delete_days=0)
    run = run_program(lambda: AzureMediaStorage("media", constructed))
    assert run.error.startswith("ValidationError: 2 validation errors for AzureMediaStorageArgs\napp\n")
    assert "expected lowercase letters, digits and -, 3 to 32 characters, starting with a letter" in run.error
    assert "soft_delete_days\n  Input should be greater than or equal to 1" in run.error
    assert run.resources == []


@pytest.mark.parametrize(
    ("component", "args_class", "args", "resources"),
    [
        (AwsMediaStorage, AwsMediaStorageArgs, AWS_ARGS, 9),
        (AzureMediaStorage, AzureMediaStorageArgs, AZURE_ARGS, 9),
        (DigitalOceanMediaStorage, DigitalOceanMediaStorageArgs, SPACES_ARGS, 3),
        (CloudflareMediaStorage, CloudflareMediaStorageArgs, R2_ARGS, 6),
    ],
    ids=["aws", "azure", "digitalocean", "cloudflare"],
)
def test_args_are_validated_once_per_component_not_per_resource(monkeypatch, component, args_class, args, resources):
    calls = []
    original = args_class.model_validate.__func__

    def counting(cls, *a, **kw):
        calls.append(cls)
        return original(cls, *a, **kw)

    monkeypatch.setattr(args_class, "model_validate", classmethod(counting))
    run = run_program(lambda: component("media", args)).raise_for_error()
    assert len([r for r in run.resources if r.custom]) >= resources
    assert calls == [args_class]


@pytest.mark.parametrize(
    ("component", "args", "cloud"),
    [
        (AwsMediaStorage, AWS_ARGS, "aws"),
        (AzureMediaStorage, AZURE_ARGS, "azure"),
        (DigitalOceanMediaStorage, SPACES_ARGS, "digitalocean"),
        (CloudflareMediaStorage, R2_ARGS, "cloudflare"),
    ],
    ids=["aws", "azure", "digitalocean", "cloudflare"],
)
def test_two_components_for_the_same_app_and_environment_are_refused_before_the_second_registers(
    component, args, cloud
):
    def program() -> None:
        component("first", args)
        component("second", args)

    run = run_program(program)
    assert run.error == (
        f"ValueError: {component.__name__} 'second': app 'shop' and environment 'test' are already provisioned on "
        f"{cloud} by 'first' in this program; both would derive the same bucket, account and credential names. "
        "Give each component its own app slug or environment"
    )
    tops = [r.name for r in run.resources if r.type == f"media-storage:{cloud}:MediaStorage"]
    assert tops == ["first"]


def test_another_environment_or_app_or_program_is_no_clash():
    def program() -> None:
        AwsMediaStorage("test", AWS_ARGS)
        AwsMediaStorage("staging", AWS_ARGS.model_copy(update={"environment": "staging"}))
        AwsMediaStorage("blog", AWS_ARGS.model_copy(update={"app": "blog"}))
        AzureMediaStorage("azure", AZURE_ARGS)

    run_program(program).raise_for_error()
    # Each run is a program of its own: the same app and environment again is no duplicate.
    run_program(program).raise_for_error()


def test_each_set_mocks_program_has_its_own_claims():
    # Pulumi's own unit-test style: a fixture calls `set_mocks` per test, in one context and
    # under one root stack resource; each call starts a program with a monitor of its own.
    def two_tests() -> None:
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        try:
            for _ in range(2):
                pulumi.runtime.set_mocks(MediaStorageMocks(), preview=False)
                AwsMediaStorage("media", AWS_ARGS)
                with pytest.raises(ValueError, match="already provisioned on aws by 'media' in this program"):
                    AwsMediaStorage("again", AWS_ARGS)
                loop.run_until_complete(asyncio.gather(*asyncio.all_tasks(loop), return_exceptions=True))
        finally:
            loop.run_until_complete(loop.shutdown_default_executor())
            loop.close()
            asyncio.set_event_loop(None)

    contextvars.Context().run(two_tests)


def test_public_and_private_bucket_names_must_differ():
    with pytest.raises(ValidationError) as error:
        AwsMediaStorageArgs(
            app="shop", environment="test", bucket_names=BucketNames(public="shop-media", private="shop-media")
        )
    assert (
        "public and private must name two different buckets: one bucket cannot be both readable by anyone and "
        "private; got 'shop-media' for both"
    ) in str(error.value)
    assert AwsMediaStorageArgs(
        app="shop", environment="test", bucket_names={"public": "shop-public", "private": "shop-private"}
    ).bucket_names == BucketNames(public="shop-public", private="shop-private")


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1:5000", "http://localhost:4566", "https://localhost:9000", "http://[::1]:5000", "https://[::1]"],
)
def test_endpoint_url_accepts_a_loopback_emulator(url):
    assert AwsMediaStorageArgs(app="shop", environment="test", endpoint_url=url).endpoint_url == url


@pytest.mark.parametrize(
    ("url", "host"),
    [
        ("https://s3.eu-west-1.amazonaws.com", "s3.eu-west-1.amazonaws.com"),
        ("https://minio.example.com", "minio.example.com"),
        ("http://10.0.0.5:9000", "10.0.0.5"),
        ("https://127.0.0.1.nip.io", "127.0.0.1.nip.io"),
    ],
)
def test_endpoint_url_refuses_any_other_host_since_the_apps_keys_go_there(url, host):
    with pytest.raises(ValidationError) as error:
        AwsMediaStorageArgs(app="shop", environment="test", endpoint_url=url)
    assert (
        f"{host} is not this machine; expected a local emulator's URL, http(s)://localhost, 127.0.0.1 or [::1] "
        "with an optional port and no path (the endpoints of AWS itself are derived from the region)"
    ) in str(error.value)


def _bucket(**tags):
    return MediaBucketArgs(bucket_name="b", visibility="public", **tags)


def _account(**tags):
    return MediaAccountArgs(account_name="a", resource_group_name="rg", visibility="private", **tags)


BUILDING_BLOCK_ARGS = {
    "MediaBucketArgs": _bucket,
    "MediaAccountArgs": _account,
    "AppUserArgs": lambda **tags: AppUserArgs(user_name="u", policy="{}", **tags),
    "AppRoleArgs": lambda **tags: AppRoleArgs(role_name="r", policy="{}", account_id="123456789012", **tags),
    "AppIdentityArgs": lambda **tags: AppIdentityArgs(
        identity_name="i", resource_group_name="rg", subscription_id="s", container_ids=["c"], **tags
    ),
}


@pytest.mark.parametrize("args_class", BUILDING_BLOCK_ARGS)
@pytest.mark.parametrize(
    ("tags", "missing"),
    [
        ({}, "media-storage:app and media-storage:stack"),
        ({"tags": {"media-storage:app": "shop"}}, "media-storage:stack"),
        ({"tags": {"media-storage:app": "", "media-storage:stack": "test"}}, "media-storage:app"),
    ],
    ids=["none", "no-stack", "empty-app"],
)
def test_building_blocks_require_the_media_storage_tags(args_class, tags, missing):
    with pytest.raises(ValueError) as error:
        BUILDING_BLOCK_ARGS[args_class](**tags)
    assert str(error.value) == (
        f"{args_class}.tags must carry {missing}: the policy pack recognises media storage by them; "
        "build the tags with media_storage.tags.media_tags(app, environment)"
    )


def test_storage_building_blocks_derive_the_visibility_tag():
    assert _bucket(tags=media_tags("shop", "test")).tags == media_tags("shop", "test", "public")
    assert _account(tags={**media_tags("shop", "test"), "team": "web"}).tags == {
        **media_tags("shop", "test", "private"),
        "team": "web",
    }


def test_a_visibility_tag_that_contradicts_the_visibility_is_refused():
    with pytest.raises(ValueError) as error:
        _bucket(tags=media_tags("shop", "test", "private"))
    assert str(error.value) == (
        "MediaBucketArgs.tags has media-storage:visibility='private' but the visibility is 'public'; "
        "leave the tag out, it is derived from the visibility"
    )


def test_a_bucket_built_alone_carries_the_tags_the_policy_pack_reads():
    def program() -> None:
        MediaBucket(
            "media", MediaBucketArgs(bucket_name="shop-media", visibility="public", tags=media_tags("shop", "test"))
        )

    bucket = run_program(program).raise_for_error().one("aws:s3/bucket:Bucket")
    assert bucket.inputs["tags"] == {
        "media-storage:app": "shop",
        "media-storage:stack": "test",
        "media-storage:visibility": "public",
    }


def test_the_components_still_register_the_same_resources_for_existing_stacks():
    def program() -> None:
        pulumi.export("env", AwsMediaStorage("shop", AWS_ARGS).env)

    run = run_program(program).raise_for_error()
    assert sorted(r.name for r in run.resources) == sorted(
        [
            "shop",
            *(f"shop-{v}" for v in ("public", "private")),
            *(
                f"shop-{v}-{part}"
                for v in ("public", "private")
                for part in ("bucket", "ownership", "public-access-block", "policy", "encryption", "lifecycle")
            ),
            "shop-private-versioning",
            "shop-app",
            "shop-app-user",
            "shop-app-policy",
            "shop-app-key-1",
        ]
    )
