"""A real Django project built from the docs' snippets: migrations, and the filesystem backend.

Each command runs in a subprocess (a fresh Django, configured by the project's own settings
module), as `manage.py` runs in a developer's shell.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.storage import FileSystemStorage

from media_storage import env_contract as names
from media_storage.django_filesystem import PrivateFileSystemStorage, PrivateMediaURLError
from media_storage.django_storages import MediaStorageEnvError, storages_from_env
from media_storage.testing import reveal

from .doc_snippets import snippet

PROJECT_SETTINGS = """\
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
SECRET_KEY = "not-a-secret-test-project"
DEBUG = True
ALLOWED_HOSTS = ["testserver"]
INSTALLED_APPS = ["invoices"]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "db.sqlite3"}}
ROOT_URLCONF = "mysite.urls"
MEDIA_URL = "/media/"
USE_TZ = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The docs' settings snippet:
"""

MANAGE = """\
import os
import sys

from django.core.management import execute_from_command_line

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")
execute_from_command_line(sys.argv)
"""

# What a developer does with the filesystem backend: upload, fetch, try the private URL.
CHECK_MEDIA = """\
import json
import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")
django.setup()

from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.test import Client

from invoices.models import Invoice

client = Client()
public_name = storages["default"].save("photos/hello.txt", ContentFile(b"hello"))
public = client.get(storages["default"].url(public_name))
invoice = Invoice(pdf=ContentFile(b"secret invoice", name="invoice.pdf"))
invoice.save()
try:
    private_url = invoice.pdf.url
except NotImplementedError as error:
    private_url = f"{type(error).__name__}: {error}"
guessed = client.get("/media/" + invoice.pdf.name)
escaped = client.get("/media/../private/" + invoice.pdf.name)
print(json.dumps({
    "public_url": storages["default"].url(public_name),
    "public_status": public.status_code,
    "public_body": b"".join(public.streaming_content).decode(),
    "private_path": invoice.pdf.path,
    "private_body": storages["private"].open(invoice.pdf.name).read().decode(),
    "private_url": private_url,
    "guessed_status": guessed.status_code,
    "escaped_status": escaped.status_code,
}))
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A Django project whose settings, model and URLs are the docs' snippets."""
    (tmp_path / "mysite").mkdir()
    (tmp_path / "mysite" / "__init__.py").write_text("")
    (tmp_path / "mysite" / "settings.py").write_text(PROJECT_SETTINGS + snippet("django-settings"))
    (tmp_path / "mysite" / "urls.py").write_text(snippet("django-filesystem-urls"))
    (tmp_path / "invoices").mkdir()
    (tmp_path / "invoices" / "__init__.py").write_text("")
    (tmp_path / "invoices" / "models.py").write_text(snippet("django-private-model"))
    (tmp_path / "manage.py").write_text(MANAGE)
    (tmp_path / "check_media.py").write_text(CHECK_MEDIA)
    return tmp_path


