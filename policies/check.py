"""Run the media-storage policy pack offline: no Pulumi CLI, no cloud credentials.

    media-storage check [--dir DIR] [--stack NAME] [--policy-config FILE] [--json] [--preview]
                        [--timeout SECONDS]
    python -m policies.check ...   # the same, from this repository's root

Runs the Pulumi Python program in DIR (default: the current directory) under Pulumi mocks with the
config of `Pulumi.<stack>.yaml` (`secure:` values become placeholder secrets), then gives
every registered resource to the pack's analyzer exactly as the engine does: one `Analyze`
call per resource with its camelCase inputs and options, then one `AnalyzeStack` call with
all of them, their parents and dependencies. The analyzer is pulumi-policy's own, the one
`pulumi preview --policy-pack` talks to over gRPC, minus the server.

The program runs in a child process of this interpreter (install `media-storage[policy]` into
the project's own virtualenv, next to the provider SDKs the program imports), for at most
`--timeout` seconds; what it prints never mixes with the report, and values it marks secret
are shown as `[secret]`.

Exit status: 0 without mandatory violations, 1 with at least one, 2 for a usage error, an
unusable project or stack file, an invalid stack config, a program that fails, exits (`sys.exit`)
or does not finish in time, or a policy that fails on the program.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import re
import sys
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from google.protobuf.struct_pb2 import Struct
from pulumi.runtime.proto import analyzer_pb2 as proto
from pulumi_policy import EnforcementLevel

from media_storage import __version__
from media_storage.cli import DEFAULT_TIMEOUT, INTERRUPTED, add_check_arguments
from media_storage.program_process import ProgramTimeout, run_in_child
from media_storage.testing import (
    ProgramRun,
    ProjectError,
    RegisteredResource,
    program_entry,
    read_project,
    read_stack_config,
    reveal,
    stack_config_values,
)

from . import ALL_POLICIES, DEFAULT_ENFORCEMENT, PACK_NAME
from .analyzer import PackAnalyzer
from .secrets import SecretMask, secret_values

LEVELS = {
    "advisory": EnforcementLevel.ADVISORY,
    "mandatory": EnforcementLevel.MANDATORY,
    "remediate": EnforcementLevel.REMEDIATE,
    "disabled": EnforcementLevel.DISABLED,
}
_TO_PROTO = {
    EnforcementLevel.ADVISORY: proto.ADVISORY,
    EnforcementLevel.MANDATORY: proto.MANDATORY,
    EnforcementLevel.REMEDIATE: proto.REMEDIATE,
    EnforcementLevel.DISABLED: proto.DISABLED,
}
_FROM_PROTO = {value: key.value for key, value in _TO_PROTO.items()}
_JSON_TYPES = {"integer": int, "number": (int, float), "boolean": bool, "string": str, "array": list, "object": dict}


class UsageError(Exception):
    """A mistake in how the check was called, or a program it cannot judge (exit status 2)."""

    def __init__(self, message: str, output: str = "") -> None:
        """`message`: one line; `output`: what the program printed last, if it matters."""
        super().__init__(message)
        self.output = output


@dataclass(frozen=True)
class Violation:
    """One policy violation, as `pulumi preview` would print it."""

    policy: str
    enforcementLevel: str
    resourceType: str | None
    resourceName: str | None
    urn: str | None
    message: str


@dataclass
class Report:
    """The violations of one program."""

    violations: list[Violation] = field(default_factory=list)

    @property
    def mandatory(self) -> int:
        return sum(v.enforcementLevel == "mandatory" for v in self.violations)

    @property
    def advisory(self) -> int:
        return sum(v.enforcementLevel == "advisory" for v in self.violations)

    def as_json(self) -> dict[str, Any]:
        return {
            "violations": [asdict(v) for v in self.violations],
            "mandatory": self.mandatory,
            "advisory": self.advisory,
        }


def effective_config(
    user_config: Mapping[str, Any] | None = None,
) -> dict[str, tuple[EnforcementLevel, dict[str, Any]]]:
    """Each policy's enforcement level and properties, as the CLI computes them.

    `user_config` has the shape of `pulumi preview --policy-pack-config`: `{"all": level,
    "<policy>": level | {"enforcementLevel": level, "<property>": value}}`. Schema defaults
    fill the properties not given; anything unknown or mistyped is a `UsageError`.
    """
    user_config = dict(user_config or {})
    policies = {policy.name: policy for policy in ALL_POLICIES}
    unknown = sorted(set(user_config) - set(policies) - {"all"})
    if unknown:
        raise UsageError(f"policy config names unknown policies {unknown}; known: {', '.join(sorted(policies))}")
    everyone = _level("all", user_config.get("all")) if "all" in user_config else None
    result = {}
    for name, policy in policies.items():
        level = everyone or policy.enforcement_level or DEFAULT_ENFORCEMENT
        schema = policy.config_schema.properties if policy.config_schema else {}
        properties = {key: spec["default"] for key, spec in schema.items() if "default" in spec}
        given = user_config.get(name)
        if isinstance(given, str):
            level = _level(name, given)
        elif isinstance(given, dict):
            for key, value in given.items():
                if key == "enforcementLevel":
                    level = _level(name, value)
                elif key not in schema:
                    raise UsageError(f"policy {name} has no setting {key!r}; settings: {sorted(schema) or 'none'}")
                else:
                    properties[key] = _checked(name, key, value, schema[key])
        elif given is not None:
            raise UsageError(f"policy {name}: expected an enforcement level or an object, got {given!r}")
        result[name] = (level, properties)
    return result


def _level(name: str, value: Any) -> EnforcementLevel:
    if value not in LEVELS:
        raise UsageError(f"policy {name}: enforcement level must be one of {', '.join(LEVELS)}; got {value!r}")
    return LEVELS[value]


def _checked(policy: str, key: str, value: Any, spec: Mapping[str, Any]) -> Any:
    expected = _JSON_TYPES.get(spec.get("type", ""), object)
    if not isinstance(value, expected) or (isinstance(value, bool) and spec.get("type") in ("integer", "number")):
        raise UsageError(f"policy {policy}: {key} must be of type {spec.get('type')}; got {value!r}")
    if ("minimum" in spec and value < spec["minimum"]) or ("maximum" in spec and value > spec["maximum"]):
        raise UsageError(
            f"policy {policy}: {key} must be within {spec.get('minimum')}..{spec.get('maximum')}; got {value}"
        )
    if isinstance(value, str) and "pattern" in spec and not re.search(spec["pattern"], value):
        raise UsageError(f"policy {policy}: {key} must match {spec['pattern']}; got {value!r}")
    if isinstance(value, list) and isinstance(spec.get("items"), dict):
        for position, item in enumerate(value):
            _checked(policy, f"{key}[{position}]", item, spec["items"])
    return value


def configure_request(user_config: Mapping[str, Any] | None = None) -> proto.ConfigureAnalyzerRequest:
    """What the Pulumi CLI sends the pack for `pulumi preview --policy-pack-config` (`user_config`)."""
    request = proto.ConfigureAnalyzerRequest()
    for name, (level, properties) in effective_config(user_config).items():
        request.policyConfig[name].enforcementLevel = _TO_PROTO[level]
        request.policyConfig[name].properties.update(properties)
    return request


def analyzer(user_config: Mapping[str, Any] | None = None) -> PackAnalyzer:
    """The pack's analyzer, the one its gRPC server serves, configured as `pulumi preview
    --policy-pack-config` would."""
    servicer = PackAnalyzer(PACK_NAME, __version__, ALL_POLICIES, DEFAULT_ENFORCEMENT)
    servicer.Configure(configure_request(user_config), None)
    return servicer


def _options(resource: RegisteredResource) -> proto.AnalyzerResourceOptions:
    request = resource.request
    return proto.AnalyzerResourceOptions(
        protect=bool(resource.protect),
        ignoreChanges=list(request.ignoreChanges),
        deleteBeforeReplace=request.deleteBeforeReplace,
        deleteBeforeReplaceDefined=request.deleteBeforeReplaceDefined,
        additionalSecretOutputs=list(request.additionalSecretOutputs),
        parent=resource.parent,
    )


def _provider(
    resource: RegisteredResource, by_urn: Mapping[str, RegisteredResource]
) -> proto.AnalyzerProviderResource | None:
    provider = by_urn.get(resource.provider.rsplit("::", 1)[0]) if resource.provider else None
    if provider is None:
        return None
    return proto.AnalyzerProviderResource(
        type=provider.type, properties=provider.request.object, urn=provider.urn, name=provider.name
    )


def _default_provider(resource: RegisteredResource, run: ProgramRun) -> proto.AnalyzerProviderResource | None:
    """The default provider the engine would give a resource without an explicit one, with the
    stack's config of that package (`aws:allowedAccountIds`, `aws:region`) as its inputs: the
    mocks never register it, but the pack reads the accounts it allows."""
    package = resource.type.split(":", 1)[0]
    if resource.provider or not resource.custom or package != "aws":
        return None
    properties = Struct()
    for key, value in run.config.items():
        if key.startswith(f"{package}:"):
            properties[key.split(":", 1)[1]] = stack_config_values(reveal(value))
    stack, project = [*run.stack_urn.split("::"), "", ""][:2]
    urn = f"{stack or 'urn:pulumi:stack'}::{project or 'project'}::pulumi:providers:{package}::default"
    return proto.AnalyzerProviderResource(
        type=f"pulumi:providers:{package}", properties=properties, urn=urn, name="default"
    )


def analysis_requests(run: ProgramRun) -> tuple[list[proto.AnalyzeRequest], proto.AnalyzeStackRequest]:
    """What the engine sends the pack for `run`: one `Analyze` per resource, then `AnalyzeStack`."""
    by_urn = {resource.urn: resource for resource in run.resources}
    requests = []
    stack_resources = []
    for resource in run.resources:
        options = _options(resource)
        provider = _provider(resource, by_urn) or _default_provider(resource, run)
        fields = {
            "type": resource.type,
            "properties": resource.request.object,
            "urn": resource.urn,
            "name": resource.name,
            "options": options,
        }
        request = proto.AnalyzeRequest(**fields)
        stack_resource = proto.AnalyzerResource(
            **fields, parent=resource.parent, dependencies=list(resource.dependencies)
        )
        for key, value in resource.computed.items():
            # `pulumi up` runs stack policies on the outputs: a created resource's ARN names its account,
            # a managed identity's principal id tells its grants from a literal id's.
            if key not in resource.inputs:
                stack_resource.properties[key] = value
        if provider is not None:
            request.provider.CopyFrom(provider)
            stack_resource.provider.CopyFrom(provider)
        for key, urns in resource.property_dependencies.items():
            stack_resource.propertyDependencies[key].urns.extend(urns)
        requests.append(request)
        stack_resources.append(stack_resource)
    return requests, proto.AnalyzeStackRequest(resources=stack_resources)


def evaluate(run: ProgramRun, user_config: Mapping[str, Any] | None = None) -> Report:
    """Every violation of the pack in what `run` registered, with the values of its secret
    inputs and config masked in the messages."""
    mask = SecretMask(secret_values(run.resources, run.config))
    servicer = analyzer(user_config)
    by_urn = {resource.urn: resource for resource in run.resources}
    requests, stack_request = analysis_requests(run)
    with _collector_paused():
        # The engine files a resource policy's violation under the resource it analyzed.
        diagnostics = [(d, d.urn or r.urn) for r in requests for d in servicer.Analyze(r, None).diagnostics]
        diagnostics += [(d, d.urn) for d in servicer.AnalyzeStack(stack_request, None).diagnostics]

    report = Report()
    for diagnostic, urn in diagnostics:
        target = by_urn.get(urn)
        detail = diagnostic.message.removeprefix(diagnostic.description).strip() or diagnostic.description
        report.violations.append(
            Violation(
                policy=diagnostic.policyName,
                enforcementLevel=_FROM_PROTO[diagnostic.enforcementLevel],
                resourceType=target.type if target else None,
                resourceName=target.name if target else None,
                urn=urn or None,
                message=mask(detail),
            )
        )
    return report


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for the analyzer's calls.

    The analyzer builds a flood of short-lived objects (every resource's decoded inputs and
    proxies), whose allocations trigger collections that each walk everything alive, the whole
    run included. Nothing it builds outlives the call; what it leaves in cycles is collected
    once the collector runs again.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def check_program(
    program_dir: Path,
    stack: str,
    policy_config: Path | None = None,
    *,
    preview: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
) -> Report:
    """Run the project in `program_dir` with the config of `stack` in a child process for at
    most `timeout` seconds, and evaluate the pack on what it registered."""
    user_config = _read_policy_config(policy_config) if policy_config else None
    effective_config(user_config)  # report config mistakes before running anything
    if not (program_dir / "Pulumi.yaml").is_file():
        raise UsageError(f"{program_dir} is not a Pulumi project: it has no Pulumi.yaml")
    if not (program_dir / f"Pulumi.{stack}.yaml").is_file():
        stacks = sorted(p.name.removeprefix("Pulumi.").removesuffix(".yaml") for p in program_dir.glob("Pulumi.*.yaml"))
        raise UsageError(f"{program_dir} has no Pulumi.{stack}.yaml; stacks there: {', '.join(stacks) or 'none'}")
    try:
        program_entry(program_dir, read_project(program_dir))  # only the project's own program ever runs
        read_stack_config(program_dir, stack)  # an unusable stack file is reported before anything runs
        child = run_in_child(program_dir, stack=stack, preview=preview, timeout=timeout)
    except ProjectError as error:
        raise UsageError(str(error)) from error
    except ProgramTimeout as error:
        raise UsageError(str(error), output=_tail(error.output)) from error
    run = child.run
    if run.error is not None:
        mask = SecretMask(secret_values(run.resources, run.config))
        message = run.error if run.exit_status is not None else f"the program failed: {run.error}"
        raise UsageError(mask(message), output=mask(_tail(child.output)))
    try:
        return evaluate(run, user_config)
    except Exception as error:  # a policy that fails cannot judge: not a pass, not a violation
        raise UsageError(
            f"a policy failed on this program ({type(error).__name__}: {error}); please report it"
        ) from error


def _tail(output: str, lines: int = 20) -> str:
    """The last `lines` lines a program printed, to show on stderr with an error."""
    return "\n".join(output.splitlines()[-lines:])


def _read_policy_config(path: Path) -> dict[str, Any]:
    try:
        config = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise UsageError(f"cannot read the policy config {path}: {error.strerror}") from error
    except UnicodeDecodeError as error:
        raise UsageError(f"{path}: not UTF-8 text (invalid byte at offset {error.start})") from error
    except json.JSONDecodeError as error:
        raise UsageError(f"{path} is not valid JSON: {error}") from error
    if not isinstance(config, dict):
        raise UsageError(f"{path} must hold a JSON object of policy names")
    return config


def render_text(report: Report, program_dir: Path, stack: str) -> str:
    """The report for people: one block per violation and a count."""
    lines = [f"Policy pack {PACK_NAME} on {program_dir} (stack {stack}), offline under mocks"]
    for violation in sorted(report.violations, key=lambda v: (v.enforcementLevel != "mandatory", v.policy)):
        where = f"{violation.resourceType} {violation.resourceName}" if violation.resourceType else "(the stack)"
        lines += [f"  [{violation.enforcementLevel}] {violation.policy}: {where}", f"      {violation.message}"]
    lines.append(f"{report.mandatory} mandatory, {report.advisory} advisory violation(s)")
    return "\n".join(lines)


def run(args: argparse.Namespace, prog: str) -> int:
    """Check, print the report, and return the exit status (0, 1, 2, or 130 when interrupted)."""
    program_dir = args.dir.resolve()
    try:
        report = check_program(program_dir, args.stack, args.policy_config, preview=args.preview, timeout=args.timeout)
    except UsageError as error:
        print(f"{prog}: {error}", file=sys.stderr)
        if error.output:
            print(f"{prog}: the program's last output:", file=sys.stderr)
            print("\n".join(f"  | {line}" for line in error.output.splitlines()), file=sys.stderr)
        return 2
    except KeyboardInterrupt:  # Ctrl-C: the program's process group is already stopped
        print(f"{prog}: interrupted", file=sys.stderr)
        return INTERRUPTED
    print(json.dumps(report.as_json(), indent=2) if args.json else render_text(report, program_dir, args.stack))
    return 1 if report.mandatory else 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m policies.check", description=__doc__.splitlines()[0])
    add_check_arguments(parser)
    return run(parser.parse_args(argv), "policies.check")


if __name__ == "__main__":
    sys.exit(main())
