"""The pack as a whole: its policies, the real pack process, the project's stacks, previews."""

from __future__ import annotations

import json
import re
import sys
import time

import pytest
from google.protobuf import empty_pb2
from media_storage.policies import ALL_POLICIES, resources
from media_storage.policies.check import analysis_requests, configure_request, evaluate
from pulumi.runtime.proto import analyzer_pb2

from media_storage import tags
from media_storage.testing import read_stack_config, run_program

from .conftest import REPO_ROOT
from .policy_support import serving_pack

INSECURE = REPO_ROOT / "tests" / "programs" / "insecure"
INSECURE_S3_COMPATIBLE = REPO_ROOT / "tests" / "programs" / "insecure-s3-compatible"
MANDATORY = {
    "azure-media-resources-typed",
    "azure-encryption-key-own-vault",
    "azure-media-identity-not-kubelet",
    "s3-private-bucket-blocks-public-access",
    "s3-no-public-acls",
    "s3-anonymous-read-only-public-objects",
    "s3-no-foreign-principals",
    "s3-configures-declared-buckets",
    "s3-deny-insecure-transport",
    "s3-cors-trusted-origins",
    "iam-s3-least-privilege",
    "azure-storage-secure-transport",
    "azure-private-account-no-anonymous-access",
    "azure-container-public-access",
    "azure-cors-trusted-origins",
    "azure-media-identity-least-privilege",
    "spaces-acl-private",
    "spaces-anonymous-read-only-public-objects",
    "spaces-no-bucket-policy-with-scoped-key",
    "spaces-key-least-privilege",
    "spaces-cors-trusted-origins",
    "r2-private-bucket-no-public-domain",
    "r2-token-least-privilege",
    "r2-cors-trusted-origins",
    "iam-pod-identity-trust-pinned",
    "iam-oidc-trust-exact",
    "iam-role-trust-own-accounts",
    "azure-federated-credential-allowlisted",
    "cloudfront-private-media-signed-links",
    "cloudfront-https-only",
    "cloudfront-tls-1-2",
    "cloudfront-cors-trusted-origins",
    "frontdoor-https-only",
    "frontdoor-tls-1-2",
    "frontdoor-cors-trusted-origins",
    # issue 12, Azure classes 9-11
    "azure-role-assignments-over-media",
    "azure-identity-mode-no-shared-key",
    "azure-private-account-sas-expiry",
    "azure-private-account-no-sftp-nfs",
    "azure-private-account-no-static-website",
    "azure-private-replication-within-program",
    "azure-lifecycle-keeps-private-media",
    # AWS exfiltration, takeover and data-loss paths (issue 12, classes 6 and 7).
    "s3-one-configuration-per-bucket",
    "s3-replication-stays-in-program",
    "s3-exports-stay-in-program",
    "s3-encryption-key-own-account",
    "s3-access-points-private",
    "s3-account-blocks-public-access",
    "s3-lifecycle-keeps-private-media",
}
ADVISORY = {
    "s3-acls-disabled",
    "s3-default-encryption",
    "s3-abort-incomplete-uploads",
    "s3-private-bucket-versioning",
    "s3-bucket-protected",
    "azure-blob-soft-delete",
    "azure-lifecycle-management",
    "azure-private-account-versioning",
    "azure-storage-account-protected",
    "spaces-bucket-protected",
    "r2-bucket-protected",
    "s3-public-bucket-only-through-cdn",
    # AWS (issue 12, classes 6 and 7).
    "s3-private-bucket-no-website",
    "s3-lifecycle-keeps-noncurrent-versions",
}


def test_policy_names_levels_and_descriptions():
    names = [policy.name for policy in ALL_POLICIES]
    assert len(names) == len(set(names))
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", name) for name in names)
    levels = {policy.name: policy.enforcement_level.value for policy in ALL_POLICIES}
    assert {name for name, level in levels.items() if level == "mandatory"} == MANDATORY
    assert {name for name, level in levels.items() if level == "advisory"} == ADVISORY
    for policy in ALL_POLICIES:
        assert len(policy.description) > 80 and policy.description.endswith("."), policy.name
        for spec in (policy.config_schema.properties if policy.config_schema else {}).values():
            assert {"type", "default", "description"} <= set(spec)