def run(project: Path, env: dict[str, str], *command: str) -> subprocess.CompletedProcess[str]:
    # Only the media env and what Python needs: nothing of the test process leaks in.
    process_env = {"PATH": os.environ["PATH"], "PYTHONDONTWRITEBYTECODE": "1", **env}
    result = subprocess.run(
        command, cwd=project, env=process_env, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, f"{command} failed:\n{result.stdout}\n{result.stderr}"
    return result


def test_makemigrations_and_migrate_succeed_for_a_model_on_the_private_storage(project, aws_run):
    env = reveal(aws_run().outputs["env"])
    run(project, env, sys.executable, "manage.py", "makemigrations", "invoices")
    migration = (project / "invoices" / "migrations" / "0001_initial.py").read_text()
    assert "storage=invoices.models.private_storage" in migration
    # The callable keeps the migration independent of the env: nothing changes on another backend.
    filesystem = {names.MEDIA_STORAGE_BACKEND: "filesystem", names.MEDIA_STORAGE_ROOT: str(project / "media")}
    check = run(project, filesystem, sys.executable, "manage.py", "makemigrations", "--check", "--dry-run")
    assert "No changes detected" in check.stdout
    run(project, env, sys.executable, "manage.py", "migrate")
    assert (project / "db.sqlite3").exists()


def test_the_filesystem_backend_serves_public_files_and_gives_private_ones_no_url(project):
    media = str(project / "media")
    filesystem = {names.MEDIA_STORAGE_BACKEND: "filesystem", names.MEDIA_STORAGE_ROOT: media}
    run(project, filesystem, sys.executable, "manage.py", "makemigrations", "invoices")
    # The docs' shell snippet, in a shell whose `python` is this virtualenv's, as once activated.
    env = {"PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    run(project, env, "bash", "-euc", snippet("django-filesystem-env"))
    assert (project / "db.sqlite3").exists()

    result = run(project, filesystem, sys.executable, "check_media.py")
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome["public_url"] == "/media/photos/hello.txt"
    assert (outcome["public_status"], outcome["public_body"]) == (200, "hello")
    assert outcome["private_path"].startswith(f"{media}/private/")
    assert outcome["private_body"] == "secret invoice"
    assert outcome["private_url"].startswith(
        "PrivateMediaURLError: private media has no public URL on the filesystem backend ('invoice"
    )
    assert outcome["guessed_status"] == 404  # the private file's name under MEDIA_URL
    assert outcome["escaped_status"] == 400  # a path out of the public directory is refused as suspicious
    assert not any((project / "media" / "public").rglob("invoice*"))


def test_the_filesystem_backend_puts_public_and_private_media_in_separate_directories(tmp_path):
    storages = storages_from_env({names.MEDIA_STORAGE_BACKEND: "filesystem", names.MEDIA_STORAGE_ROOT: str(tmp_path)})
    assert storages["default"] == {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(tmp_path / "public")},
    }
    assert storages["private"] == {
        "BACKEND": "media_storage.django_filesystem.PrivateFileSystemStorage",
        "OPTIONS": {"location": str(tmp_path / "private")},
    }
    assert storages["easy_thumbnails"] == storages["default"]
    private = PrivateFileSystemStorage(**storages["private"]["OPTIONS"])
    assert isinstance(private, FileSystemStorage)
    with pytest.raises(PrivateMediaURLError) as error:
        private.url("invoices/a.pdf")
    assert str(error.value) == (
        "private media has no public URL on the filesystem backend ('invoices/a.pdf'); serve it through a view "
        "that checks permissions, e.g. with django.http.FileResponse(storages['private'].open(name))"
    )


@pytest.mark.parametrize(
    ("root", "problem"),
    [
        (None, "MEDIA_STORAGE_ROOT: not set"),
        ("", "MEDIA_STORAGE_ROOT: not set"),
        ("media", "MEDIA_STORAGE_ROOT: expected an absolute path; got 'media'"),
    ],
)
def test_the_filesystem_backend_needs_an_absolute_root(root, problem):
    env = {names.MEDIA_STORAGE_BACKEND: "filesystem"}
    if root is not None:
        env[names.MEDIA_STORAGE_ROOT] = root
    with pytest.raises(MediaStorageEnvError) as error:
        storages_from_env(env)
    assert error.value.problems == [problem]


def test_the_documented_error_is_the_one_the_helper_raises(aws_run):
    env = reveal(aws_run().outputs["env"])
    del env[names.AWS_S3_REGION_NAME], env[names.AWS_PRIVATE_STORAGE_BUCKET_NAME]
    with pytest.raises(MediaStorageEnvError) as error:
        storages_from_env({**env, names.AWS_QUERYSTRING_EXPIRE: "0"})
    shown = f"{type(error.value).__module__}.{type(error.value).__name__}: {error.value}\n"
    assert shown == snippet("django-env-error")
