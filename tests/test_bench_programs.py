"""The program-cost benchmark compares like with like: each hand-written program registers
exactly the resources ours does, with the same names, inputs, options and ordering, and
exports the same env."""

from __future__ import annotations

from typing import Any

import pytest

from media_storage.testing import ProgramRun, read_stack_config, reveal, run_program

from .bench import ours, raw_aws, raw_azure
from .conftest import REPO_ROOT


def registrations(run: ProgramRun) -> dict[str, dict[str, Any]]:
    """Every provider resource by logical name: what the engine would create and how."""
    names = {resource.urn: resource.name for resource in run.resources}
    return {
        resource.name: {
            "type": resource.type,
            "inputs": reveal(resource.inputs),
            "protect": bool(resource.protect),
            "dependsOn": sorted(names[urn] for urn in resource.dependencies if urn in names),
            "secretOutputs": sorted(resource.request.additionalSecretOutputs),
        }
        for resource in run.resources
        if resource.custom
    }


@pytest.mark.parametrize(("stack", "raw"), [("dev", raw_aws), ("dev-azure", raw_azure)], ids=["aws", "azure"])
def test_the_hand_written_stack_registers_what_our_stack_does(stack, raw):
    config = read_stack_config(REPO_ROOT, stack)
    ours_run = run_program(REPO_ROOT, stack=stack, config=config).raise_for_error()
    raw_run = run_program(raw.stack_program, stack=stack, config=config, project="media-storage").raise_for_error()
    assert registrations(raw_run) == registrations(ours_run)
    assert reveal(raw_run.outputs) == reveal(ours_run.outputs)


@pytest.mark.parametrize(
    ("program", "raw", "per_environment"),
    [(ours.aws_composed_program, raw_aws, 18), (ours.azure_composed_program, raw_azure, 9)],
    ids=["aws", "azure"],
)
def test_the_hand_written_composition_registers_what_ours_does(program, raw, per_environment):
    ours_run = run_program(lambda: program(3)).raise_for_error()
    raw_run = run_program(lambda: raw.composed_program(3)).raise_for_error()
    assert len(registrations(ours_run)) == 3 * per_environment
    assert registrations(raw_run) == registrations(ours_run)
    assert reveal(raw_run.outputs) == reveal(ours_run.outputs)


def test_the_stack_program_keeps_the_collector_off_its_imports_and_the_runner_restores_it(monkeypatch):
    import gc

    frozen = []
    freeze = gc.freeze
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(gc.isenabled()) or freeze())
    run_program(REPO_ROOT, stack="dev", config=read_stack_config(REPO_ROOT, "dev")).raise_for_error()
    assert len(frozen) >= 2, "the imports are frozen, and then the environment"
    assert not any(frozen[:-1]), "imports run with the collector off, and are frozen before it is back"
    assert gc.isenabled() and gc.get_freeze_count() == 0, "the runner leaves the process as it found it"


@pytest.mark.parametrize(
    ("program", "cloud"),
    [(ours.aws_composed_program, "aws"), (ours.azure_composed_program, "azure")],
    ids=["aws", "azure"],
)
def test_each_environment_is_frozen_once_built_after_its_garbage_is_freed(monkeypatch, program, cloud):
    import gc
    import importlib

    importlib.import_module(f"media_storage.{cloud}")  # the import's own freeze, before counting
    calls = []
    collect, freeze = gc.collect, gc.freeze
    monkeypatch.setattr(
        gc, "collect", lambda generation=2: calls.append(f"collect {generation}") or collect(generation)
    )
    monkeypatch.setattr(gc, "freeze", lambda: calls.append("freeze") or freeze())
    unfreeze = gc.unfreeze
    monkeypatch.setattr(gc, "unfreeze", lambda: calls.append("unfreeze") or unfreeze())
    run_program(lambda: program(3)).raise_for_error()
    # An earlier test's program may be given back first; the runner's own cleanup comes last.
    within = calls[1:] if calls[:1] == ["unfreeze"] else calls
    # A full pass walks only what is not frozen yet: about one environment.
    assert within[:7] == ["collect 2", "freeze"] * 3 + ["unfreeze"], "within one program nothing is given back"
    assert gc.get_freeze_count() == 0, "the runner unfreezes what the run froze"


@pytest.mark.parametrize("cloud", ["aws", "azure", "digitalocean", "cloudflare"])
def test_each_cloud_package_freezes_what_its_import_built(cloud):
    import subprocess
    import sys

    probe = f"import gc, media_storage.{cloud}; print(gc.get_freeze_count())"
    frozen = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120)
    assert int(frozen.stdout) > 10_000, "the provider SDK's objects are out of the collector's way"


def test_a_process_running_several_programs_gives_the_earlier_ones_back_to_the_collector():
    # Pulumi's unit-test style: `set_mocks` per test, several programs in one process. What an
    # earlier program froze is garbage once it is over, and must not stay frozen for good.
    import asyncio
    import contextvars
    import gc
    import weakref

    import pulumi

    from media_storage.aws import AwsMediaStorage, AwsMediaStorageArgs
    from media_storage.testing import MediaStorageMocks

    class Garbage:
        """A reference cycle made while the first program runs, frozen with its environment."""

    def two_programs() -> weakref.ref:
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        try:
            pulumi.runtime.set_mocks(MediaStorageMocks(), preview=False)
            cycle = Garbage()
            cycle.itself = cycle
            AwsMediaStorage("media", AwsMediaStorageArgs(app="shop", environment="one"))
            loop.run_until_complete(asyncio.gather(*asyncio.all_tasks(loop), return_exceptions=True))
            frozen = weakref.ref(cycle)
            del cycle
            gc.collect()
            assert frozen() is not None, "frozen with the first program's environment"
            pulumi.runtime.set_mocks(MediaStorageMocks(), preview=False)
            AwsMediaStorage("media", AwsMediaStorageArgs(app="shop", environment="two"))
            loop.run_until_complete(asyncio.gather(*asyncio.all_tasks(loop), return_exceptions=True))
            return frozen
        finally:
            loop.run_until_complete(loop.shutdown_default_executor())
            loop.close()
            asyncio.set_event_loop(None)
            gc.unfreeze()

    assert contextvars.Context().run(two_programs)() is None, "collected once the second program froze its own"
