"""The components as an import API: type tokens, parenting, options passed through, composition."""

from __future__ import annotations

import pulumi
import pulumi_aws as aws
import pytest

from media_storage.aws import AwsMediaStorage, AwsMediaStorageArgs
from media_storage.testing import reveal, run_program

from .conftest import REPO_ROOT

COMPONENT_TYPES = {
    "media-storage:aws:MediaStorage",
    "media-storage:aws:MediaBucket",
    "media-storage:aws:AppUser",
}


def program(opts: pulumi.ResourceOptions | None = None, **args):
    def run() -> None:
        storage = AwsMediaStorage("media", AwsMediaStorageArgs(app="shop", environment="test", **args), opts=opts)
        pulumi.export("env", storage.env)

    return run


def test_type_tokens_and_every_child_parented_within_the_component():
    run = run_program(program()).raise_for_error()
    components = [r for r in run.resources if not r.custom]
    assert {r.type for r in components} == COMPONENT_TYPES
    top = run.one("media-storage:aws:MediaStorage")
    assert top.parent == run.stack_urn
    inside = {top.urn}
    for resource in run.resources:
        if resource is not top:
            assert resource.parent in inside, f"{resource.name} escapes the component"
            inside.add(resource.urn)
    assert all(r.name.startswith("media-") for r in run.resources if r is not top)


def test_components_register_their_outputs():
    run = run_program(program()).raise_for_error()
    assert set(reveal(run.outputs["env"])) >= {"AWS_STORAGE_BUCKET_NAME", "AWS_ACCESS_KEY_ID"}


def test_a_provider_passed_to_the_component_reaches_every_resource():
    def run_with_provider() -> None:
        provider = aws.Provider("frankfurt", region="eu-central-1")
        AwsMediaStorage(
            "media",
            AwsMediaStorageArgs(app="shop", environment="test"),
            opts=pulumi.ResourceOptions(providers=[provider]),
        )

    run = run_program(run_with_provider).raise_for_error()
    provider_urn = run.one("pulumi:providers:aws").urn
    custom = [r for r in run.resources if r.custom and not r.type.startswith("pulumi:providers:")]
    assert custom
    assert all(r.provider.startswith(provider_urn + "::") for r in custom)


def test_protect_on_the_component_is_inherited_even_when_the_flag_is_off():
    run = run_program(program(opts=pulumi.ResourceOptions(protect=True), protect=False)).raise_for_error()
    assert all(r.protect for r in run.of_type("aws:s3/bucket:Bucket"))


def test_aliases_pass_through_to_the_component():
    run = run_program(program(opts=pulumi.ResourceOptions(aliases=[pulumi.Alias(name="old-media")]))).raise_for_error()
    aliases = run.one("media-storage:aws:MediaStorage").request.aliases
    assert [alias.spec.name for alias in aliases] == ["old-media"]


def test_invalid_component_args_fail_with_the_field_name():
    with pytest.raises(ValueError, match="cors_origins"):
        AwsMediaStorageArgs(app="shop", environment="test", cors_origins=("https://x.example.com/",))


def test_the_example_composes_three_apps_on_two_clouds_without_clashes():
    run = run_program(REPO_ROOT / "examples" / "several-apps", stack="dev").raise_for_error()
    urns = [r.urn for r in run.resources]
    assert len(urns) == len(set(urns))
    buckets = [r.get("bucket") for r in run.of_type("aws:s3/bucket:Bucket")]
    assert len(buckets) == 4 and len(set(buckets)) == 4
    shop, blog = reveal(run.outputs["shopEnv"]), reveal(run.outputs["blogEnv"])
    assert shop["AWS_STORAGE_BUCKET_NAME"].startswith("shop-dev-public-")
    assert blog["AWS_STORAGE_BUCKET_NAME"].startswith("blog-dev-public-")
    assert blog["AWS_S3_REGION_NAME"] == "eu-central-1" and shop["AWS_S3_REGION_NAME"] == "eu-west-1"
    assert "AWS_ROLE_ARN" in blog and "AWS_ACCESS_KEY_ID" in shop
    blog_buckets = [r for r in run.of_type("aws:s3/bucket:Bucket") if r.name.startswith("blog-")]
    frankfurt = run.one("pulumi:providers:aws", "frankfurt").urn
    assert all(r.provider.startswith(frankfurt) and r.get("region") == "eu-central-1" for r in blog_buckets)
    wiki = reveal(run.outputs["wikiEnv"])
    assert wiki["MEDIA_STORAGE_BACKEND"] == "azure" and "AZURE_CLIENT_ID" in wiki
    accounts = [r.get("accountName") for r in run.of_type("azure-native:storage:StorageAccount")]
    assert len(accounts) == 2 and all(name.startswith("wikidev") for name in accounts)
    assert run.outputs["wikiIdentityId"].endswith("/userAssignedIdentities/wiki-dev-media")


def test_the_env_names_the_region_of_an_explicit_provider_as_a_deployment_would():
    def run_with_provider() -> None:
        provider = aws.Provider("frankfurt", region="eu-central-1")
        storage = AwsMediaStorage(
            "media",
            AwsMediaStorageArgs(app="shop", environment="test"),
            opts=pulumi.ResourceOptions(providers=[provider]),
        )
        pulumi.export("env", storage.env)
        pulumi.export("region", aws.get_region_output(opts=pulumi.InvokeOutputOptions(provider=provider)).region)

    run = run_program(run_with_provider, config={"aws:region": "eu-west-1"}).raise_for_error()
    assert reveal(run.outputs["env"])["AWS_S3_REGION_NAME"] == "eu-central-1"
    assert run.outputs["region"] == "eu-central-1"
