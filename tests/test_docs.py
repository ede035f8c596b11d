"""The docs match the code: generated tables, documented fields, the test command."""

from __future__ import annotations

import pytest

import media_storage
from media_storage.aws import AwsMediaStorageArgs
from media_storage.azure import AzureMediaStorageArgs
from media_storage.docs import CLOUD_MODELS, SECTIONS, default_paths, main, problems, render
from media_storage.env_contract import APP_VARIABLES, AWS_VARIABLES, AZURE_VARIABLES, R2_VARIABLES, SPACES_VARIABLES
from media_storage.settings import Model, document_fields

from .conftest import REPO_ROOT

README = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
ENV_PAGE = (REPO_ROOT / "docs" / "env.md").read_text(encoding="utf-8")


def test_generated_tables_are_current_and_each_is_in_one_page():
    assert problems(default_paths(REPO_ROOT)) == [], "run `make docs`"


@pytest.fixture
def docs_tree(tmp_path, monkeypatch):
    """A copy of the README and docs/ to break."""
    (tmp_path / "docs").mkdir()
    for path in default_paths(REPO_ROOT):
        (tmp_path / path.relative_to(REPO_ROOT)).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_the_check_fails_on_a_stale_table_and_write_fixes_it(docs_tree, capsys):
    page = docs_tree / "docs" / "env.md"
    page.write_text(page.read_text().replace("| `AWS_S3_REGION_NAME` | region of both buckets |", "| `X` | x |"))
    assert main(["--check"]) == 1
    assert capsys.readouterr().err == "docs/env.md: generated tables are out of date; run `make docs`\n"
    assert main(["--write"]) == 0
    assert main(["--check"]) == 0
    assert "| `AWS_S3_REGION_NAME` | region of both buckets |" in page.read_text()


def test_the_check_fails_on_a_missing_duplicated_or_unknown_section(docs_tree, capsys):
    page = docs_tree / "docs" / "env.md"
    text = page.read_text()
    page.write_text(text.replace("<!-- BEGIN env-app -->", "").replace("<!-- END env-app -->", ""))
    (docs_tree / "docs" / "extra.md").write_text("<!-- BEGIN env-aws -->\n<!-- END env-aws -->\n")
    (docs_tree / "docs" / "typo.md").write_text("<!-- BEGIN env-gcp -->\n<!-- END env-gcp -->\n")
    assert main(["--check"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "docs/extra.md: generated tables are out of date; run `make docs`",
        "docs/typo.md: unknown generated section 'env-gcp'; known: " + ", ".join(SECTIONS),
        "section 'env-aws' is in several files (docs/env.md, docs/extra.md); keep it in one",
        "section 'env-app' is in none of the docs: add <!-- BEGIN env-app --> and <!-- END env-app -->",
    ]


def test_render_leaves_text_without_sections_alone():
    assert render("# Title\n\nprose\n") == "# Title\n\nprose\n"


def test_every_setting_has_a_docstring():
    def models(model):
        yield model
        for field in model.model_fields.values():
            for candidate in (field.annotation, *getattr(field.annotation, "__args__", ())):
                if isinstance(candidate, type) and issubclass(candidate, Model):
                    yield from models(candidate)

    assert AwsMediaStorageArgs in CLOUD_MODELS.values() and AzureMediaStorageArgs in CLOUD_MODELS.values()
    for model in (model for cloud_model in CLOUD_MODELS.values() for model in models(cloud_model)):
        document_fields(model)
        for name, field in model.model_fields.items():
            assert field.description, f"{model.__name__}.{name} has no docstring"


def test_every_env_variable_is_on_the_env_page():
    for variable in AWS_VARIABLES + AZURE_VARIABLES + SPACES_VARIABLES + R2_VARIABLES + APP_VARIABLES:
        assert f"| `{variable.name}` |" in ENV_PAGE


def test_ci_runs_the_readme_test_command():
    ci = (REPO_ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci.splitlines()[-1]
    assert "```bash\nmake test\n```" in README


def test_lazy_exports_match_all():
    assert sorted(media_storage.__all__) == sorted(["__version__", *media_storage._EXPORTS])
