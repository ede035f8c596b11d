"""Every code block of the README and docs/ is run by a test, or says why it cannot be.

Django snippets run in a real project (`test_django_project.py`); the rest run here.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from unittest import mock

import azure.identity
import yaml
from media_storage.policies import ALL_POLICIES
from storages.backends.azure_storage import AzureStorage
from storages.backends.s3 import S3Storage

from media_storage import env_contract as names
from media_storage.aws.stored_keys import credentials_secret_name
from media_storage.django_storages import storages_from_env
from media_storage.testing import read_stack_config, reveal, run_program

from .conftest import REPO_ROOT, aws_config
from .doc_snippets import NOT_RUN_REASONS, blocks, doc_files, snippet

TESTS = Path(__file__).resolve().parent


def test_every_code_block_is_run_by_a_test_or_says_why_not():
    unmarked = [f"{b.path.name}: {b.code.splitlines()[0]!r}" for b in blocks() if not (b.name or b.reason)]
    assert unmarked == [], "mark each block with <!-- snippet: NAME --> or <!-- not run: REASON -->"
    reasons = {b.reason for b in blocks() if b.reason}
    assert reasons <= NOT_RUN_REASONS


def test_every_snippet_name_is_used_by_a_test_and_every_used_name_exists():
    documented = [b.name for b in blocks() if b.name]
    assert len(documented) == len(set(documented)), "snippet names must be unique"
    used = set()
    for path in TESTS.glob("test_*.py"):
        used |= set(re.findall(r'snippet\("([a-z0-9-]+)"\)', path.read_text(encoding="utf-8")))
    assert set(documented) == used


def test_blocks_that_need_the_pulumi_cli_say_so_in_the_text():
    for block in blocks():
        if block.reason == "needs the Pulumi CLI":
            text = block.path.read_text(encoding="utf-8")
            before = text[: text.index(block.marker_line + "\n```")]
            assert "Pulumi CLI" in before[-600:], f"{block.path.name}: say the block needs the Pulumi CLI"


def _shell(script: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    # A shell whose `media-storage` and `python` are this virtualenv's, as once it is activated.
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    return subprocess.run(
        ["bash", "-euo", "pipefail", "-c", script],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_the_readme_settings_snippet_builds_the_storages(aws_run):
    env = reveal(aws_run().outputs["env"])
    namespace: dict = {}
    with mock.patch.dict(os.environ, env, clear=True):
        exec(snippet("readme-django-settings"), namespace)
    assert namespace["STORAGES"] == storages_from_env(env)
    # The same settings as the django.md snippet a real project runs.
    assert "STORAGES = storages_from_env(os.environ)" in snippet("django-settings")


def _without_helper(env: dict[str, str]) -> dict:
    namespace: dict = {}
    with mock.patch.dict(os.environ, env, clear=True):
        exec(snippet("django-settings-without-helper"), namespace)
    return namespace["STORAGES"]


def test_the_settings_without_the_helper_match_the_helper_on_aws(aws_run):
    env = reveal(aws_run(urlExpirySeconds=900).outputs["env"])
    written_out, helper = _without_helper(env), storages_from_env(env)
    assert set(written_out) == set(helper)
    for alias in ("default", "private"):
        assert written_out[alias]["BACKEND"] == helper[alias]["BACKEND"]
        storage = S3Storage(**written_out[alias]["OPTIONS"])
        assert storage.bucket_name == helper[alias]["OPTIONS"]["bucket_name"]
        assert storage.access_key == env[names.AWS_ACCESS_KEY_ID]
        assert storage.querystring_auth is (alias == "private")
    assert "X-Amz-Expires=900" in S3Storage(**written_out["private"]["OPTIONS"]).url("a.pdf")


def test_the_settings_without_the_helper_match_the_helper_on_spaces(run_stack):
    env = reveal(run_stack(None, stack="dev-digitalocean").raise_for_error().outputs["env"])
    written_out, helper = _without_helper(env), storages_from_env(env)
    for alias, acl in (("default", "public-read"), ("private", None)):
        storage = S3Storage(**written_out[alias]["OPTIONS"])
        assert storage.default_acl == helper[alias]["OPTIONS"]["default_acl"] == acl
        assert storage.endpoint_url == helper[alias]["OPTIONS"]["endpoint_url"]
        assert storage.bucket_name == helper[alias]["OPTIONS"]["bucket_name"]


def test_the_settings_without_the_helper_match_the_helper_on_azure(run_stack):
    env = reveal(run_stack(None, stack="dev-azure").raise_for_error().outputs["env"])
    env = {**env, names.AZURE_URL_EXPIRATION_SECS: "600"}
    env.pop(names.AZURE_CUSTOM_DOMAIN, None)
    written_out, helper = _without_helper(env), storages_from_env(env)
    for alias in ("default", "private"):
        storage = AzureStorage(**written_out[alias]["OPTIONS"])
        assert storage.account_name == helper[alias]["OPTIONS"]["account_name"]
        assert storage.azure_container == helper[alias]["OPTIONS"]["azure_container"]
        assert storage.expiration_secs == helper[alias]["OPTIONS"]["expiration_secs"]
    assert written_out["private"]["OPTIONS"]["expiration_secs"] == 600


def test_the_component_snippet_runs_under_mocks():
    run = run_program(lambda: exec(snippet("component-aws"), {}), stack="prod").raise_for_error()
    env = reveal(run.outputs["env"])
    assert env[names.AWS_S3_REGION_NAME] == "eu-central-1"
    assert env[names.AWS_STORAGE_BUCKET_NAME].startswith("shop-prod-public-")
    frankfurt = run.one("pulumi:providers:aws", "frankfurt").urn
    assert all(b.provider.startswith(frankfurt) for b in run.of_type("aws:s3/bucket:Bucket"))


def test_the_run_program_snippet_runs_in_a_project_directory(monkeypatch):
    monkeypatch.chdir(REPO_ROOT)
    exec(snippet("run-program"), {})


def test_the_documented_config_error_is_the_stacks(run_stack):
    run = run_stack(aws_config(app="Shop", corsOrigins=["https://shop.example.com/"]))
    assert f"error: {run.error}\n" == snippet("config-error")


def test_the_role_trust_snippet_is_valid_stack_config(run_stack):
    config = {**aws_config(), **yaml.safe_load(snippet("role-trust-config"))}
    run = run_stack(config).raise_for_error()
    role = run.one("aws:iam/role:Role")
    trust = json.loads(role.inputs["assumeRolePolicy"])
    assert [s["Principal"] for s in trust["Statement"]] == [{"Service": ["ecs-tasks.amazonaws.com"]}]


def test_the_policy_check_snippets_run_from_the_repository_root():
    for script in (snippet("readme-policy-check"), snippet("policy-check")):
        result = _shell(script, REPO_ROOT)
        assert result.returncode == 0, result.stdout + result.stderr
    for policy in ALL_POLICIES:
        assert policy.name in result.stdout


def test_the_policy_config_snippet_is_accepted_by_the_check(tmp_path):
    config = tmp_path / "policy-config.json"
    config.write_text(snippet("policy-config"))
    assert json.loads(snippet("policy-config"))["s3-bucket-protected"] == "disabled"
    result = _shell(f"media-storage check --stack dev --policy-config {config}", REPO_ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_readme_first_screen_names_the_two_commands():
    first_screen = "\n".join((REPO_ROOT / "README.md").read_text(encoding="utf-8").splitlines()[:30])
    assert "```bash\nmake test\n```" in first_screen
    assert "make local-up" in first_screen and "pulumi up" in first_screen


def test_relative_links_in_the_docs_lead_to_files_that_exist():
    # docs/benchmarks.md comes with the benchmark work; everything else must exist here.
    pending = {REPO_ROOT / "docs" / "benchmarks.md"}
    for path in doc_files():
        for target in re.findall(r"\]\((?!https?://|#)([^)#\s]+)", path.read_text(encoding="utf-8")):
            resolved = (path.parent / target).resolve()
            assert resolved.exists() or resolved in pending, f"{path.name} links to missing {target}"


def test_links_to_sections_name_existing_headings():
    def anchors(path: Path) -> set[str]:
        headings = re.findall(r"^#+ (.+)$", path.read_text(encoding="utf-8"), flags=re.MULTILINE)
        return {re.sub(r"[^a-z0-9 -]", "", h.lower()).replace(" ", "-") for h in headings}

    for path in doc_files():
        text = path.read_text(encoding="utf-8")
        for target, anchor in re.findall(r"\]\(([^)#\s]*)#([a-z0-9-]+)\)", text):
            linked = (path.parent / target).resolve() if target else path
            if linked.suffix == ".md" and linked.exists():
                assert anchor in anchors(linked), f"{path.name} links to missing #{anchor} in {linked.name}"


def test_the_emulator_notes_name_the_pinned_versions():
    notes = (REPO_ROOT / "docs" / "emulators.md").read_text(encoding="utf-8")
    moto = re.search(r"^moto==(\S+)$", (REPO_ROOT / "constraints.txt").read_text(), flags=re.MULTILINE)[1]
    azurite = json.loads((REPO_ROOT / "package.json").read_text())["devDependencies"]["azurite"]
    assert f"| moto {moto} |" in notes
    assert f"| Azurite {'.'.join(azurite.split('.')[:2])} |" in notes


def test_the_aks_workload_identity_snippet_has_the_label_and_annotation_aks_reads():
    service_account, pod_template = yaml.safe_load_all(snippet("aks-workload-identity"))
    assert service_account["kind"] == "ServiceAccount"
    assert set(service_account["metadata"]["annotations"]) == {"azure.workload.identity/client-id"}
    assert names.AZURE_CLIENT_ID in service_account["metadata"]["annotations"]["azure.workload.identity/client-id"]
    assert pod_template["metadata"]["labels"] == {"azure.workload.identity/use": "true"}  # a string, not a bool
    assert pod_template["spec"]["serviceAccountName"] == service_account["metadata"]["name"]


def test_the_injection_snippets_read_what_the_stack_stores(aws_run):
    secrets = json.loads(snippet("ecs-task-secrets"))["secrets"]
    placeholder = f"<{names.AWS_MEDIA_CREDENTIALS_SECRET_ARN}>"
    # ECS: `<secret ARN>:<JSON key>:<version stage>:<version id>`, one variable per key the secret holds.
    assert {s["name"]: s["valueFrom"] for s in secrets} == {
        key: f"{placeholder}:{key}::" for key in (names.AWS_ACCESS_KEY_ID, names.AWS_SECRET_ACCESS_KEY)
    }
    stored = json.loads(
        aws_run(keyDelivery=["secretsManager"])
        .one("aws:secretsmanager/secretVersion:SecretVersion")
        .get("secretString")
    )
    assert set(stored) == {s["name"] for s in secrets}
    external = yaml.safe_load(snippet("external-secret"))
    assert external["kind"] == "ExternalSecret"
    ((source,),) = [[d["extract"]["key"] for d in external["spec"]["dataFrom"]]]
    assert source == credentials_secret_name("shop", "prod")
    assert external["spec"]["target"]["name"] == external["metadata"]["name"]


def test_the_settings_without_the_helper_choose_the_helpers_credential_on_aks(run_stack, tmp_path):
    config = read_stack_config(REPO_ROOT, "aks")
    env = reveal(run_stack(config, stack="aks").raise_for_error().outputs["env"])
    token = tmp_path / "token"
    token.write_text("service-account-token")
    aks = {**env, names.AZURE_FEDERATED_TOKEN_FILE: str(token), names.AZURE_TENANT_ID: "t-1"}
    for environ, credential in (
        (aks, azure.identity.WorkloadIdentityCredential),
        (env, azure.identity.ManagedIdentityCredential),
    ):
        written_out, helper = _without_helper(environ), storages_from_env(environ)
        for alias in ("default", "private"):
            assert isinstance(written_out[alias]["OPTIONS"]["token_credential"], credential)
            assert isinstance(helper[alias]["OPTIONS"]["token_credential"], credential)
