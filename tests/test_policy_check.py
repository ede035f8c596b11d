"""`python -m policies.check` end to end, as a subprocess: output, --json and exit codes."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import textwrap
import time

import pytest
from media_storage.policies.check import UsageError, effective_config

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
    assert result.stdout.strip().endswith("51 mandatory, 12 advisory violation(s)")


def test_json_output():
    result = policy_check("--dir", str(INSECURE), "--json")
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert set(report) == {"violations", "mandatory", "advisory"}
    assert report["mandatory"] == sum(v["enforcementLevel"] == "mandatory" for v in report["violations"]) == 51
    assert report["advisory"] == sum(v["enforcementLevel"] == "advisory" for v in report["violations"]) == 12
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
    assert report["mandatory"] == 0 and report["advisory"] == 62
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


def project(tmp_path, program: str):
    """A project in `tmp_path` whose `__main__.py` is `program` (stack `dev`)."""
    (tmp_path / "Pulumi.yaml").write_text("name: careless\nruntime: python\n")
    (tmp_path / "Pulumi.dev.yaml").write_text(GOOD_STACK)
    (tmp_path / "__main__.py").write_text(textwrap.dedent(program))
    return tmp_path


PUBLIC_READ_BUCKET = """\
import sys
import pulumi_aws as aws

aws.s3.Bucket("uploads", bucket="careless-uploads", acl="public-read")
"""


@pytest.mark.parametrize(
    "program",
    [
        "while True:\n    pass\n",
        "import time\ntime.sleep(3600)\n",
        "import asyncio\nimport pulumi\nimport pulumi_aws as aws\n\n"
        "never = asyncio.get_event_loop().create_future()\n"
        'aws.s3.Bucket("uploads", bucket=pulumi.Output.from_input(never))\n',
        "n = 0\nwhile True:\n    n += 1\n    print('line', n)\n",
    ],
    ids=["endless-loop", "long-sleep", "output-never-resolves", "printing-forever"],
)
def test_a_program_that_does_not_finish_is_stopped_at_the_timeout(tmp_path, program):
    started = time.monotonic()
    result = policy_check("--dir", str(project(tmp_path, program)), "--timeout", "3", "--json")
    assert result.returncode == 2
    assert result.stdout == ""  # no partial verdict
    lines = result.stderr.splitlines()
    assert lines[0] == "policies.check: the program did not finish within 3 s"
    assert len(lines) <= 22  # at most the program's last 20 lines, after a heading
    assert time.monotonic() - started < 30


def test_threads_a_program_leaves_behind_do_not_keep_the_check_alive(tmp_path):
    program = PUBLIC_READ_BUCKET + "import threading, time\nthreading.Thread(target=time.sleep, args=(3600,)).start()\n"
    result = policy_check("--dir", str(project(tmp_path, program)), "--timeout", "60")
    assert result.returncode == 1, result.stderr
    assert "[mandatory] s3-no-public-acls: aws:s3/bucket:Bucket uploads" in result.stdout


def _interruptible() -> None:
    """In the check's process before it starts: Ctrl-C as in a terminal. A test run started in the
    background of a shell without job control inherits SIGINT ignored, and so would the check."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGINT])


def test_ctrl_c_stops_the_check_and_the_program(tmp_path):
    pid_file = tmp_path / "program.pid"
    program = f"import os, time\nopen({str(pid_file)!r}, 'w').write(str(os.getpid()))\ntime.sleep(3600)\n"
    check = subprocess.Popen(
        [sys.executable, "-m", "policies.check", "--dir", str(project(tmp_path, program))],
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_interruptible,  # noqa: PLW1509 -- a test, no threads started it
    )
    program_pid = None
    try:
        deadline = time.monotonic() + 60
        while not pid_file.is_file() or not pid_file.read_text():
            assert time.monotonic() < deadline and check.poll() is None, "the program never started"
            time.sleep(0.1)
        program_pid = int(pid_file.read_text())
        check.send_signal(signal.SIGINT)
        stdout, stderr = check.communicate(timeout=30)
    finally:
        check.kill()
        check.wait(timeout=30)
        survived = program_pid is not None and _running(program_pid)
        if survived:  # whatever failed, the sleeping program is not left behind
            os.kill(program_pid, signal.SIGKILL)
    assert check.returncode == 130
    assert (stdout, stderr) == ("", "policies.check: interrupted\n")
    assert not survived, "Ctrl-C on the check stops the program too"


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.mark.parametrize(
    ("stop", "status"),
    [
        ("sys.exit(0)", 0),
        ("sys.exit()", 0),
        ("sys.exit(3)", 3),
        ("sys.exit('giving up')", 1),
        ("raise KeyboardInterrupt", 130),
        ('aws.s3.Bucket("late").arn.apply(lambda arn: sys.exit(4))', 4),
        ("def main():\n    sys.exit(5)\n\nmain()", 5),
        ("__import__('os')._exit(6)", 6),
    ],
    ids=[
        "exit-0",
        "exit-none",
        "exit-3",
        "exit-message",
        "keyboard-interrupt",
        "in-an-apply",
        "in-a-function",
        "os-exit",
    ],
)
def test_a_program_that_exits_is_an_error_never_a_pass(tmp_path, stop, status):
    result = policy_check("--dir", str(project(tmp_path, PUBLIC_READ_BUCKET + stop + "\n")))
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.splitlines()[0] == f"policies.check: the program exited with status {status}"
    assert "Traceback" not in result.stderr


