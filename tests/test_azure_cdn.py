"""Azure Front Door in front of public media (`media-storage:cdn` with `cloud: azure`)."""

from __future__ import annotations

import json

import pytest
import yaml

from media_storage import env_contract as names
from media_storage.testing import Secret, read_stack_config, reveal, run_program

from .conftest import REPO_ROOT, aws_config
from .doc_snippets import snippet
from .test_azure_storage import azure_config
from .test_stack_config import AZURE, problems

PROFILE = "azure-native:cdn:Profile"
ENDPOINT = "azure-native:cdn:AFDEndpoint"
ORIGIN_GROUP = "azure-native:cdn:AFDOriginGroup"
ORIGIN = "azure-native:cdn:AFDOrigin"
ROUTE = "azure-native:cdn:Route"
RULE_SET = "azure-native:cdn:RuleSet"
RULE = "azure-native:cdn:Rule"
CUSTOM_DOMAIN = "azure-native:cdn:AFDCustomDomain"
ACCOUNT = "azure-native:storage:StorageAccount"
CONTAINER = "azure-native:storage:BlobContainer"
ORIGINS = ["https://shop.example.com", "http://localhost:8000"]


@pytest.fixture
def azure_run(run_stack):
    def run(**settings):
        return run_stack(azure_config(**settings)).raise_for_error()

    return run


def test_without_cdn_no_front_door(azure_run):
    run = azure_run()
    assert not [r for r in run.resources if r.type.startswith("azure-native:cdn:")]
    assert names.AZURE_CUSTOM_DOMAIN not in run.outputs["env"]


def test_with_cdn_every_existing_resource_keeps_its_name(azure_run):
    with_cdn = {r.urn for r in azure_run(cdn="true").resources}
    assert {r.urn for r in azure_run().resources} <= with_cdn


def test_front_door_standard_with_the_public_blob_endpoint_as_its_only_origin(azure_run):
    run = azure_run(cdn="true", corsOrigins=json.dumps(ORIGINS))
    profile = run.one(PROFILE)
    assert profile.get("sku") == {"name": "Standard_AzureFrontDoor"}
    assert profile.get("location") == "global"
    [origin] = run.of_type(ORIGIN)
    public_account = run.one(ACCOUNT, "-public-")
    host = f"{public_account.get('accountName')}.blob.core.windows.net"
    assert (origin.get("hostName"), origin.get("originHostHeader")) == (host, host)
    assert origin.get("enforceCertificateNameCheck") is True
    assert public_account.urn in origin.property_dependencies["hostName"]
    assert run.one(ORIGIN_GROUP).urn in origin.property_dependencies["originGroupName"]
    private_account = run.one(ACCOUNT, "-private-")
    assert private_account.urn not in {
        u
        for r in run.resources
        for deps in r.property_dependencies.values()
        for u in deps
        if r.type.startswith("azure-native:cdn:")
    }


def test_route_is_https_only_with_caching_and_compression(azure_run):
    run = azure_run(cdn="true", corsOrigins=json.dumps(ORIGINS))
    route = run.one(ROUTE)
    assert route.get("supportedProtocols") == ["Https"]
    assert route.get("forwardingProtocol") == "HttpsOnly"
    assert route.get("patternsToMatch") == ["/*"]
    cache = route.get("cacheConfiguration")
    assert cache["queryStringCachingBehavior"] == "IgnoreQueryString"
    assert cache["compressionSettings"]["isCompressionEnabled"] is True
    assert run.one(ORIGIN).urn in route.dependencies  # the origin group has its origin first
    assert run.one(RULE_SET).urn in route.property_dependencies["ruleSets"]


def test_cors_rules_answer_each_app_origin_never_a_wildcard(azure_run):
    run = azure_run(cdn="true", corsOrigins=json.dumps(ORIGINS))
    rules = sorted(run.of_type(RULE), key=lambda r: r.get("order"))
    assert [r.get("conditions")[0]["parameters"]["matchValues"] for r in rules] == [[o] for o in ORIGINS]
    for rule, origin in zip(rules, ORIGINS, strict=True):
        condition = rule.get("conditions")[0]
        assert (condition["name"], condition["parameters"]["selector"]) == ("RequestHeader", "Origin")
        headers = {a["parameters"]["headerName"]: a["parameters"]["value"] for a in rule.get("actions")}
        assert headers == {"Access-Control-Allow-Origin": origin, "Vary": "Origin"}


