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


def bucket_policy(bucket_arn: str, *, public_read: bool, require_tls: bool) -> PolicyDocument:
    """The bucket policy of a media bucket: TLS only and, for public media, anonymous reads."""
    statements = []
    if require_tls:
        statements.append(deny_insecure_transport_statement(bucket_arn))
    if public_read:
        statements.append(public_read_statement(bucket_arn))
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


def assume_role_policy(
    *,
    account_id: str,
    services: Sequence[str] = (),
    principals: Sequence[str] = (),
    oidc_provider_arn: str | None = None,
    oidc_subject: str | None = None,
) -> PolicyDocument:
    """Who may assume the app's role.

    Service principals (e.g. ECS tasks) only on behalf of this account (`aws:SourceAccount`,
    the confused-deputy guard AWS recommends); named AWS principals as given; an OIDC
    provider (EKS IRSA) only for the one service account `oidc_subject`.
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
        issuer = oidc_provider_arn.split(":oidc-provider/", 1)[1]
        statements.append(
            {
                "Sid": "AssumedByServiceAccount",
                "Effect": "Allow",
                "Principal": {"Federated": oidc_provider_arn},
                "Action": "sts:AssumeRoleWithWebIdentity",
                "Condition": {
                    "StringEquals": {
                        f"{issuer}:sub": oidc_subject,
                        f"{issuer}:aud": "sts.amazonaws.com",
                    }
                },
            }
        )
    if not statements:
        raise ValueError("a role needs at least one principal that may assume it")
    return {"Version": VERSION, "Statement": statements}