def test_the_pack_reads_the_tags_the_components_write():
    assert (resources.APP_TAG, resources.STACK_TAG, resources.VISIBILITY_TAG) == (
        tags.APP_TAG,
        tags.STACK_TAG,
        tags.VISIBILITY_TAG,
    )


@pytest.fixture(scope="module")
def pack_server():
    """The repository's pack started the way the Pulumi CLI starts it, serving gRPC on loopback."""
    with serving_pack(sys.executable, REPO_ROOT / "policies") as stub:
        yield stub


def test_the_real_pack_serves_every_policy_at_its_level(pack_server):
    info = pack_server.GetAnalyzerInfo(empty_pb2.Empty(), timeout=30)
    assert info.name == "media-storage"
    served = {p.name: analyzer_pb2.EnforcementLevel.Name(p.enforcementLevel).lower() for p in info.policies}
    assert served == {policy.name: policy.enforcement_level.value for policy in ALL_POLICIES}


def test_the_real_pack_finds_what_the_offline_check_finds(pack_server):
    served = set()
    for program in (INSECURE, INSECURE_S3_COMPATIBLE):
        served |= _served_equals_offline(pack_server, program)
    assert {policy for policy, _ in served} >= MANDATORY, "the insecure programs break every mandatory policy"


def _served_equals_offline(pack_server, program) -> set[tuple[str, str | None]]:
    run = run_program(program, stack="dev").raise_for_error()
    offline = {(v.policy, v.urn) for v in evaluate(run).violations}
    pack_server.Configure(configure_request(), timeout=30)
    requests, stack_request = analysis_requests(run)
    served = {
        (d.policyName, d.urn or request.urn)
        for request in requests
        for d in pack_server.Analyze(request, timeout=30).diagnostics
    }
    response = pack_server.AnalyzeStack(stack_request, timeout=30)
    served |= {(d.policyName, d.urn or None) for d in response.diagnostics}
    assert served == offline
    return served


STACK_MODES = [
    ("dev", "key"),
    ("dev", "role"),
    ("dev-azure", "key"),
    ("dev-azure", "identity"),
    ("dev-digitalocean", None),
    ("dev-cloudflare", None),
]


@pytest.mark.parametrize(("stack", "credentials"), STACK_MODES)
@pytest.mark.parametrize("preview", [False, True], ids=["update", "preview"])
def test_the_project_stacks_pass_in_every_credential_mode(stack, credentials, preview):
    config = read_stack_config(REPO_ROOT, stack)
    if credentials is not None:  # Spaces and R2 have one credential mode: a scoped key or token
        config["media-storage:credentials"] = credentials
    if credentials not in ("key", None):  # these settings only apply to keys
        config.pop("media-storage:accessKeyGenerations", None)
        config.pop("media-storage:accountKeyName", None)
    run = run_program(REPO_ROOT, stack=stack, config=config, preview=preview).raise_for_error()
    report = evaluate(run)
    assert report.violations == []


STACK_FILES = sorted(path.name for path in REPO_ROOT.glob("Pulumi.*.yaml"))


@pytest.mark.parametrize("stack_file", STACK_FILES)
def test_every_stack_file_passes_with_the_policy_config_beside_it(stack_file):
    stack = stack_file.removeprefix("Pulumi.").removesuffix(".yaml")
    waivers_path = REPO_ROOT / f"Pulumi.{stack}.policy-config.json"
    waivers = json.loads(waivers_path.read_text()) if waivers_path.exists() else None
    run = run_program(REPO_ROOT, stack=stack, config=read_stack_config(REPO_ROOT, stack)).raise_for_error()
    assert evaluate(run, waivers).violations == []
    if waivers is not None:
        # A config file is for a stack that needs it, and touches only what that stack breaks.
        broken = {v.policy for v in evaluate(run).violations if v.enforcementLevel == "mandatory"}
        assert broken == set(waivers), (
            f"{waivers_path.name} waives {sorted(waivers)}, the stack breaks {sorted(broken)}"
        )


