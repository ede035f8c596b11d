"""The red-team corpus (`tests/programs/redteam/`): small insecure programs written as an attacker
would, each caught by the policy its manifest names at the level it names, and secure baselines
that pass with no violation at all."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from .policy_support import check, only

CORPUS = Path(__file__).parent / "programs" / "redteam"
MANIFEST: dict[str, dict[str, Any]] = yaml.safe_load((CORPUS / "manifest.yaml").read_text())


def load_program(name: str) -> Any:
    """The `program` function of the corpus module `name` (which may import the corpus's shared
    `_baseline` module)."""
    if str(CORPUS) not in sys.path:
        sys.path.append(str(CORPUS))
    spec = importlib.util.spec_from_file_location(f"redteam_{name}", CORPUS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.program


def test_every_program_is_in_the_manifest_and_every_entry_has_a_program():
    programs = [p.stem for p in CORPUS.glob("*.py") if not p.stem.startswith("_")]  # `_baseline` is shared
    assert sorted(programs) == sorted(MANIFEST)


def test_the_manifest_names_policies_of_the_pack_at_their_levels():
    from media_storage.policies import ALL_POLICIES

    levels = {policy.name: policy.enforcement_level.value for policy in ALL_POLICIES}
    for name, entry in MANIFEST.items():
        for policy, level in entry["expect"].items():
            assert levels.get(policy) == level, f"{name}: {policy} is {levels.get(policy)}, not {level}"


@pytest.mark.parametrize("name", [n for n, e in MANIFEST.items() if e["expect"]])
def test_the_insecure_program_is_caught(name):
    entry = MANIFEST[name]
    report = check(load_program(name), config=entry.get("config"))
    for policy, level in entry["expect"].items():
        only(report, policy, level)


@pytest.mark.parametrize("name", [n for n, e in MANIFEST.items() if e.get("preview")])
def test_the_insecure_program_is_caught_in_a_preview_too(name):
    # `preview: true`: what a first preview already knows must fail it, not wait for `pulumi up`.
    entry = MANIFEST[name]
    report = check(load_program(name), config=entry.get("config"), preview=True)
    for policy, level in entry["expect"].items():
        only(report, policy, level)


@pytest.mark.parametrize("name", [n for n, e in MANIFEST.items() if not e["expect"]])
@pytest.mark.parametrize("preview", [False, True], ids=["update", "preview"])
def test_the_secure_baseline_passes(name, preview):
    report = check(load_program(name), config=MANIFEST[name].get("config"), preview=preview)
    assert report.violations == []


@pytest.mark.parametrize("name", list(MANIFEST))
def test_a_preview_reports_nothing_the_update_does_not(name):
    # Unknown values (a first preview) never fail a policy: a preview flags a subset (its wording
    # may say less, e.g. before the holders of a policy are known).
    program, config = load_program(name), MANIFEST[name].get("config")
    settled = {(v.policy, v.urn) for v in check(program, config=config).violations}
    preview = {(v.policy, v.urn) for v in check(program, config=config, preview=True).violations}
    assert preview <= settled, preview - settled
