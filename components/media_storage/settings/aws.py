"""Validated settings of the AWS component: what `media-storage:*` config means with `cloud: aws`.

Pure pydantic, no provider SDK: the stack config and the docs read these without importing
`pulumi_aws`.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal, get_args

from pydantic import AfterValidator, Field, ValidationInfo, field_validator, model_validator

from ..naming import is_valid_s3_bucket_name
from . import (
    WORKLOAD_IDENTITIES_MAX,
    EndpointUrl,
    Hostname,
    KubernetesName,
    MediaStorageArgsBase,
    Model,
    checked_key_delivery,
    is_loopback_http,
    matching,
    one_or_several,
)

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


OIDC_AUDIENCE = "sts.amazonaws.com"
"""The audience EKS (IRSA) and most OIDC issuers put in tokens meant for AWS STS."""


def _exact(value: str, what: str) -> str:
    if re.search(r"[*?]", value):
        raise ValueError(f"name exactly one {what}; wildcards would let other workloads in")
    return value


OidcSubject = Annotated[str, Field(min_length=1, max_length=256)]


class OidcTrust(Model):
    """An OIDC identity (e.g. an EKS cluster's service account, IRSA) that may assume the role."""

    provider_arn: OidcProviderArn
    """ARN of the IAM OIDC provider, e.g. `arn:aws:iam::123456789012:oidc-provider/oidc.eks...`."""

    subject: OidcSubject | None = None
    """One subject allowed, e.g. `system:serviceaccount:web:django` (an alias of a one-item `subjects`)."""

    subjects: tuple[OidcSubject, ...] = ()
    """The exact subjects allowed, e.g. `[system:serviceaccount:web:django, system:serviceaccount:web:worker]`."""

    audience: str = Field(default=OIDC_AUDIENCE, min_length=1, max_length=256)
    """The one audience (`aud`) the tokens must carry."""

    @field_validator("subject")
    @classmethod
    def _no_wildcard(cls, subject: str | None) -> str | None:
        return None if subject is None else _exact(subject, "subject")

    @field_validator("subjects")
    @classmethod
    def _exact_subjects(cls, subjects: tuple[str, ...]) -> tuple[str, ...]:
        for subject in subjects:
            _exact(subject, "subject per entry")
        if len(set(subjects)) != len(subjects):
            raise ValueError("each subject may be listed once")
        if len(subjects) > WORKLOAD_IDENTITIES_MAX:
            raise ValueError(f"list at most {WORKLOAD_IDENTITIES_MAX} subjects; use a role per workload beyond that")
        return subjects

    @field_validator("audience")
    @classmethod
    def _no_wildcard_audience(cls, audience: str) -> str:
        return _exact(audience, "audience")

    @model_validator(mode="after")
    def _one_way_to_name_subjects(self) -> OidcTrust:
        if (self.subject is None) == (not self.subjects):
            raise ValueError("name the allowed subjects with exactly one of subject (one) or subjects (a list)")
        return self

    @property
    def allowed_subjects(self) -> tuple[str, ...]:
        """Every subject the trust admits (`subject` or `subjects`)."""
        return (self.subject,) if self.subject is not None else self.subjects


EksClusterName = Annotated[
    str,
    matching(
        r"[0-9A-Za-z][A-Za-z0-9_-]{0,99}",
        "an EKS cluster name: 1 to 100 letters, digits, - or _, starting with a letter or digit",
    ),
]


class EksPodIdentity(Model):
    """One EKS Pod Identity association: the service account whose pods get the role."""

    cluster_name: EksClusterName
    """Name of the EKS cluster (in the stack's account and region)."""

    namespace: KubernetesName
    """Kubernetes namespace of the service account."""

    service_account: KubernetesName
    """Name of the Kubernetes service account the app's pods run as."""


class RoleTrust(Model):
    """Who may assume the app's role. At least one of the three."""

    services: tuple[ServicePrincipal, ...] = ()
    """Service principals, e.g. `ecs-tasks.amazonaws.com` (restricted to this account)."""

    principals: tuple[AwsPrincipal, ...] = ()
    """AWS principals (account ids, role or user ARNs); the policy pack asks to list each one in `allowedPrincipals`."""

    oidc: OidcTrust | None = None
    """An OIDC provider and the exact subjects it may vouch for (EKS IRSA)."""

    eks_pod_identity: tuple[EksPodIdentity, ...] = ()
    """EKS Pod Identity: `[{clusterName, namespace, serviceAccount}, ...]`; an association is created for each."""

    @field_validator("eks_pod_identity")
    @classmethod
    def _distinct_associations(cls, associations: tuple[EksPodIdentity, ...]) -> tuple[EksPodIdentity, ...]:
        if len(set(associations)) != len(associations):
            raise ValueError("each cluster, namespace and service account may be listed once")
        if len(associations) > WORKLOAD_IDENTITIES_MAX:
            raise ValueError(f"list at most {WORKLOAD_IDENTITIES_MAX} service accounts")
        return associations

    @model_validator(mode="after")
    def _someone(self) -> RoleTrust:
        if not (self.services or self.principals or self.oidc or self.eks_pod_identity):
            raise ValueError("name at least one of services, principals, oidc or eksPodIdentity")
        return self


ECS_TASKS = RoleTrust(services=("ecs-tasks.amazonaws.com",))
"""The default trust: ECS tasks of this account."""


AwsCredentials = Literal["key", "role"]
AwsKeyDelivery = Literal["output", "secretsManager", "ssm"]


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


CLOUDFRONT_CERTIFICATE_REGION = "us-east-1"
"""CloudFront takes ACM certificates from this region only, whatever the buckets' region."""

_ACM_ARN = re.compile(r"arn:aws[a-z-]*:acm:(?P<region>[a-z]{2}(-[a-z]+)+-\d{1,2}):\d{12}:certificate/[0-9a-f-]{36}")


def _check_certificate_arn(arn: str) -> str:
    match = _ACM_ARN.fullmatch(arn)
    if not match:
        raise ValueError(
            "expected an ACM certificate ARN such as "
            "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d"
        )
    if match.group("region") != CLOUDFRONT_CERTIFICATE_REGION:
        raise ValueError(
            f"CloudFront only takes certificates from ACM in {CLOUDFRONT_CERTIFICATE_REGION}; this one is in "
            f"{match.group('region')}: request or import the certificate in {CLOUDFRONT_CERTIFICATE_REGION}"
        )
    return arn


CertificateArn = Annotated[str, AfterValidator(_check_certificate_arn)]
PriceClass = Literal["PriceClass_100", "PriceClass_200", "PriceClass_All"]


class AwsCdn(Model):
    """CloudFront in front of the media buckets (`media-storage:cdn`: `true` or an object)."""

    private_delivery: bool = False
    """Also serve private media through a second distribution whose links are signed with a key pair the
    stack generates (`AWS_CLOUDFRONT_KEY_ID`, `AWS_CLOUDFRONT_KEY`); otherwise private media keeps S3 links."""

    domain: Hostname | None = None
    """Custom domain of the public distribution, e.g. `media.example.com` (needs `certificateArn`);
    by default the distribution's `*.cloudfront.net` domain."""

    certificate_arn: CertificateArn | None = None
    """ACM certificate in us-east-1 covering `domain` (CloudFront then requires TLS 1.2 or newer)."""

    price_class: PriceClass = "PriceClass_100"
    """Edge locations that serve media: `PriceClass_100` (North America, Europe), `PriceClass_200`, `PriceClass_All`."""

    signing_key_generations: tuple[KeyGeneration, ...] = ("1",)
    """With `privateDelivery`, one signing key pair per label (at most 2, all trusted); the last signs links."""

    access_logs: bool = False
    """Deliver CloudFront standard logs (v2) of every distribution to a log bucket the stack creates
    (no ACLs, all public access blocked, expired after `accessLogRetentionDays`)."""

    access_log_retention_days: int = Field(default=90, ge=1, le=3650)
    """With `accessLogs`, days access logs are kept."""

    @field_validator("signing_key_generations")
    @classmethod
    def _signing_generations(cls, generations: tuple[str, ...]) -> tuple[str, ...]:
        if not 1 <= len(generations) <= 2:
            raise ValueError("list one or two labels: the newest signs links, the other stays trusted while rotating")
        if len(set(generations)) != len(generations):
            raise ValueError("labels must differ")
        return generations

    @model_validator(mode="after")
    def _domain_with_certificate(self) -> AwsCdn:
        if (self.domain is None) != (self.certificate_arn is None):
            raise ValueError("set domain and certificateArn together: a custom domain needs a certificate covering it")
        if "signing_key_generations" in self.model_fields_set and not self.private_delivery:
            raise ValueError("signingKeyGenerations only applies with privateDelivery: true")
        if "access_log_retention_days" in self.model_fields_set and not self.access_logs:
            raise ValueError("accessLogRetentionDays only applies with accessLogs: true")
        return self


class AwsMediaStorageArgs(MediaStorageArgsBase):
    """Arguments of `AwsMediaStorage`; the stack program fills them from `media-storage:*` config."""

    credentials: AwsCredentials = "key"
    """`key`: an IAM user with an access key; `role`: an IAM role the workload assumes, no keys."""

    role_trust: RoleTrust | None = None
    """With `credentials: role`, who may assume the role (default: ECS tasks of this account)."""

    access_key_generations: tuple[KeyGeneration, ...] = ("1",)
    """With `credentials: key`, one access key per label (at most 2); the last is exported (see key rotation)."""

    key_delivery: tuple[AwsKeyDelivery, ...] = ("output",)
    """With `credentials: key`, where the newest key goes: the `env` output, a Secrets Manager secret and/or
    SSM SecureString parameters (e.g. `[secretsManager]`: the env then carries no keys)."""

    bucket_names: BucketNames = BucketNames()
    """Existing bucket names to adopt; see `bucketNames.*`."""

    endpoint_url: EndpointUrl | None = None
    """S3 endpoint of a local emulator (localhost, 127.0.0.1 or [::1] only), e.g. `http://127.0.0.1:5000`;
    switches the app to path-style addressing."""

    require_tls: bool = True
    """Deny requests without TLS. May be false only with a plain-http loopback `endpointUrl` (an emulator)."""

    region: Region | None = None
    """Region of the buckets; by default the provider's (the stack program passes `aws:region`)."""

    cdn: AwsCdn | None = None
    """CloudFront in front of the buckets (`true` or an object; see the `cdn.*` rows); the public bucket is then
    readable only through its distribution."""

    @field_validator("cdn", mode="before")
    @classmethod
    def _cdn_on_or_off(cls, cdn: object) -> object:
        if cdn is True:
            return {}
        return None if cdn is False else cdn

    @field_validator("cdn")
    @classmethod
    def _cdn_needs_real_s3(cls, cdn: AwsCdn | None, info: ValidationInfo) -> AwsCdn | None:
        if cdn is None:
            return cdn
        if info.data.get("endpoint_url"):
            raise ValueError("CloudFront cannot reach an emulator's endpointUrl; leave cdn out for emulators")
        if info.data.get("custom_domain"):
            raise ValueError(
                "with a CDN, set the public domain as cdn.domain (with cdn.certificateArn), not customDomain"
            )
        return cdn

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

    @field_validator("key_delivery", mode="before")
    @classmethod
    def _one_delivery_or_several(cls, delivery: object) -> object:
        return one_or_several(delivery)

    @field_validator("key_delivery")
    @classmethod
    def _key_delivery(cls, delivery: tuple[str, ...], info: ValidationInfo) -> tuple[str, ...]:
        places = get_args(AwsKeyDelivery)
        credentials = info.data.get("credentials")
        return checked_key_delivery(
            delivery, credentials, keyless="role", keyless_note="a role has no keys", places=places
        )

    @field_validator("require_tls")
    @classmethod
    def _tls_only_off_for_emulators(cls, require_tls: bool, info: ValidationInfo) -> bool:
        if not require_tls and not is_loopback_http(info.data.get("endpoint_url")):
            raise ValueError(
                "may be false only when endpointUrl is a plain-http localhost/127.0.0.1 emulator; "
                "real buckets always deny requests without TLS"
            )
        return require_tls
