"""Config validation: every mistake is reported by key, value and what is allowed, and nothing is created."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from media_storage.naming import APP_SLUG_PATTERN
from media_storage.testing import run_program

from .conftest import REPO_ROOT, aws_config

hypothesis_settings = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def problems(run):
    """The problem lines of a failed run, after checking nothing was registered."""
    assert run.resources == [], "a config error must stop the program before any resource"
    assert run.error is not None and run.error_traceback is None, run.error_traceback
    assert run.error.startswith("invalid stack config")
    return [line.removeprefix("  - ") for line in run.error.splitlines()[1:]]


def test_the_dev_stack_file_is_valid():
    run = run_program(REPO_ROOT, stack="dev").raise_for_error()
    assert run.outputs["env"]["MEDIA_STORAGE_BACKEND"] == "s3"


@pytest.mark.parametrize(
    ("settings_", "expected"),
    [
        (
            {"cloud": None},
            "media-storage:cloud: required, one of `aws`, `azure`, `digitalocean`, `cloudflare`; it is not set",
        ),
        (
            {"cloud": "gcp"},
            "media-storage:cloud: required, one of `aws`, `azure`, `digitalocean`, `cloudflare`; got 'gcp'",
        ),
        ({"app": None}, "media-storage:app: required"),
        (
            {"app": "Shop"},
            "media-storage:app: expected lowercase letters, digits and -, 3 to 32 characters, "
            "starting with a letter; got 'Shop'",
        ),
        (
            {"aws:region": None},
            "aws:region: required with cloud aws, e.g. `pulumi config set aws:region eu-west-1`",
        ),
        (
            {"aws:region": "Europe"},
            "aws:region: expected an AWS region such as eu-west-1; got 'Europe'",
        ),
        (
            {"corsOrigins": ["https://shop.example.com/"]},
            "media-storage:corsOrigins[0]: expected a bare origin https://host[:port] (http:// only for "
            "localhost or 127.0.0.1), lowercase, without wildcard, path, trailing slash, query or fragment; "
            "got 'https://shop.example.com/'",
        ),
        (
            {"corsOrigins": ["https://a.example.com", "*"]},
            "media-storage:corsOrigins[1]: wildcards are not allowed; expected a bare origin https://host[:port] "
            "(http:// only for localhost or 127.0.0.1), lowercase, without wildcard, path, trailing slash, "
            "query or fragment; got '*'",
        ),
        (
            {"corsOrigins": ["http://shop.example.com"]},
            "media-storage:corsOrigins[0]: http:// is only allowed for localhost and 127.0.0.1; expected a bare "
            "origin https://host[:port] (http:// only for localhost or 127.0.0.1), lowercase, without wildcard, "
            "path, trailing slash, query or fragment; got 'http://shop.example.com'",
        ),
        (
            {"corsOrigins": ["https://shop.example.com:443"]},
            "media-storage:corsOrigins[0]: leave out the default port: browsers send https://shop.example.com; "
            "got 'https://shop.example.com:443'",
        ),
        (
            {"corsOrigins": "https://shop.example.com"},
            "media-storage:corsOrigins: expected a list (YAML or JSON); got 'https://shop.example.com'",
        ),
        (
            {"urlExpirySeconds": "999999"},
            "media-storage:urlExpirySeconds: Input should be less than or equal to 604800; got '999999'",
        ),
        (
            {"protect": "maybe"},
            "media-storage:protect: Input should be a valid boolean, unable to interpret input; got 'maybe'",
        ),
        (
            {"corsOrigin": ["https://a.example.com"]},
            "media-storage:corsOrigin: unknown key; did you mean corsOrigins?",
        ),
        (
            {"region": "eu-west-1"},
            "media-storage:region: unknown key; the region comes from aws:region",
        ),
        (
            {"credentials": "identity"},
            "media-storage:credentials: Input should be 'key' or 'role'; got 'identity'",
        ),
        (
            {"roleTrust": {"services": ["ecs-tasks.amazonaws.com"]}},
            'media-storage:roleTrust: only applies with credentials: role; got {"services": ["ecs-tasks.amazonaws.com"]}',
        ),
        (
            {"credentials": "role", "roleTrust": {}},
            "media-storage:roleTrust: name at least one of services, principals, oidc or eksPodIdentity; got {}",
        ),
        (
            {"credentials": "role", "roleTrust": {"principals": ["*"]}},
            "media-storage:roleTrust.principals[0]: expected a 12-digit account id or an IAM root, role or user ARN "
            "(no wildcards); got '*'",
        ),
        (
            {"accessKeyGenerations": ["a", "b", "c"]},
            'media-storage:accessKeyGenerations: list one or two labels: IAM allows two access keys per user; got ["a", "b", "c"]',
        ),
        (
            {"requireTls": False},
            "media-storage:requireTls: may be false only when endpointUrl is a plain-http localhost/127.0.0.1 "
            "emulator; real buckets always deny requests without TLS; got 'false'",
        ),
        (
            {"endpointUrl": "https://127.0.0.1:9000", "requireTls": False},
            "media-storage:requireTls: may be false only when endpointUrl is a plain-http localhost/127.0.0.1 "
            "emulator; real buckets always deny requests without TLS; got 'false'",
        ),
        (
            {"endpointUrl": "http://s3.example.com"},
            "media-storage:endpointUrl: s3.example.com is not this machine; expected a local emulator's URL, "
            "http(s)://localhost, 127.0.0.1 or [::1] with an optional port and no path (the endpoints of AWS itself "
            "are derived from the region); got 'http://s3.example.com'",
        ),
        (
            {"endpointUrl": "https://s3.eu-west-1.amazonaws.com"},
            "media-storage:endpointUrl: s3.eu-west-1.amazonaws.com is not this machine; expected a local emulator's "
            "URL, http(s)://localhost, 127.0.0.1 or [::1] with an optional port and no path (the endpoints of AWS "
            "itself are derived from the region); got 'https://s3.eu-west-1.amazonaws.com'",
        ),
        (
            {"bucketNames": {"public": "shop-media", "private": "shop-media"}},
            "media-storage:bucketNames: public and private must name two different buckets: one bucket cannot be "
            "both readable by anyone and private; got 'shop-media' for both; "
            'got {"public": "shop-media", "private": "shop-media"}',
        ),
        (
            {"lifecycle": {"infrequentAccessAfterDays": 10}},
            "media-storage:lifecycle.infrequentAccessAfterDays: must be 0 (off) or at least 30: S3 moves objects to "
            "Standard-IA after 30 days at the earliest; got 10",
        ),
        (
            {"lifecycle": {"infrequentAccessAfterDays": 60, "archiveAfterDays": 70}},
            "media-storage:lifecycle.archiveAfterDays: must be 0 (off) or at least 30 days after "
            "infrequentAccessAfterDays (60): objects stay 30 days in the infrequent-access tier first; got 70",
        ),
        (
            {"lifecycle": {"temporaryPrefix": "/tmp"}},
            "media-storage:lifecycle.temporaryPrefix: expected a key prefix such as tmp/ or uploads/tmp/: letters, digits, _ . - separated by /, ending in /; got '/tmp'",
        ),
        ({"lifecycle": {"keepForever": True}}, "media-storage:lifecycle.keepForever: unknown key"),
        (
            {"bucketNames": {"public": "Not_A_Bucket"}},
            "media-storage:bucketNames.public: expected an S3 bucket name: 3 to 63 lowercase letters, digits and -, starting and ending with a letter or digit; got 'Not_A_Bucket'",
        ),
        (
            {"customDomain": "https://media.example.com"},
            "media-storage:customDomain: expected a lowercase DNS name such as media.example.com, without scheme, port, path or trailing dot; got 'https://media.example.com'",
        ),
    ],
)
def test_each_mistake_gets_one_clear_message(run_stack, settings_, expected):
    assert problems(run_stack(aws_config(**settings_))) == [expected]


def test_azure_only_keys_are_refused_on_aws(run_stack):
    assert problems(run_stack(aws_config(softDeleteDays="7"))) == [
        "media-storage:softDeleteDays: only applies with cloud azure"
    ]


def test_all_problems_are_reported_together(run_stack):
    run = run_stack(aws_config(app="X", urlExpirySeconds="0", corsOrigins=["*"]))
    assert [line.split(":")[1] for line in problems(run)] == [
        "app",
        "corsOrigins[0]",
        "urlExpirySeconds",
    ]


AZURE = {"aws:region": None, "azure-native:location": "westeurope", "cloud": "azure"}
LONG_ORIGIN = "https://" + ".".join(letter * 59 for letter in "abcd") + ".example.com"  # a valid host, 259 characters


@pytest.mark.parametrize(
    ("settings_", "expected"),
    [
        (
            {"azure-native:location": None},
            "azure-native:location: required with cloud azure, e.g. `pulumi config set azure-native:location westeurope`",
        ),
        (
            {"azure-native:location": "West Europe"},
            "azure-native:location: expected an Azure region name such as westeurope; got 'West Europe'",
        ),
        ({"credentials": "role"}, "media-storage:credentials: Input should be 'key' or 'identity'; got 'role'"),
        (
            {"credentials": "identity", "accountKeyName": "key2"},
            "media-storage:accountKeyName: only applies with credentials: key (an identity has no keys); got 'key2'",
        ),
        (
            {"sku": "Premium_LRS"},
            "media-storage:sku: Input should be 'Standard_LRS', 'Standard_ZRS', 'Standard_GRS', 'Standard_GZRS', 'Standard_RAGRS' or 'Standard_RAGZRS'; got 'Premium_LRS'",
        ),
        ({"softDeleteDays": "0"}, "media-storage:softDeleteDays: Input should be greater than or equal to 1; got '0'"),
        ({"endpointUrl": "http://127.0.0.1:10000"}, "media-storage:endpointUrl: only applies with cloud aws"),
        ({"bucketNames": {"public": "x"}}, "media-storage:bucketNames: only applies with cloud aws"),
        ({"softDeleteDay": "3"}, "media-storage:softDeleteDay: unknown key; did you mean softDeleteDays?"),
        (
            {"location": "westeurope"},
            "media-storage:location: unknown key; the location comes from azure-native:location",
        ),
        (
            {"resourceGroupName": "rg."},
            "media-storage:resourceGroupName: expected a resource group name: 1 to 90 letters, digits, -, _, ., ( or ), not ending in .; got 'rg.'",
        ),
        (
            {"corsOrigins": [LONG_ORIGIN]},
            f"media-storage:corsOrigins: Azure allows origins of at most 256 characters: {LONG_ORIGIN}; "
            f'got ["{LONG_ORIGIN}"]',
        ),
    ],
)
def test_each_azure_mistake_gets_one_clear_message(run_stack, settings_, expected):
    assert problems(run_stack(aws_config(**{**AZURE, **settings_}))) == [expected]


def test_azure_cors_origins_must_fit_the_2_kib_limit(run_stack):
    origins = [f"https://shop-{i:02d}-{'x' * 40}.example.com" for i in range(40)]
    [line] = problems(run_stack(aws_config(**AZURE, corsOrigins=origins)))
    assert line.startswith("media-storage:corsOrigins: together too long for Azure's 2048-byte CORS limit (")
    assert run_stack(aws_config(corsOrigins=origins)).error is None, "S3 has no such limit"


not_a_slug = st.text(alphabet="abcXYZ019-_. é", min_size=0, max_size=40).filter(
    lambda s: re.fullmatch(APP_SLUG_PATTERN, s) is None
)


@hypothesis_settings
@given(slug=not_a_slug)
def test_generated_invalid_slugs_are_rejected_by_key_and_value(run_stack, slug):
    lines = problems(run_stack(aws_config(app=slug)))
    assert len(lines) == 1
    assert lines[0].startswith("media-storage:app: expected lowercase letters, digits and -, 3 to 32 characters")
    assert lines[0].endswith(f"got {slug!r}")


hosts = st.sampled_from(["shop.example.com", "localhost", "127.0.0.1", "a.b.example.org"])
bad_origins = st.one_of(
    st.builds(lambda h: f"https://{h}/", hosts),
    st.builds(lambda h, p: f"https://{h}/{p}", hosts, st.sampled_from(["media", "a/b", "x.js"])),
    st.builds(lambda h, q: f"https://{h}?{q}", hosts, st.sampled_from(["", "a=1"])),
    st.builds(lambda h: f"https://{h}#top", hosts),
    st.builds(lambda h: f"https://*.{h}", hosts),
    st.builds(lambda h: f"ftp://{h}", hosts),
    st.builds(
        lambda h: f"http://{h}",
        st.sampled_from(["shop.example.com", "10.0.0.1", "localhost.example.com"]),
    ),
    st.builds(lambda h: f"HTTPS://{h}", hosts),
    st.builds(lambda h: h, hosts),
    st.just("*"),
    st.just("null"),
)


@hypothesis_settings
@given(origins=st.lists(bad_origins, min_size=1, max_size=3, unique=True))
def test_generated_invalid_origins_are_each_reported(run_stack, origins):
    lines = problems(run_stack(aws_config(corsOrigins=origins)))
    assert len(lines) == len(origins)
    for index, (line, origin) in enumerate(zip(lines, origins, strict=True)):
        assert line.startswith(f"media-storage:corsOrigins[{index}]: ")
        assert line.endswith(f"got {origin!r}")


@hypothesis_settings
@given(seconds=st.one_of(st.integers(max_value=59), st.integers(min_value=604801)))
def test_generated_out_of_range_expiry_is_rejected(run_stack, seconds):
    lines = problems(run_stack(aws_config(urlExpirySeconds=str(seconds))))
    assert len(lines) == 1
    assert lines[0].startswith("media-storage:urlExpirySeconds: Input should be ")
    assert lines[0].endswith(f"got {str(seconds)!r}")


good_origins = st.builds(
    lambda scheme_host, port: scheme_host + (f":{port}" if port else ""),
    st.sampled_from(
        [
            "https://shop.example.com",
            "https://a-b.example.co.uk",
            "http://localhost",
            "http://127.0.0.1",
        ]
    ),
    st.one_of(st.none(), st.integers(min_value=1000, max_value=65535)),
)


@hypothesis_settings
@given(origins=st.lists(good_origins, max_size=4, unique=True))
def test_generated_valid_origins_are_accepted_verbatim(run_stack, origins):
    run = run_stack(aws_config(corsOrigins=origins)).raise_for_error()
    cors = run.of_type("aws:s3/bucketCorsConfiguration:BucketCorsConfiguration")
    if origins:
        assert [c.get("corsRules", 0, "allowedOrigins") for c in cors] == [origins, origins]
    else:
        assert cors == []
