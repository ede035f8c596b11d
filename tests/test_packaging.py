"""A Django app installs and imports the helper without Pulumi or any cloud SDK."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest

from .conftest import REPO_ROOT

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
    from components.django_storages import storages_from_env
    storages = storages_from_env({ENV!r})
    assert storages["private"]["OPTIONS"]["querystring_expire"] == 600
    import components
    assert components.storages_from_env is storages_from_env
    try:
        components.AwsMediaStorage
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
    BLOCKED = ("pulumi", "pulumi_aws", "pulumi_azure_native", "pydantic", "boto3", "botocore", "azure")
    class Blocker(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in BLOCKED:
                raise ModuleNotFoundError(f"No module named {name!r} (blocked by the test)", name=name)
    sys.meta_path.insert(0, Blocker())
    """
)


def run_python(python: str, code: str, cwd: Path) -> dict:
    result = subprocess.run([python, "-c", code], cwd=cwd, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_helper_works_where_importing_pulumi_fails():
    outcome = run_python(sys.executable, BLOCK_IMPORTS + USE_HELPER, REPO_ROOT)
    assert outcome["loaded"] == []
    assert "install the Pulumi extra" in outcome["message"]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(out),
            str(REPO_ROOT),
        ],
        check=True,
        timeout=300,
        capture_output=True,
    )
    return next(out.glob("media_storage-*.whl"))


def test_wheel_ships_the_package_typed_and_without_tests(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    for expected in (
        "components/py.typed",
        "components/aws/media_storage.py",
        "components/django_storages.py",
    ):
        assert expected in names
    assert not [name for name in names if name.startswith(("tests/", "examples/", "policies/"))]
    metadata = zipfile.ZipFile(wheel).read(next(n for n in names if n.endswith("METADATA"))).decode()
    requires = [line for line in metadata.splitlines() if line.startswith("Requires-Dist:")]
    assert requires and all("extra ==" in line for line in requires), "the plain install must pull in nothing"


def test_plain_install_of_the_wheel_serves_a_django_app_without_pulumi(wheel, tmp_path):
    venv = tmp_path / "django-app-venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    python = str(venv / "bin" / "python")
    subprocess.run(
        [
            python,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-index",
            "--disable-pip-version-check",
            str(wheel),
        ],
        check=True,
        timeout=120,
    )
    outcome = run_python(python, USE_HELPER, tmp_path)
    assert outcome["loaded"] == []
    assert "install the Pulumi extra" in outcome["message"]
