"""IAM and bucket policy documents, as plain dicts built from ARNs.

Pure functions (no resources) so each statement can be tested alone and the policy pack's
tests can feed the same documents to the policies.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

PolicyDocument = dict[str, Any]

VERSION = "2012-10-17"

APP_OBJECT_ACTIONS = ("s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload")
"""What django-storages does with objects: open, save (also multipart), delete, abort uploads."""

APP_BUCKET_ACTIONS = ("s3:ListBucket",)
"""`exists()` and `listdir()`; without it S3 answers 403 instead of 404 and saves fail."""

PUBLIC_READ_SID = "PublicReadObjects"
DENY_INSECURE_TRANSPORT_SID = "DenyInsecureTransport"
CLOUDFRONT_READ_SID = "CloudFrontReadsObjects"
CLOUDFRONT_SERVICE = "cloudfront.amazonaws.com"
LOG_DELIVERY_SID = "LogDeliveryWritesLogs"
LOG_DELIVERY_SERVICE = "delivery.logs.amazonaws.com"
LOG_DELIVERY_REGION = "us-east-1"
"""CloudFront's logs are delivered by CloudWatch Logs in us-east-1, wherever the bucket is."""


def objects_arn(bucket_arn: str) -> str:
    """The ARN of every object in a bucket."""
    return f"{bucket_arn}/*"


def public_read_statement(bucket_arn: str) -> dict[str, Any]:
    """Anyone may read objects (`s3:GetObject`); nothing else, and no listing."""
    return {
        "Sid": PUBLIC_READ_SID,
        "Effect": "Allow",
        "Principal": "*",
        "Action": "s3:GetObject",
        "Resource": objects_arn(bucket_arn),
    }


def deny_insecure_transport_statement(bucket_arn: str) -> dict[str, Any]:
    """Every request that does not use TLS is denied, for every principal."""
    return {
        "Sid": DENY_INSECURE_TRANSPORT_SID,
        "Effect": "Deny",
        "Principal": "*",
        "Action": "s3:*",
        "Resource": [bucket_arn, objects_arn(bucket_arn)],
        "Condition": {"Bool": {"aws:SecureTransport": "false"}},
    }


def cloudfront_read_statement(bucket_arn: str, distribution_arn: str) -> dict[str, Any]:
    """One CloudFront distribution may read objects, through its origin access control; nobody else.

    `AWS:SourceArn` pins the CloudFront service to this distribution: without it, any
    distribution of any account could read the bucket."""
    return {
        "Sid": CLOUDFRONT_READ_SID,
        "Effect": "Allow",
        "Principal": {"Service": CLOUDFRONT_SERVICE},
        "Action": "s3:GetObject",
        "Resource": objects_arn(bucket_arn),
        "Condition": {"StringEquals": {"AWS:SourceArn": distribution_arn}},
    }


def log_delivery_statement(bucket_arn: str, account_id: str) -> dict[str, Any]:
    """CloudWatch Logs may write vended logs (CloudFront standard logging v2) under `AWSLogs/ACCOUNT/`,
    for delivery sources of this account only."""
    return {
        "Sid": LOG_DELIVERY_SID,
        "Effect": "Allow",
        "Principal": {"Service": LOG_DELIVERY_SERVICE},
        "Action": "s3:PutObject",
        "Resource": f"{bucket_arn}/AWSLogs/{account_id}/*",
        "Condition": {
            "StringEquals": {"aws:SourceAccount": account_id, "s3:x-amz-acl": "bucket-owner-full-control"},
            "ArnLike": {"aws:SourceArn": f"arn:aws:logs:{LOG_DELIVERY_REGION}:{account_id}:delivery-source:*"},
        },
    }


def bucket_policy(
    bucket_arn: str,
    *,
    public_read: bool,
    require_tls: bool,
    distribution_arn: str | None = None,
    log_delivery_account: str | None = None,
) -> PolicyDocument:
    """The bucket policy of a media bucket: TLS only and, for public media, anonymous reads;
    with `distribution_arn`, reads by that CloudFront distribution instead of anyone's."""
    if public_read and distribution_arn:
        raise ValueError("a bucket behind a CloudFront distribution is read through it, never anonymously")
    statements = []
    if require_tls:
        statements.append(deny_insecure_transport_statement(bucket_arn))
    if public_read:
        statements.append(public_read_statement(bucket_arn))
    if distribution_arn:
        statements.append(cloudfront_read_statement(bucket_arn, distribution_arn))
    if log_delivery_account:
        statements.append(log_delivery_statement(bucket_arn, log_delivery_account))
    if not statements:
        raise ValueError("a bucket policy needs at least one statement")
    return {"Version": VERSION, "Statement": statements}


