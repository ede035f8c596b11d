"""The pack's analyzer: pulumi-policy's own, building each resource once per request.

pulumi-policy's `_PolicyAnalyzerServicer` turns a resource's protobuf inputs into a Python
dictionary (`MessageToDict`, `deserialize_properties`, the unknown-checking proxy) once per
*policy*: with 44 policies, a 2,000-resource program was decoded 88,000 times, nine tenths of
the evaluation. `PackAnalyzer` decodes each resource of a request once and hands the same
read-only inputs to every policy, and is otherwise the same code: the same policies run in the
same order with the same arguments, levels, configs and diagnostics. `pulumi preview
--policy-pack` serves it (`policies/__main__.py`) and the offline check calls it; a test runs
it beside the unchanged servicer on every program of the red-team corpus and our stacks and
asserts the same diagnostics.

The two methods below follow `pulumi_policy/policy.py` of pulumi-policy 1.21.0 (Apache-2.0),
the pinned version; they read the servicer's private state under its mangled names.
"""

from __future__ import annotations

import asyncio
from inspect import isawaitable
from typing import Any

from google.protobuf import json_format
from pulumi.runtime import proto
from pulumi_policy import EnforcementLevel, ResourceValidationPolicy, StackValidationPolicy
from pulumi_policy.deserialize import deserialize_properties
from pulumi_policy.policy import (
    PolicyResource,
    ResourceValidationArgs,
    StackValidationArgs,
    _NotApplicableError,
    _PolicyAnalyzerServicer,
)
from pulumi_policy.proxy import UnknownValueError, unknown_checking_proxy


def _inputs(properties: Any) -> Any:
    """A resource's inputs as policies see them: plain Python values, unknowns checked."""
    return unknown_checking_proxy(deserialize_properties(json_format.MessageToDict(properties)))


class PackAnalyzer(_PolicyAnalyzerServicer):
    """pulumi-policy's analyzer, decoding each resource once per request instead of once per policy."""

    def Analyze(self, request: Any, _context: Any) -> Any:
        """One resource, every resource policy: as the base class, with the inputs decoded once."""
        self._configure_runtime_settings()
        response = proto.AnalyzeResponse()
        decoded: tuple[Any, Any, Any] | None = None
        for policy in self._PolicyAnalyzerServicer__policies:
            level = self._get_enforcement_level(policy)
            if level == EnforcementLevel.DISABLED or not isinstance(policy, ResourceValidationPolicy):
                continue
            if not policy.has_validation():
                reason = "Policy does not implement validate"
                response.not_applicable.append(proto.PolicyNotApplicable(policy_name=policy.name, reason=reason))
                continue
            if level == EnforcementLevel.REMEDIATE:
                level = EnforcementLevel.MANDATORY
            report_violation = self._create_report_violation(
                response, policy.name, policy.description, level, policy.severity
            )
            if decoded is None:
                decoded = (
                    _inputs(request.properties),
                    self._get_resource_options(request),
                    self._get_provider_resource(request),
                )
            props, opts, provider = decoded
            args = ResourceValidationArgs(
                request.type,
                props,
                request.urn,
                request.name,
                opts,
                provider,
                self._get_policy_config(policy.name),
                self._PolicyAnalyzerServicer__stack_tags,
            )
            self._validate(policy, args, report_violation, response)
        return response

    def AnalyzeStack(self, request: Any, _context: Any) -> Any:
        """Every resource, every stack policy: as the base class, with the resources built once."""
        self._configure_runtime_settings()
        response = proto.AnalyzeResponse()
        resources: list[PolicyResource] | None = None
        for policy in self._PolicyAnalyzerServicer__policies:
            level = self._get_enforcement_level(policy)
            if level == EnforcementLevel.DISABLED or not isinstance(policy, StackValidationPolicy):
                continue
            if level == EnforcementLevel.REMEDIATE:
                level = EnforcementLevel.MANDATORY
            report_violation = self._create_report_violation(
                response, policy.name, policy.description, level, policy.severity
            )
            if resources is None:
                resources = self._stack_resources(request)
            args = StackValidationArgs(
                list(resources), self._get_policy_config(policy.name), self._PolicyAnalyzerServicer__stack_tags
            )
            self._validate(policy, args, report_violation, response)
        return response

    def _stack_resources(self, request: Any) -> list[PolicyResource]:
        """The request's resources with their parents and dependencies linked, as the base
        class builds them for each policy."""
        by_urn: dict[str, PolicyResource] = {}
        links = []
        for r in request.resources:
            resource = PolicyResource(
                r.type,
                _inputs(r.properties),
                r.urn,
                r.name,
                self._get_resource_options(r),
                self._get_provider_resource(r),
                None,
                [],
                {},
            )
            by_urn[resource.urn] = resource
            property_dependencies = {key: list(value.urns) for key, value in r.propertyDependencies.items()}
            links.append((resource, r.parent, list(r.dependencies), property_dependencies))
        for resource, parent, dependencies, property_dependencies in links:
            if parent is not None and parent in by_urn:
                resource.parent = by_urn[parent]
            resource.dependencies.extend(by_urn[urn] for urn in dependencies if urn in by_urn)
            for key, urns in property_dependencies.items():
                resource.property_dependencies[key] = [by_urn[urn] for urn in urns if urn in by_urn]
        return [resource for resource, *_ in links]

    def _validate(self, policy: Any, args: Any, report_violation: Any, response: Any) -> None:
        """Run one policy as the base class does: a value unknown in a preview is an advisory
        diagnostic, and a policy may declare itself not applicable."""
        try:
            result = policy.validate(args, report_violation)
            if isawaitable(result):
                loop = asyncio.new_event_loop()
                loop.run_until_complete(asyncio.Task(result, loop=loop))
                loop.close()
        except UnknownValueError as error:
            name = self._PolicyAnalyzerServicer__policy_pack_name
            version = self._PolicyAnalyzerServicer__policy_pack_version
            response.diagnostics.append(
                proto.AnalyzeDiagnostic(
                    policyName=policy.name,
                    policyPackName=name,
                    policyPackVersion=version,
                    message=(
                        f"can't run policy '{policy.name}' from policy pack "
                        f"'{name}@v{version}' during preview: {error.message}"
                    ),
                    urn="",
                    description=policy.description,
                    enforcementLevel=self._map_enforcement_level(EnforcementLevel.ADVISORY),
                )
            )
        except _NotApplicableError as error:
            reason = error.reason or ""
            response.not_applicable.append(proto.PolicyNotApplicable(policy_name=policy.name, reason=reason))
