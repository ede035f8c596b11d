"""`python -m policies.check` end to end, as a subprocess: output, --json and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from .conftest import REPO_ROOT

INSECURE = REPO_ROOT / "tests" / "programs" / "insecure"


def policy_check(*args: str, cwd=REPO_ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "policies.check", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


@pytest.mark.parametrize("stack", ["dev", "dev-azure", "dev-digitalocean", "dev-cloudflare"])
def test_the_project_stacks_pass(stack):
    result = policy_check("--stack", stack)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("0 mandatory, 0 advisory violation(s)")


def test_a_deliberately_bad_program_fails_with_each_violation_listed():
    result = policy_check("--dir", str(INSECURE))
    assert result.returncode == 1, result.stderr
    assert "[mandatory] s3-deny-insecure-transport: aws:s3/bucket:Bucket uploads" in result.stdout
    assert "[mandatory] iam-s3-least-privilege: aws:iam/userPolicy:UserPolicy app-policy" in result.stdout
    assert "[advisory] s3-bucket-protected: aws:s3/bucket:Bucket uploads" in result.stdout
    assert result.stdout.strip().endswith("27 mandatory, 10 advisory violation(s)")


def test_json_output():
    result = policy_check("--dir", str(INSECURE), "--json")
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert set(report) == {"violations", "mandatory", "advisory"}
    assert report["mandatory"] == sum(v["enforcementLevel"] == "mandatory" for v in report["violations"]) == 27
    assert report["advisory"] == sum(v["enforcementLevel"] == "advisory" for v in report["violations"]) == 10
    for violation in report["violations"]:
        assert set(violation) == {"policy", "enforcementLevel", "resourceType", "resourceName", "urn", "message"}
        assert violation["enforcementLevel"] in ("mandatory", "advisory")
        assert violation["message"]
    tls = next(v for v in report["violations"] if v["policy"] == "s3-deny-insecure-transport")
    assert tls["resourceType"] == "aws:s3/bucket:Bucket" and tls["resourceName"] == "uploads"
    assert tls["urn"] == "urn:pulumi:dev::insecure-media::aws:s3/bucket:Bucket::uploads"


def test_policy_config_changes_levels_and_thresholds(tmp_path):
    config = tmp_path / "policy-config.json"
    config.write_text(json.dumps({"all": "advisory", "s3-bucket-protected": "disabled"}))
    result = policy_check("--dir", str(INSECURE), "--json", "--policy-config", str(config))
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["mandatory"] == 0 and report["advisory"] == 36
    assert "s3-bucket-protected" not in {v["policy"] for v in report["violations"]}


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ({"s3-no-such-policy": "mandatory"}, "policy config names unknown policies ['s3-no-such-policy']"),
        ({"s3-acls-disabled": "loud"}, "policy s3-acls-disabled: enforcement level must be one of"),
        ({"azure-blob-soft-delete": {"minimumRetentionDays": "7"}}, "minimumRetentionDays must be of type integer"),
        ({"azure-blob-soft-delete": {"minimumDays": 7}}, "has no setting 'minimumDays'"),
    ],
)
def test_a_bad_policy_config_is_a_usage_error(tmp_path, config, message):
    path = tmp_path / "policy-config.json"
    path.write_text(json.dumps(config))
    result = policy_check("--policy-config", str(path))
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr


def test_an_invalid_stack_config_is_reported_as_such(tmp_path):
    (tmp_path / "Pulumi.yaml").write_text(f"name: media-storage\nruntime: python\nmain: {REPO_ROOT}\n")
    (tmp_path / "Pulumi.broken.yaml").write_text(
        "config:\n  aws:region: eu-west-1\n  media-storage:cloud: aws\n  media-storage:app: Shop!\n"
    )
    result = policy_check("--dir", str(tmp_path), "--stack", "broken", "--json")
    assert result.returncode == 2
    assert result.stdout == ""
    assert "invalid stack config" in result.stderr and "media-storage:app" in result.stderr
    assert "Traceback" not in result.stderr


GOOD_PROJECT = "name: shop\nruntime: python\n"
GOOD_STACK = "config:\n  aws:region: eu-west-1\n"


@pytest.mark.parametrize(
    ("project", "stack", "message"),
    [
        ("name: shop\nruntime: [python\n", GOOD_STACK, "Pulumi.yaml:3:1: invalid YAML: expected ',' or ']'"),
        (GOOD_PROJECT, "config:\n  aws:region: eu-west-1\n bad: indent\n", "Pulumi.prod.yaml:3:2: invalid YAML"),
        (
            GOOD_PROJECT,
            "config:\n  - aws:region\n",
            "Pulumi.prod.yaml: `config` must be a mapping of keys to values; got a list",
        ),
        (GOOD_PROJECT, "- just\n- a list\n", "Pulumi.prod.yaml: expected a mapping of settings; got a list"),
        (GOOD_PROJECT, b"config:\n  app: caf\xe9\n", "Pulumi.prod.yaml: not UTF-8 text (invalid byte at offset 18)"),
        (b"name: \xff\n", GOOD_STACK, "Pulumi.yaml: not UTF-8 text (invalid byte at offset 6)"),
        ("name: [1]\nruntime: python\n", GOOD_STACK, "Pulumi.yaml: `name` must be a string; got a list"),
        ("name: shop\nruntime: nodejs\n", GOOD_STACK, "Pulumi.yaml: runtime is 'nodejs'; only Python programs"),
        ("name: shop\nruntime: python\nconfig: 3\n", GOOD_STACK, "Pulumi.yaml: `config` must be a mapping"),
        (GOOD_PROJECT, "config:\n  7: 1\n", "Pulumi.prod.yaml: config keys must be non-empty strings; got 7"),
    ],
    ids=[
        "project-yaml",
        "stack-yaml",
        "config-list",
        "stack-list",
        "stack-latin1",
        "project-latin1",
        "name-type",
        "runtime",
        "project-config",
        "key-type",
    ],
)
def test_an_unusable_project_or_stack_file_is_one_line_and_exit_2(tmp_path, project, stack, message):
    for name, content in (("Pulumi.yaml", project), ("Pulumi.prod.yaml", stack)):
        path = tmp_path / name
        path.write_bytes(content) if isinstance(content, bytes) else path.write_text(content)
    (tmp_path / "__main__.py").write_text("")
    result = policy_check("--dir", str(tmp_path), "--stack", "prod")
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], result.stderr
    assert lines[0].startswith(f"policies.check: {tmp_path}/")


@pytest.mark.parametrize(
    ("main", "message"),
    [(None, "the project directory has no program"), ("'src'", "main 'src' has no program")],
)
def test_a_project_without_a_program_is_an_error(tmp_path, main, message):
    (tmp_path / "src").mkdir()
    (tmp_path / "Pulumi.yaml").write_text(GOOD_PROJECT + (f"main: {main}\n" if main else ""))
    (tmp_path / "Pulumi.prod.yaml").write_text(GOOD_STACK)
    result = policy_check("--dir", str(tmp_path), "--stack", "prod")
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr


def test_a_policy_config_that_is_not_utf8_is_a_usage_error(tmp_path):
    path = tmp_path / "policy-config.json"
    path.write_bytes(b'{"all": "advisory\xff"}')
    result = policy_check("--policy-config", str(path))
    assert result.returncode == 2 and "not UTF-8 text" in result.stderr and "Traceback" not in result.stderr


def test_usage_errors(tmp_path):
    missing_stack = policy_check("--stack", "nope")
    assert missing_stack.returncode == 2 and "has no Pulumi.nope.yaml; stacks there: aks, dev" in missing_stack.stderr
    not_a_project = policy_check("--dir", str(tmp_path))
    assert not_a_project.returncode == 2 and "is not a Pulumi project" in not_a_project.stderr
    bad_flag = policy_check("--colour")
    assert bad_flag.returncode == 2 and "unrecognized arguments" in bad_flag.stderr


def test_a_policy_that_fails_is_an_error_not_a_verdict(monkeypatch, capsys):
    from media_storage.policies import check

    def failing_policy(run, user_config=None):
        raise AttributeError("'list' object has no attribute 'items'")

    monkeypatch.setattr(check, "evaluate", failing_policy)
    assert check.main(["--dir", str(INSECURE)]) == 2
    assert "a policy failed on this program (AttributeError" in capsys.readouterr().err
