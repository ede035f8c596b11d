"""Validated settings of the AWS component: what `media-storage:*` config means with `cloud: aws`.

Pure pydantic, no provider SDK: the stack config and the docs read these without importing
`pulumi_aws`.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, ValidationInfo, field_validator, model_validator

from ..naming import is_valid_s3_bucket_name
from . import EndpointUrl, MediaStorageArgsBase, Model, is_loopback_http, matching

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


AwsCredentials = Literal["key", "role"]


def _check_bucket_name(name: str) -> str:
    if not is_valid_s3_bucket_name(name):
        raise ValueError(
            "expected an S3 bucket name: 3 to 63 lowercase letters, digits and -, "
            "starting and ending with a letter or digit"
        )
    return name


BucketName = Annotated[str, AfterValidator(_check_bucket_name)]
KeyGeneration = Annotated[
    str, matching(r"[a-z0-9][a-z0-9-]{0,15}", "a label of 1 to 16 lowercase letters, digits or -")
]
Region = Annotated[str, matching(r"[a-z]{2}(-[a-z]+)+-\d{1,2}", "an AWS region such as eu-west-1")]


class BucketNames(Model):
    """Existing buckets to adopt: the next `pulumi up` imports them instead of creating new ones."""

    public: BucketName | None = None
    """Name of the public-media bucket."""

    private: BucketName | None = None
    """Name of the private-media bucket."""

    @model_validator(mode="after")
    def _two_buckets(self) -> BucketNames:
        if self.public is not None and self.public == self.private:
            raise ValueError(
                "public and private must name two different buckets: one bucket cannot be both "
                f"readable by anyone and private; got {self.public!r} for both"
            )
        return self


class AwsMediaStorageArgs(MediaStorageArgsBase):
    """Arguments of `AwsMediaStorage`; the stack program fills them from `media-storage:*` config."""

    credentials: AwsCredentials = "key"
    """`key`: an IAM user with an access key; `role`: an IAM role the workload assumes, no keys."""

    role_trust: RoleTrust | None = None
    """With `credentials: role`, who may assume the role (default: ECS tasks of this account)."""

    access_key_generations: tuple[KeyGeneration, ...] = ("1",)
    """With `credentials: key`, one access key per label (at most 2); the last is exported (see key rotation)."""

    bucket_names: BucketNames = BucketNames()
    """Existing bucket names to adopt; see `bucketNames.*`."""

    endpoint_url: EndpointUrl | None = None
    """S3 endpoint of a local emulator (localhost, 127.0.0.1 or [::1] only), e.g. `http://127.0.0.1:5000`;
    switches the app to path-style addressing."""

    require_tls: bool = True
    """Deny requests without TLS. May be false only with a plain-http loopback `endpointUrl` (an emulator)."""

    region: Region | None = None
    """Region of the buckets; by default the provider's (the stack program passes `aws:region`)."""

    @field_validator("role_trust")
    @classmethod
    def _trust_needs_role(cls, trust: RoleTrust | None, info: ValidationInfo) -> RoleTrust | None:
        if trust is not None and info.data.get("credentials") != "role":
            raise ValueError("only applies with credentials: role")
        return trust

    @field_validator("access_key_generations")
    @classmethod
    def _key_generations(cls, generations: tuple[str, ...], info: ValidationInfo) -> tuple[str, ...]:
        if info.data.get("credentials") == "role":
            raise ValueError("only applies with credentials: key (a role has no keys)")
        if not 1 <= len(generations) <= 2:
            raise ValueError("list one or two labels: IAM allows two access keys per user")
        if len(set(generations)) != len(generations):
            raise ValueError("labels must differ")
        return generations

    @field_validator("require_tls")
    @classmethod
    def _tls_only_off_for_emulators(cls, require_tls: bool, info: ValidationInfo) -> bool:
        if not require_tls and not is_loopback_http(info.data.get("endpoint_url")):
            raise ValueError(
                "may be false only when endpointUrl is a plain-http localhost/127.0.0.1 emulator; "
                "real buckets always deny requests without TLS"
            )
        return require_tls
