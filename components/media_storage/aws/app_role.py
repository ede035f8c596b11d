"""An IAM role for workloads that assume it (ECS task role, EKS service account, ...)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass

import pulumi
import pulumi_aws as aws

from ..component_args import require_args
from ..settings.aws import ECS_TASKS, OIDC_AUDIENCE, RoleTrust
from ..tags import checked_media_tags
from .policy_documents import assume_role_policy


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
    """Tags of the role: `media-storage:app` and `media-storage:stack` are required
    (`media_tags(app, environment)`)."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "tags", checked_media_tags("AppRoleArgs", self.tags))


class AppRole(pulumi.ComponentResource):
    """An IAM role whose only permissions are one inline policy; no long-lived keys exist."""

    role_name: pulumi.Output[str]
    """The role's name."""

    role_arn: pulumi.Output[str]
    """The role's ARN, exported as `AWS_ROLE_ARN`."""

    pod_identity_associations: list[aws.eks.PodIdentityAssociation]
    """One EKS Pod Identity association per `trust.eks_pod_identity` entry."""

    def __init__(self, name: str, args: AppRoleArgs, opts: pulumi.ResourceOptions | None = None) -> None:
        require_args("AppRole", args, AppRoleArgs)
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
                    oidc_subjects=trust.oidc.allowed_subjects if trust.oidc else (),
                    oidc_audience=trust.oidc.audience if trust.oidc else OIDC_AUDIENCE,
                    eks_pod_identities=[
                        (pod.cluster_name, pod.namespace, pod.service_account) for pod in trust.eks_pod_identity
                    ],
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
        self.pod_identity_associations = [
            aws.eks.PodIdentityAssociation(
                f"{name}-pod-identity-{pod.cluster_name}-{pod.namespace}-{pod.service_account}",
                cluster_name=pod.cluster_name,
                namespace=pod.namespace,
                service_account=pod.service_account,
                role_arn=role.arn,
                # The trust policy's conditions read these tags: without them no pod gets the role.
                disable_session_tags=False,
                tags=dict(args.tags or {}),
                opts=child,
            )
            for pod in trust.eks_pod_identity
        ]
        self.role_name = role.name
        self.role_arn = role.arn
        self.register_outputs({"role_name": self.role_name, "role_arn": self.role_arn})
