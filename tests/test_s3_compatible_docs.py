"""docs/s3-compatible.md keeps up with the code: every Spaces/R2 config key, env variable and policy."""

from __future__ import annotations

import pytest
from media_storage.policies import r2, spaces

from media_storage import env_contract
from media_storage.settings import MediaStorageArgsBase
from media_storage.settings.cloudflare import CloudflareMediaStorageArgs
from media_storage.settings.digitalocean import DigitalOceanMediaStorageArgs

from .conftest import REPO_ROOT

PAGE = (REPO_ROOT / "docs" / "s3-compatible.md").read_text()


@pytest.mark.parametrize("model", [DigitalOceanMediaStorageArgs, CloudflareMediaStorageArgs])
def test_every_key_of_the_two_clouds_is_documented(model):
    own = [field.alias for name, field in model.model_fields.items() if name not in MediaStorageArgsBase.model_fields]
    assert own
    for key in own:
        assert f"`media-storage:{key}`" in PAGE, key


def test_every_variable_of_both_contracts_is_in_the_table():
    for variable in (*env_contract.SPACES_VARIABLES, *env_contract.R2_VARIABLES):
        assert f"| `{variable.name}` |" in PAGE, variable.name


def test_every_spaces_and_r2_policy_is_described_with_its_level():
    for policy in (*spaces.POLICIES, *r2.POLICIES):
        assert f"`{policy.name}` ({policy.enforcement_level.value})" in PAGE, policy.name


def test_the_readme_links_the_page():
    assert "(docs/s3-compatible.md)" in (REPO_ROOT / "README.md").read_text()
