"""The docs keep up with the Spaces and R2 code: config keys, env variables, policies, the snippet."""

from __future__ import annotations

import pytest
from media_storage.policies import r2, spaces

from media_storage import env_contract
from media_storage.docs import config_reference, env_table
from media_storage.settings import MediaStorageArgsBase
from media_storage.settings.cloudflare import CloudflareMediaStorageArgs
from media_storage.settings.digitalocean import DigitalOceanMediaStorageArgs
from media_storage.testing import reveal, run_program

from .conftest import REPO_ROOT
from .doc_snippets import snippet

PAGE = (REPO_ROOT / "docs" / "s3-compatible.md").read_text()
ENV_PAGE = (REPO_ROOT / "docs" / "env.md").read_text()


@pytest.mark.parametrize(
    ("model", "cloud"), [(DigitalOceanMediaStorageArgs, "digitalocean"), (CloudflareMediaStorageArgs, "cloudflare")]
)
def test_every_key_of_the_two_clouds_is_in_the_generated_reference(model, cloud):
    own = [field.alias for name, field in model.model_fields.items() if name not in MediaStorageArgsBase.model_fields]
    assert own
    table = config_reference()
    for key in own:
        assert f"| `media-storage:{key}` | {cloud} |" in table, key
        assert f"`{key}`" in PAGE, key
    assert f"`{cloud}`" in table.splitlines()[2], "the cloud row lists every cloud"


def test_both_contracts_are_generated_on_the_env_page():
    for variables in (env_contract.SPACES_VARIABLES, env_contract.R2_VARIABLES):
        assert env_table(variables) in ENV_PAGE
    assert "(env.md)" in PAGE


def test_the_component_snippet_runs_under_mocks():
    run = run_program(lambda: exec(snippet("component-cloudflare"), {}), stack="prod").raise_for_error()
    env = reveal(run.outputs["env"])
    assert env[env_contract.AWS_S3_REGION_NAME] == env_contract.R2_REGION
    assert env[env_contract.AWS_S3_ENDPOINT_URL] == env_contract.r2_endpoint("0123456789abcdef0123456789abcdef")
    assert env[env_contract.AWS_STORAGE_BUCKET_NAME].startswith("shop-prod-public-")


def test_every_spaces_and_r2_policy_is_described_with_its_level():
    for policy in (*spaces.POLICIES, *r2.POLICIES):
        assert f"`{policy.name}` ({policy.enforcement_level.value})" in PAGE, policy.name


def test_the_readme_links_the_page():
    assert "(docs/s3-compatible.md)" in (REPO_ROOT / "README.md").read_text()