def test_only_the_emulator_stack_lowers_a_level_and_others_only_add_allowlists():
    configs = {path.name: json.loads(path.read_text()) for path in REPO_ROOT.glob("Pulumi.*.policy-config.json")}
    assert configs.pop("Pulumi.local.policy-config.json") == {"s3-deny-insecure-transport": "disabled"}
    assert configs, "the AKS example commits its allowlists"
    allowlists = {
        "allowedIssuers",
        "allowedSubjects",
        "trustedAccounts",
        "allowedManagedPolicies",
        "allowedUndeclaredBuckets",
        "allowedDestinationBuckets",
        "temporaryPrefixes",
    }
    for name, config in configs.items():
        for policy, setting in config.items():
            # An object of allowlists only: no level (string form or enforcementLevel), no thresholds.
            assert isinstance(setting, dict) and setting and set(setting) <= allowlists, (name, policy)
            assert all(isinstance(value, list) and value for value in setting.values()), (name, policy)


def test_a_preview_with_unknown_values_reports_no_false_violation():
    settled = {(v.policy, v.urn, v.message) for v in evaluate(run_program(INSECURE, stack="dev")).violations}
    preview = {
        (v.policy, v.urn, v.message) for v in evaluate(run_program(INSECURE, stack="dev", preview=True)).violations
    }
    assert preview <= settled
    # What does not depend on unknown values is still caught in a preview.
    assert {"iam-s3-least-privilege", "azure-container-public-access", "s3-no-public-acls"} <= {
        p for p, _, _ in preview
    }


def test_policies_skip_resources_whose_inputs_are_unknown():
    started = time.monotonic()
    run = run_program(INSECURE, stack="dev", preview=True)
    unknown_policy = run.one("aws:s3/bucketPolicy:BucketPolicy", "uploads-policy").inputs["policy"]
    assert repr(unknown_policy) == "UNKNOWN"
    assert not [v for v in evaluate(run).violations if v.policy == "s3-anonymous-read-only-public-objects"]
    assert time.monotonic() - started < 30


def test_the_policies_page_lists_every_policy_with_its_level():
    page = (REPO_ROOT / "docs" / "policies.md").read_text()
    rows = re.findall(r"^\| `([a-z0-9-]+)` \| (mandatory|advisory) \| (.+) \|$", page, flags=re.MULTILINE)
    assert {name: level for name, level, _ in rows} == {
        policy.name: policy.enforcement_level.value for policy in ALL_POLICIES
    }
    assert len(rows) == len(ALL_POLICIES)
    assert all(fails_when.strip() for _, _, fails_when in rows), "each policy says when it fails"


@pytest.mark.parametrize("preview", [False, True], ids=["update", "preview"])
def test_the_harness_fills_in_auto_names_as_the_providers_check_does(preview):
    import pulumi_aws as aws
    import pulumi_azure_native as azure_native

    def program():
        aws.s3.Bucket("auto")
        aws.iam.User("app")
        azure_native.storage.StorageAccount(
            "Media Account", resource_group_name="rg", kind="StorageV2", sku={"name": "Standard_LRS"}
        )

    run = run_program(program, preview=preview).raise_for_error()
    assert re.fullmatch(r"auto-[0-9a-f]{7}", run.one("aws:s3/bucket:Bucket").inputs["bucket"])
    assert re.fullmatch(r"app-[0-9a-f]{7}", run.one("aws:iam/user:User").inputs["name"])
    assert re.fullmatch(
        r"mediaaccount[0-9a-f]{8}", run.one("azure-native:storage:StorageAccount").inputs["accountName"]
    )


EXAMPLES = sorted(path.parent for path in (REPO_ROOT / "examples").glob("*/Pulumi.yaml"))


@pytest.mark.parametrize("preview", [False, True], ids=["update", "preview"])
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda path: path.name)
def test_every_example_passes_the_pack(example, preview):
    assert EXAMPLES, "the examples are found"
    run = run_program(example, stack="dev", preview=preview).raise_for_error()
    assert run.resources
    assert evaluate(run).violations == []
