"""An IAM role for workloads that assume it (ECS task role, EKS service account, ...)."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated

import pulumi
import pulumi_aws as aws
from pydantic import Field, field_validator, model_validator

from ..settings import Model, matching
from .policy_documents import assume_role_policy

ServicePrincipal = Annotated[
    str,
    matching(
        r"[a-z0-9-]+(\.[a-z0-9-]+)*\.amazonaws\.com(\.cn)?",
        "a service principal such as ecs-tasks.amazonaws.com",
    ),
]
AwsPrincipal = Annotated[
    str,
    matching(
        r"\d{12}|arn:aws[a-z-]*:iam::\d{12}:(root|role/[\w+=,.@/-]+|user/[\w+=,.@/-]+)",
        "a 12-digit account id or an IAM root, role or user ARN (no wildcards)",
    ),
]
OidcProviderArn = Annotated[
    str,
    matching(
        r"arn:aws[a-z-]*:iam::\d{12}:oidc-provider/[A-Za-z0-9./_-]+",
        "an IAM OIDC provider ARN such as arn:aws:iam::123456789012:oidc-provider/oidc.eks...",
    ),
]


class OidcTrust(Model):
    """An OIDC identity (e.g. an EKS cluster's service account, IRSA) that may assume the role."""

    provider_arn: OidcProviderArn
    """ARN of the IAM OIDC provider, e.g. `arn:aws:iam::123456789012:oidc-provider/oidc.eks...`."""

    subject: str = Field(min_length=1, max_length=256)
    """The one subject allowed, e.g. `system:serviceaccount:web:django`."""

    @field_validator("subject")
    @classmethod
    def _no_wildcard(cls, subject: str) -> str:
        if re.search(r"[*?]", subject):
            raise ValueError("name exactly one subject; wildcards would let other workloads in")
        return subject


class RoleTrust(Model):
    """Who may assume the app's role. At least one of the three."""

    services: tuple[ServicePrincipal, ...] = ()
    """Service principals, e.g. `ecs-tasks.amazonaws.com` (restricted to this account)."""

    principals: tuple[AwsPrincipal, ...] = ()
    """AWS principals (account ids, role or user ARNs)."""

    oidc: OidcTrust | None = None
    """An OIDC provider and the one subject it may vouch for (EKS IRSA)."""

    @model_validator(mode="after")
    def _someone(self) -> RoleTrust:
        if not (self.services or self.principals or self.oidc):
            raise ValueError("name at least one of services, principals or oidc")
        return self


ECS_TASKS = RoleTrust(services=("ecs-tasks.amazonaws.com",))
"""The default trust: ECS tasks of this account."""


@dataclass(frozen=True)
class AppRoleArgs:
    """Arguments of an `AppRole`."""

    role_name: pulumi.Input[str]
    """The IAM role's name."""

    policy: pulumi.Input[str]
    """The inline policy (JSON), the role's only permissions."""

    account_id: pulumi.Input[str]
    """The account that service principals may act for (`aws:SourceAccount`)."""

    trust: RoleTrust = ECS_TASKS
    """Who may assume the role."""

    tags: Mapping[str, str] | None = None
    """Tags of the role."""


class AppRole(pulumi.ComponentResource):
    """An IAM role whose only permissions are one inline policy; no long-lived keys exist."""

    role_name: pulumi.Output[str]
    """The role's name."""

    role_arn: pulumi.Output[str]
    """The role's ARN, exported as `AWS_ROLE_ARN`."""

    def __init__(self, name: str, args: AppRoleArgs, opts: pulumi.ResourceOptions | None = None) -> None:
        super().__init__("media-storage:aws:AppRole", name, None, opts)
        child = pulumi.ResourceOptions(parent=self)
        trust = args.trust
        trust_policy = pulumi.Output.from_input(args.account_id).apply(
            lambda account_id: json.dumps(
                assume_role_policy(
                    account_id=account_id,
                    services=trust.services,
                    principals=trust.principals,
                    oidc_provider_arn=trust.oidc.provider_arn if trust.oidc else None,
                    oidc_subject=trust.oidc.subject if trust.oidc else None,
                )
            )
        )
        role = aws.iam.Role(
            f"{name}-role",
            name=args.role_name,
            assume_role_policy=trust_policy,
            max_session_duration=3600,
            tags=dict(args.tags or {}),
            opts=child,
        )
        aws.iam.RolePolicy(f"{name}-policy", role=role.name, policy=args.policy, opts=child)
        self.role_name = role.name
        self.role_arn = role.arn
        self.register_outputs({"role_name": self.role_name, "role_arn": self.role_arn})
