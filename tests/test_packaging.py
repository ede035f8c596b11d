"""What ships is tested as shipped: the sdist and wheel, their extras, and the `media-storage`
command installed into fresh virtualenvs and run from directories outside this repository.

Installs use no network: the plain wheel needs nothing, and `[policy]` installs from the wheel
folder `make` prepares (`.wheels/`, the pinned versions). `[aws]`, `[azure]` and `[pulumi]`
would pull hundreds of MB of provider SDKs, so their dependencies are checked in the metadata.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tarfile
import textwrap
import tomllib
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest
import yaml
from google.protobuf import empty_pb2
from media_storage.policies import ALL_POLICIES
from packaging.requirements import Requirement

from media_storage import __version__

from .conftest import REPO_ROOT
from .policy_support import serving_pack

WHEELS = REPO_ROOT / ".wheels"

ENV = {
    "MEDIA_STORAGE_BACKEND": "s3",
    "AWS_STORAGE_BUCKET_NAME": "shop-prod-public-1a2b3c4d",
    "AWS_PRIVATE_STORAGE_BUCKET_NAME": "shop-prod-private-1a2b3c4d",
    "AWS_S3_REGION_NAME": "eu-west-1",
    "AWS_QUERYSTRING_EXPIRE": "600",
}

USE_HELPER = textwrap.dedent(
    f"""
    import json, sys
    from media_storage.django_storages import storages_from_env
    storages = storages_from_env({ENV!r})
    assert storages["private"]["OPTIONS"]["querystring_expire"] == 600
    import media_storage
    assert media_storage.storages_from_env is storages_from_env
    try:
        media_storage.AwsMediaStorage
    except ImportError as error:
        message = str(error)
    else:
        message = "imported"
    blocked = sorted(m for m in ("pulumi", "pulumi_aws", "boto3", "pydantic", "azure") if m in sys.modules)
    print(json.dumps({{"message": message, "loaded": blocked}}))
    """
)

BLOCK_IMPORTS = textwrap.dedent(
    """
    import importlib.abc, sys
    BLOCKED = {blocked!r}
    class Blocker(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in BLOCKED:
                raise ModuleNotFoundError(f"No module named {{name!r}} (blocked by the test)", name=name)
    sys.meta_path.insert(0, Blocker())
    """
)
NO_PULUMI = BLOCK_IMPORTS.format(
    blocked=("pulumi", "pulumi_aws", "pulumi_azure_native", "pydantic", "boto3", "botocore", "azure")
)

# A foreign Pulumi project: raw resources by type token (what provider SDKs register), so the
# [policy] virtualenv needs no provider SDK. A private bucket anyone may read.
FOREIGN_PROGRAM = textwrap.dedent(
    """
    import json
    import pulumi

    bucket = pulumi.CustomResource("aws:s3/bucket:Bucket", "invoices", {"bucket": "acme-invoices"})
    pulumi.CustomResource(
        "aws:s3/bucketPolicy:BucketPolicy",
        "invoices-policy",
        {
            "bucket": "acme-invoices",
            "policy": json.dumps({
                "Version": "2012-10-17",
                "Statement": [{
                    "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
                    "Resource": "arn:aws:s3:::acme-invoices/*",
                }],
            }),
        },
        opts=pulumi.ResourceOptions(depends_on=[bucket]),
    )
    """
)


def run(command: list[str], cwd: Path, timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=timeout, check=False)


def run_python(python: str, code: str, cwd: Path) -> dict:
    result = run([python, "-c", code], cwd)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def new_venv(path: Path, *requirements: str) -> Path:
    """A fresh virtualenv at `path` with `requirements` installed offline; its bin folder."""
    subprocess.run([sys.executable, "-m", "venv", str(path)], check=True, timeout=120)
    install = [str(path / "bin" / "python"), "-m", "pip", "install", "--quiet", "--no-index"]
    result = run([*install, "--find-links", str(WHEELS), *requirements], path)
    assert result.returncode == 0, result.stderr
    return path / "bin"


@pytest.fixture(scope="module")
def dists(tmp_path_factory) -> dict[str, Path]:
    """The sdist and the wheel, built as a release is: `python -m build` (wheel from the sdist)."""
    out = tmp_path_factory.mktemp("dist")
    result = run([sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(REPO_ROOT)], out)
    assert result.returncode == 0, result.stderr + result.stdout
    return {"wheel": next(out.glob("media_storage-*.whl")), "sdist": next(out.glob("media_storage-*.tar.gz"))}


@pytest.fixture(scope="module")
def wheel_files(dists) -> list[str]:
    return zipfile.ZipFile(dists["wheel"]).namelist()


@pytest.fixture(scope="module")
def metadata(dists, wheel_files):
    name = next(n for n in wheel_files if n.endswith(".dist-info/METADATA"))
    return Parser().parsestr(zipfile.ZipFile(dists["wheel"]).read(name).decode())


def test_helper_works_where_importing_pulumi_fails():
    outcome = run_python(sys.executable, NO_PULUMI + USE_HELPER, REPO_ROOT)
    assert outcome["loaded"] == []
    assert 'install the aws extra: pip install "media-storage[aws]"' in outcome["message"]


def test_the_version_is_defined_once_and_the_dists_carry_it(dists, metadata):
    assert metadata["Version"] == __version__
    assert dists["wheel"].name.startswith(f"media_storage-{__version__}-")
    assert dists["sdist"].name == f"media_storage-{__version__}.tar.gz"
    pack = yaml.safe_load((REPO_ROOT / "policies" / "PulumiPolicy.yaml").read_text())
    assert pack["version"] == __version__, "PulumiPolicy.yaml names the version the CLI reports for the pack"
    assert "version" in tomllib.loads((REPO_ROOT / "pyproject.toml").read_text())["project"]["dynamic"]


def test_the_wheel_installs_one_top_level_package_with_the_pack(wheel_files):
    top_level = {name.split("/")[0] for name in wheel_files if not name.split("/")[0].endswith(".dist-info")}
    assert top_level == {"media_storage"}
    for expected in (
        "media_storage/py.typed",
        "media_storage/cli.py",
        "media_storage/django_storages.py",
        "media_storage/aws/media_storage.py",
        "media_storage/azure/media_storage.py",
        "media_storage/settings/aws.py",
        "media_storage/policies/__init__.py",
        "media_storage/policies/__main__.py",
        "media_storage/policies/PulumiPolicy.yaml",
        "media_storage/policies/check.py",
    ):
        assert expected in wheel_files
    assert not [name for name in wheel_files if re.search(r"(^|/)(tests|examples|venv)/", name)]


def test_the_sdist_holds_what_the_wheel_is_built_from(dists):
    with tarfile.open(dists["sdist"]) as sdist:
        names = sdist.getnames()
    root = f"media_storage-{__version__}"
    for expected in ("pyproject.toml", "README.md", "policies/PulumiPolicy.yaml", "components/media_storage/cli.py"):
        assert f"{root}/{expected}" in names


def test_the_shipped_pack_runs_in_the_active_virtualenv():
    pack = yaml.safe_load((REPO_ROOT / "policies" / "PulumiPolicy.yaml").read_text())
    assert pack["runtime"] == "python", "no virtualenv inside site-packages: the CLI uses the python3 on PATH"


def _extras(metadata) -> dict[str | None, set[str]]:
    """Each extra (None: the plain install) with the distribution names it pulls in."""
    extras: dict[str | None, set[str]] = {None: set()}
    for extra in metadata.get_all("Provides-Extra"):
        extras[extra] = set()
    for line in metadata.get_all("Requires-Dist") or []:
        requirement = Requirement(line)
        marker = str(requirement.marker or "")
        extra = re.search(r'extra == "([^"]+)"', marker)
        extras[extra.group(1) if extra else None].add(requirement.name.lower())
    return extras


def test_each_extra_pulls_only_its_cloud(metadata):
    extras = _extras(metadata)
    assert set(extras) == {None, "aws", "azure", "digitalocean", "cloudflare", "pulumi", "policy"}
    assert extras[None] == set(), "the plain install serves a Django app and pulls in nothing"
    assert extras["aws"] == {"pulumi", "pulumi-aws", "pulumi-tls", "pydantic"}
    assert extras["azure"] == {"pulumi", "pulumi-azure-native", "pydantic"}
    assert extras["digitalocean"] == {"pulumi", "pulumi-digitalocean", "pydantic"}
    assert extras["cloudflare"] == {"pulumi", "pulumi-cloudflare", "pydantic"}
    assert extras["pulumi"] == {"media-storage"}
    (everything,) = [
        Requirement(line) for line in metadata.get_all("Requires-Dist") if line.startswith("media-storage")
    ]
    assert everything.extras == {"aws", "azure", "digitalocean", "cloudflare"}
    assert extras["policy"] == {"pulumi", "pulumi-policy", "pyyaml"}


def test_the_pinned_versions_satisfy_every_extra(metadata):
    pins = {}
    for line in (REPO_ROOT / "constraints.txt").read_text().splitlines():
        name, _, version = line.partition("==")
        pins[name.strip().lower().replace("_", "-")] = version.strip()
    for line in metadata.get_all("Requires-Dist"):
        requirement = Requirement(line)
        if requirement.name != "media-storage":
            assert requirement.specifier.contains(pins[requirement.name.lower()]), line


PROVIDER_SDKS = ("pulumi_aws", "pulumi_azure_native", "pulumi_digitalocean", "pulumi_cloudflare")


@pytest.mark.parametrize(
    ("program", "config"),
    [
        ("aws", {"aws:region": "eu-west-1", "media-storage:cloud": "aws"}),
        ("azure", {"azure-native:location": "westeurope", "media-storage:cloud": "azure"}),
        ("digitalocean", {"media-storage:cloud": "digitalocean", "media-storage:region": "ams3"}),
        (
            "cloudflare",
            {"media-storage:cloud": "cloudflare", "media-storage:accountId": "0123456789abcdef0123456789abcdef"},
        ),
    ],
)
def test_a_stack_imports_only_its_own_cloud(program, config):
    own = {"aws": "pulumi_aws", "azure": "pulumi_azure_native"}.get(program, f"pulumi_{program}")
    blocked = tuple(sdk for sdk in PROVIDER_SDKS if sdk != own)
    code = BLOCK_IMPORTS.format(blocked=(blocked,)) + textwrap.dedent(
        f"""
        import json, sys
        from media_storage.testing import run_program
        run = run_program({str(REPO_ROOT)!r}, config={{**{config!r}, "media-storage:app": "shop"}})
        run.raise_for_error()
        settings = sorted(m for m in sys.modules if m.startswith("media_storage.settings."))
        loaded = sorted(set({blocked!r}) & set(sys.modules))
        print(json.dumps({{"resources": len(run.resources), "loaded": loaded, "settings": settings}}))
        """
    )
    outcome = run_python(sys.executable, code, REPO_ROOT)
    assert outcome["resources"] > 5
    assert outcome["loaded"] == []
    assert outcome["settings"] == [f"media_storage.settings.{program}"], "nor the other clouds' settings"


@pytest.fixture(scope="module")
def plain_venv(dists, tmp_path_factory) -> Path:
    return new_venv(tmp_path_factory.mktemp("plain") / "venv", str(dists["wheel"]))


def test_plain_install_serves_a_django_app_without_pulumi(plain_venv, tmp_path):
    outcome = run_python(str(plain_venv / "python"), USE_HELPER, tmp_path)
    assert outcome["loaded"] == []
    assert 'pip install "media-storage[aws]"' in outcome["message"]


def test_plain_install_has_the_command_and_asks_for_the_policy_extra(plain_venv, tmp_path):
    help_text = run([str(plain_venv / "media-storage"), "check", "--help"], tmp_path)
    assert help_text.returncode == 0
    assert "--policy-config FILE" in help_text.stdout and "exit status:" in help_text.stdout
    assert "--timeout SECONDS" in help_text.stdout and "does not finish within --timeout" in help_text.stdout
    result = run([str(plain_venv / "media-storage"), "check"], tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "media-storage: this command needs 'pulumi_policy': pip install \"media-storage[policy]\" "
        "into the virtualenv of the program you check"
    ]
    path = run([str(plain_venv / "media-storage"), "pack-path"], tmp_path)
    assert Path(path.stdout.strip()) == plain_venv.parent.joinpath(
        "lib", f"python{sys.version_info.major}.{sys.version_info.minor}", "site-packages", "media_storage", "policies"
    )


@pytest.fixture(scope="module")
def policy_venv(dists, tmp_path_factory) -> Path:
    assert WHEELS.is_dir(), "make prepares .wheels/ (the [policy] dependencies) before the tests"
    return new_venv(tmp_path_factory.mktemp("policy") / "venv", f"{dists['wheel']}[policy]")


@pytest.fixture
def foreign_project(tmp_path) -> Path:
    project = tmp_path / "acme-infra"
    project.mkdir()
    (project / "Pulumi.yaml").write_text("name: acme-infra\nruntime: python\n")
    (project / "Pulumi.prod.yaml").write_text("config:\n  aws:region: eu-central-1\n")
    (project / "__main__.py").write_text(FOREIGN_PROGRAM)
    return project


def test_the_wheel_checks_a_foreign_project_from_another_directory(policy_venv, foreign_project, tmp_path):
    elsewhere = tmp_path / "empty"
    elsewhere.mkdir()
    command = [str(policy_venv / "media-storage"), "check", "--dir", str(foreign_project), "--stack", "prod"]
    result = run([*command, "--json"], elsewhere)
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    found = {(v["policy"], v["resourceName"]) for v in report["violations"] if v["enforcementLevel"] == "mandatory"}
    assert ("s3-anonymous-read-only-public-objects", "invoices") in found
    assert ("s3-private-bucket-blocks-public-access", "invoices") in found


def test_the_wheel_lists_every_policy_with_its_fix(policy_venv, tmp_path):
    result = run([str(policy_venv / "media-storage"), "policies", "--json"], tmp_path)
    assert result.returncode == 0, result.stderr
    listed = {p["name"]: p for p in json.loads(result.stdout)["policies"]}
    assert {name: p["enforcementLevel"] for name, p in listed.items()} == {
        policy.name: policy.enforcement_level.value for policy in ALL_POLICIES
    }
    assert {name: p["description"] for name, p in listed.items()} == {
        policy.name: policy.description for policy in ALL_POLICIES
    }
    text = run([str(policy_venv / "media-storage"), "policies"], tmp_path).stdout
    for policy in ALL_POLICIES:
        assert f"{policy.name} [{policy.enforcement_level.value}]\n  {policy.description}" in text


def test_the_wheels_pack_path_names_a_pack_pulumi_policy_loads(policy_venv, tmp_path):
    pack = Path(run([str(policy_venv / "media-storage"), "pack-path"], tmp_path).stdout.strip())
    assert (pack / "PulumiPolicy.yaml").is_file()
    assert policy_venv.parent in pack.parents, "the installed pack, not this repository's"
    with serving_pack(str(policy_venv / "python"), pack) as analyzer:
        info = analyzer.GetAnalyzerInfo(empty_pb2.Empty(), timeout=30)
    assert info.name == "media-storage"
    assert {p.name for p in info.policies} == {policy.name for policy in ALL_POLICIES}


def test_a_django_project_with_its_own_components_and_policies_apps(tmp_path):
    """Our import name collides with nothing: `startapp components` and `startapp policies` work,
    and the project's settings use the helper from `media_storage`."""
    python = sys.executable
    for command in (
        [python, "-m", "django", "startproject", "site_config", "."],
        [python, "manage.py", "startapp", "components"],
        [python, "manage.py", "startapp", "policies"],
    ):
        result = run(command, tmp_path)
        assert result.returncode == 0, result.stderr
    settings = tmp_path / "site_config" / "settings.py"
    settings.write_text(
        settings.read_text().replace("INSTALLED_APPS = [", 'INSTALLED_APPS = [\n    "components",\n    "policies",')
        + "\nimport os\nfrom media_storage.django_storages import storages_from_env\n\n"
        "STORAGES = storages_from_env(os.environ)\n"
    )
    environment = {"PATH": "/usr/bin:/bin", **ENV}
    result = subprocess.run(
        [python, "manage.py", "check"],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout
    probe = "import components, media_storage; print(components.__file__); print(media_storage.__file__)"
    paths = subprocess.run([python, "-c", probe], cwd=tmp_path, capture_output=True, text=True, check=True).stdout
    assert paths.splitlines()[0] == str(tmp_path / "components" / "__init__.py")
