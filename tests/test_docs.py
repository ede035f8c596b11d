"""The docs match the code: generated tables, documented fields, the test command."""

from __future__ import annotations

import media_storage
from media_storage.aws import AwsMediaStorageArgs
from media_storage.azure import AzureMediaStorageArgs
from media_storage.docs import render
from media_storage.env_contract import AWS_VARIABLES, AZURE_VARIABLES
from media_storage.settings import Model

from .conftest import REPO_ROOT

README = (REPO_ROOT / "README.md").read_text(encoding="utf-8")


def test_generated_tables_are_current():
    assert render(README) == README, "run `make docs`"


def test_every_setting_has_a_docstring():
    def models(model):
        yield model
        for field in model.model_fields.values():
            for candidate in (field.annotation, *getattr(field.annotation, "__args__", ())):
                if isinstance(candidate, type) and issubclass(candidate, Model):
                    yield from models(candidate)

    for model in (*models(AwsMediaStorageArgs), *models(AzureMediaStorageArgs)):
        for name, field in model.model_fields.items():
            assert field.description, f"{model.__name__}.{name} has no docstring"


def test_every_env_variable_is_in_the_readme():
    for variable in AWS_VARIABLES + AZURE_VARIABLES:
        assert f"`{variable.name}`" in README


def test_ci_runs_the_readme_test_command():
    ci = (REPO_ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci.splitlines()[-1]
    assert "```bash\nmake test\n```" in README


def test_lazy_exports_match_all():
    assert sorted(media_storage.__all__) == sorted(["__version__", *media_storage._EXPORTS])