def app_access_policy(bucket_arns: Sequence[str]) -> PolicyDocument:
    """What the app may do: list the media buckets and read/write/delete their objects, nothing else."""
    return {
        "Version": VERSION,
        "Statement": [
            {
                "Sid": "ListMediaBuckets",
                "Effect": "Allow",
                "Action": list(APP_BUCKET_ACTIONS),
                "Resource": list(bucket_arns),
            },
            {
                "Sid": "ReadWriteMediaObjects",
                "Effect": "Allow",
                "Action": list(APP_OBJECT_ACTIONS),
                "Resource": [objects_arn(arn) for arn in bucket_arns],
            },
        ],
    }


EKS_PODS_SERVICE = "pods.eks.amazonaws.com"
"""The service principal EKS Pod Identity assumes roles as."""

POD_IDENTITY_TAGS = ("eks-cluster-name", "kubernetes-namespace", "kubernetes-service-account")
"""Session tags EKS Pod Identity passes when it assumes a role for a pod (cluster, namespace, service account)."""


def pod_identity_statement(
    account_id: str, cluster_name: str, namespace: str, service_account: str, index: int = 0
) -> dict[str, Any]:
    """EKS Pod Identity may assume the role for one service account of one cluster of this account.

    All four conditions hold together in one statement: several service accounts get one
    statement each, never lists of values that would also admit their combinations.
    """
    tags = dict(zip(POD_IDENTITY_TAGS, (cluster_name, namespace, service_account), strict=True))
    return {
        "Sid": f"AssumedByEksPodIdentity{index}",
        "Effect": "Allow",
        "Principal": {"Service": EKS_PODS_SERVICE},
        "Action": ["sts:AssumeRole", "sts:TagSession"],
        "Condition": {
            "StringEquals": {
                "aws:SourceAccount": account_id,
                **{f"aws:RequestTag/{tag}": value for tag, value in tags.items()},
            }
        },
    }


def assume_role_policy(
    *,
    account_id: str,
    services: Sequence[str] = (),
    principals: Sequence[str] = (),
    oidc_provider_arn: str | None = None,
    oidc_subjects: Sequence[str] = (),
    oidc_audience: str = "sts.amazonaws.com",
    eks_pod_identities: Sequence[tuple[str, str, str]] = (),
) -> PolicyDocument:
    """Who may assume the app's role.

    Service principals (e.g. ECS tasks) only on behalf of this account (`aws:SourceAccount`,
    the confused-deputy guard AWS recommends); named AWS principals as given; an OIDC
    provider (EKS IRSA) only for the exact `oidc_subjects` and the one `oidc_audience`; EKS
    Pod Identity only for this account and each (cluster, namespace, service account) of
    `eks_pod_identities`, through the session tags it passes.
    """
    statements: list[dict[str, Any]] = []
    if services:
        statements.append(
            {
                "Sid": "AssumedByServices",
                "Effect": "Allow",
                "Principal": {"Service": sorted(services)},
                "Action": "sts:AssumeRole",
                "Condition": {"StringEquals": {"aws:SourceAccount": account_id}},
            }
        )
    if principals:
        statements.append(
            {
                "Sid": "AssumedByPrincipals",
                "Effect": "Allow",
                "Principal": {"AWS": sorted(principals)},
                "Action": "sts:AssumeRole",
            }
        )
    if oidc_provider_arn:
        if not oidc_subjects:
            raise ValueError("an OIDC trust needs at least one exact subject")
        issuer = oidc_provider_arn.split(":oidc-provider/", 1)[1]
        statements.append(
            {
                "Sid": "AssumedByServiceAccount",
                "Effect": "Allow",
                "Principal": {"Federated": oidc_provider_arn},
                "Action": "sts:AssumeRoleWithWebIdentity",
                "Condition": {
                    "StringEquals": {
                        # One subject stays a string: the document of existing roles does not change.
                        f"{issuer}:sub": oidc_subjects[0] if len(oidc_subjects) == 1 else list(oidc_subjects),
                        f"{issuer}:aud": oidc_audience,
                    }
                },
            }
        )
    statements += [
        pod_identity_statement(account_id, *association, index=index)
        for index, association in enumerate(eks_pod_identities)
    ]
    if not statements:
        raise ValueError("a role needs at least one principal that may assume it")
    return {"Version": VERSION, "Statement": statements}