def test_what_the_program_prints_never_mixes_with_the_report(tmp_path):
    program = "import sys\nprint('hello from the program')\nprint('a warning', file=sys.stderr)\n"
    program += PUBLIC_READ_BUCKET + 'print(\'{"not": "the report"}\')\n'
    result = policy_check("--dir", str(project(tmp_path, program)), "--json")
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)  # exactly one JSON document
    assert "s3-no-public-acls" in {v["policy"] for v in report["violations"]}
    assert "hello" not in result.stdout + result.stderr and "a warning" not in result.stdout + result.stderr


def test_a_failing_program_shows_its_last_output_on_stderr_only(tmp_path):
    program = "print('connecting to the vault')\nraise ValueError('no vault here')\n"
    result = policy_check("--dir", str(project(tmp_path, program)), "--json")
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0] == "policies.check: the program failed: ValueError: no vault here"
    assert lines[1:] == ["policies.check: the program's last output:", "  | connecting to the vault"]


def test_the_checkers_working_directory_is_not_the_programs(tmp_path):
    # Run from this repository's root: its `policies` package must not be what the program imports.
    result = policy_check("--dir", str(project(tmp_path, "import policies\n")), cwd=REPO_ROOT)
    assert result.returncode == 2
    assert "the program failed: ModuleNotFoundError: No module named 'policies'" in result.stderr


SECRET_PROGRAM = """\
import json
import pulumi
import pulumi_aws as aws

bucket = aws.s3.Bucket("uploads", bucket="careless-uploads")
aws.s3.BucketCorsConfiguration(
    "uploads-cors",
    bucket=bucket.id,
    cors_rules=[{"allowed_origins": [pulumi.Output.secret("http://origin.hidden.example")], "allowed_methods": ["GET"]}],
)
user = aws.iam.User("app", name="careless-app")
document = {"Version": "2012-10-17", "Statement": [
    {"Sid": "Hidden", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::hidden-bucket/*"}
]}
aws.iam.UserPolicy("app-policy", user=user.name, policy=pulumi.Output.secret(json.dumps(document)))
"""


@pytest.mark.parametrize("output", ["text", "json"])
def test_secret_values_never_appear_in_the_report(tmp_path, output):
    result = policy_check("--dir", str(project(tmp_path, SECRET_PROGRAM)), *(["--json"] if output == "json" else []))
    assert result.returncode == 1, result.stderr
    assert "hidden" not in result.stdout.lower()
    messages = (
        [v["message"] for v in json.loads(result.stdout)["violations"]]
        if output == "json"
        else result.stdout.splitlines()
    )
    assert any("CORS allows the origin '[secret]':" in m for m in messages), result.stdout
    assert any("statement [secret] applies to bucket '[secret]'" in m for m in messages), result.stdout


@pytest.mark.parametrize("value", ["0", "-1", "soon", "inf"])
def test_the_timeout_must_be_a_positive_number_of_seconds(value):
    result = policy_check("--timeout", value)
    assert result.returncode == 2
    assert f"argument --timeout: expected a positive number of seconds, got {value!r}" in result.stderr


@pytest.mark.parametrize(
    ("accounts", "message"),
    [
        (["12345"], "trustedAccounts[0] must match ^[0-9]{12}$; got '12345'"),
        (["123456789012", 999999999999], "trustedAccounts[1] must be of type string; got 999999999999"),
        ("123456789012", "trustedAccounts must be of type array"),
    ],
)
def test_setting_items_are_validated_against_their_schema(accounts, message):
    with pytest.raises(UsageError, match=re.escape(message)):
        effective_config({"s3-no-foreign-principals": {"trustedAccounts": accounts}})
    assert effective_config({"s3-no-foreign-principals": {"trustedAccounts": ["123456789012"]}})[
        "s3-no-foreign-principals"
    ][1] == {"trustedAccounts": ["123456789012"], "allowedPrincipals": []}


@pytest.mark.parametrize(
    "principal",
    ["arn:aws:iam::123456789012:role/ci-*", "123456789012", "arn:aws:iam::*:root", "arn:aws:iam::123456789012:group/g"],
)
def test_allowed_principals_are_exact_iam_arns(principal):
    for policy in ("s3-no-foreign-principals", "iam-role-trust-own-accounts", "s3-access-points-private"):
        with pytest.raises(UsageError, match=re.escape("allowedPrincipals[0] must match")):
            effective_config({policy: {"allowedPrincipals": [principal]}})
    exact = ["arn:aws:iam::123456789012:role/ci", "arn:aws:sts::123456789012:assumed-role/ci/build"]
    assert (
        effective_config({"iam-role-trust-own-accounts": {"allowedPrincipals": exact}})["iam-role-trust-own-accounts"][
            1
        ]["allowedPrincipals"]
        == exact
    )
