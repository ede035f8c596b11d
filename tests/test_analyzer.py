"""The pack's analyzer (`policies/analyzer.py`) answers exactly as pulumi-policy's own servicer,
whose per-policy decoding it saves: same diagnostics, same order, same levels, in an update and
in a preview, on every program of the red-team corpus and every stack of this repository."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pytest
from media_storage.policies import ALL_POLICIES, DEFAULT_ENFORCEMENT, PACK_NAME
from media_storage.policies.analyzer import PackAnalyzer
from media_storage.policies.check import analysis_requests, analyzer, configure_request
from pulumi_policy import ResourceValidationPolicy, StackValidationPolicy
from pulumi_policy.policy import _PolicyAnalyzerServicer

from media_storage import __version__
from media_storage.testing import read_stack_config, run_program

from .conftest import REPO_ROOT
from .test_redteam import MANIFEST, load_program

STACKS = sorted(path.name.removeprefix("Pulumi.").removesuffix(".yaml") for path in REPO_ROOT.glob("Pulumi.*.yaml"))


def _stock(config: dict | None) -> _PolicyAnalyzerServicer:
    servicer = _PolicyAnalyzerServicer(PACK_NAME, __version__, ALL_POLICIES, DEFAULT_ENFORCEMENT)
    servicer.Configure(configure_request(config), None)
    return servicer


def _answers(servicer, run) -> list[bytes]:
    requests, stack_request = analysis_requests(run)
    responses = [servicer.Analyze(request, None) for request in requests]
    responses.append(servicer.AnalyzeStack(stack_request, None))
    return [response.SerializeToString(deterministic=True) for response in responses]


def _assert_same_answers(run, config: dict | None) -> None:
    pack = analyzer(config)
    assert isinstance(pack, PackAnalyzer)
    ours = _answers(pack, run)
    assert ours == _answers(_stock(config), run)


@pytest.mark.parametrize("preview", [False, True], ids=["update", "preview"])
@pytest.mark.parametrize("name", list(MANIFEST))
def test_the_corpus_gets_the_answers_of_pulumi_policy(name, preview):
    run = run_program(load_program(name), preview=preview).raise_for_error()
    _assert_same_answers(run, MANIFEST[name].get("config"))


@pytest.mark.parametrize("preview", [False, True], ids=["update", "preview"])
@pytest.mark.parametrize("stack", STACKS)
def test_our_stacks_get_the_answers_of_pulumi_policy(stack, preview):
    config = read_stack_config(REPO_ROOT, stack)
    run = run_program(REPO_ROOT, stack=stack, config=config, preview=preview).raise_for_error()
    _assert_same_answers(run, None)


def test_the_insecure_programs_get_the_answers_of_pulumi_policy():
    # Programs with violations of many policies at once, so a diagnostic out of order shows.
    for program in sorted((REPO_ROOT / "tests" / "programs").glob("insecure*")):
        run = run_program(program, stack="dev").raise_for_error()
        assert run.resources
        _assert_same_answers(run, None)


def _plain(value):
    """A decoded input (proxies of pulumi-policy included) as plain dicts and lists."""
    if isinstance(value, Mapping):
        return {key: _plain(value[key]) for key in value}
    if isinstance(value, Sequence) and not isinstance(value, str):
        return [_plain(item) for item in value]
    return value


def _seen(resource) -> tuple:
    """All a policy can read of one resource, its links by URN."""
    opts = resource.opts
    provider = resource.provider
    return (
        resource.resource_type,
        resource.urn,
        resource.name,
        _plain(resource.props),
        (opts.protect, list(opts.ignore_changes), opts.delete_before_replace, list(opts.aliases), opts.parent),
        (opts.custom_timeouts.create_seconds, opts.custom_timeouts.update_seconds, opts.custom_timeouts.delete_seconds),
        list(opts.additional_secret_outputs),
        provider and (provider.resource_type, provider.urn, provider.name, _plain(provider.props)),
        getattr(getattr(resource, "parent", None), "urn", None),
        [d.urn for d in getattr(resource, "dependencies", [])],
        {k: [d.urn for d in v] for k, v in getattr(resource, "property_dependencies", {}).items()},
    )


def _what_policies_see(servicer_class, run) -> list:
    seen: list = []
    probes = [
        ResourceValidationPolicy("probe-resource", "sees one resource", lambda args, _report: seen.append(_seen(args))),
        StackValidationPolicy(
            "probe-stack", "sees the stack", lambda args, _report: seen.append([_seen(r) for r in args.resources])
        ),
    ]
    servicer = servicer_class(PACK_NAME, __version__, probes, DEFAULT_ENFORCEMENT)
    requests, stack_request = analysis_requests(run)
    for request in requests:
        servicer.Analyze(request, None)
    servicer.AnalyzeStack(stack_request, None)
    return seen


@pytest.mark.parametrize("program", ["insecure", "stack"])
def test_policies_see_the_resources_pulumi_policy_builds(program):
    # Parents, dependencies, options and providers too, which no policy of the pack reads yet.
    if program == "stack":
        run = run_program(REPO_ROOT, stack="eks", config=read_stack_config(REPO_ROOT, "eks")).raise_for_error()
    else:
        run = run_program(REPO_ROOT / "tests" / "programs" / "insecure", stack="dev").raise_for_error()
    ours = _what_policies_see(PackAnalyzer, run)
    assert len(ours) == len(run.resources) + 1
    if program == "stack":  # our components parent their children and order them
        assert any(entry[8] for entry in ours[-1]), "some resource has a parent"
        assert any(entry[9] for entry in ours[-1]), "some resource has dependencies"
    assert ours == _what_policies_see(_PolicyAnalyzerServicer, run)