def test_no_cors_origins_no_rule_set(azure_run):
    run = azure_run(cdn="true")
    assert run.of_type(RULE_SET) == [] and run.of_type(RULE) == []
    assert run.one(ROUTE).get("ruleSets") is None


def test_custom_domain_with_a_managed_certificate_and_tls_1_2(azure_run):
    run = azure_run(cdn=json.dumps({"domain": "media.shop.example.com"}))
    domain = run.one(CUSTOM_DOMAIN)
    assert domain.get("hostName") == "media.shop.example.com"
    assert domain.get("tlsSettings") == {"certificateType": "ManagedCertificate", "minimumTlsVersion": "TLS12"}
    assert domain.urn in run.one(ROUTE).property_dependencies["customDomains"]
    assert reveal(run.outputs["env"][names.AZURE_CUSTOM_DOMAIN]) == "media.shop.example.com"


@pytest.mark.parametrize(
    "credentials",
    [{"credentials": "key"}, {"credentials": "identity"}],
)
def test_env_points_public_media_at_the_endpoint_and_private_media_stays_on_blob_sas(azure_run, credentials):
    run = azure_run(cdn="true", **credentials)
    env = run.outputs["env"]
    host = reveal(env[names.AZURE_CUSTOM_DOMAIN])
    assert host.endswith(".z01.azurefd.net") and not isinstance(env[names.AZURE_CUSTOM_DOMAIN], Secret)
    assert names.AWS_PRIVATE_S3_CUSTOM_DOMAIN not in env
    if credentials["credentials"] == "key":
        assert reveal(env[names.DEFAULT_STORAGE_DSN]).endswith(f"domain={host}")
        assert isinstance(env[names.AZURE_PRIVATE_CONNECTION_STRING], Secret)


def test_the_helper_links_public_media_through_front_door_and_signs_private_links_on_blob(azure_run):
    from storages.backends.azure_storage import AzureStorage

    from media_storage.django_storages import storages_from_env

    env = reveal(azure_run(cdn="true").outputs["env"])
    storages = storages_from_env(env)
    public = AzureStorage(**storages["default"]["OPTIONS"])
    assert public.url("photos/a.jpg").startswith(f"https://{env[names.AZURE_CUSTOM_DOMAIN]}/")
    assert storages["private"]["OPTIONS"]["custom_domain"] is None


def test_cdn_and_custom_domain_together_are_refused(run_stack):
    run = run_stack(aws_config(**AZURE, cdn="true", customDomain="media.example.com"))
    assert problems(run) == [
        "media-storage:cdn: with a CDN, set the public domain as cdn.domain, not customDomain; got true"
    ]


def test_a_front_door_domain_with_a_scheme_is_refused(run_stack):
    run = run_stack(aws_config(**AZURE, cdn=json.dumps({"domain": "https://media.example.com"})))
    assert problems(run) == [
        "media-storage:cdn.domain: expected a lowercase DNS name such as media.example.com, without scheme, port, "
        "path or trailing dot; got 'https://media.example.com'"
    ]


def test_the_azure_cdn_stack_file():
    assert read_stack_config(REPO_ROOT, "dev-azure-cdn")["media-storage:cdn"] is True
    env = reveal(run_program(REPO_ROOT, stack="dev-azure-cdn").raise_for_error().outputs["env"])
    assert env[names.AZURE_CUSTOM_DOMAIN].endswith(".azurefd.net")


def test_azure_config_is_not_confused_with_aws_cdn_keys(run_stack):
    run = run_stack(azure_config(cdn=json.dumps({"privateDelivery": True})))
    assert problems(run) == ["media-storage:cdn.privateDelivery: unknown key"]


def test_the_documented_azure_cdn_config_is_valid(run_stack):
    config = {**azure_config(), **yaml.safe_load(snippet("azure-cdn-config"))["config"]}
    run = run_stack(config).raise_for_error()
    assert run.one(CUSTOM_DOMAIN).get("hostName") == "media.example.com"
