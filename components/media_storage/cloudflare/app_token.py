"""The app's R2 credentials: an account API token for the objects of exactly the media buckets.

R2's S3 credentials derive from the token, as Cloudflare documents
(https://developers.cloudflare.com/r2/api/tokens/, "Get S3 API credentials from an API
token"): the access key id is the token's id, the secret access key the SHA-256 hash (hex) of
the token's value.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass

import pulumi
import pulumi_cloudflare as cloudflare

from ..component_args import require_args

R2_BUCKET_ITEM_READ = "6a018a9f2fc74eb6b293b0c548f38b39"
"""Permission group "Workers R2 Storage Bucket Item Read": read and list one bucket's objects."""

R2_BUCKET_ITEM_WRITE = "2efd5506f9c8494dacb1fa10a3e7d5b6"
"""Permission group "Workers R2 Storage Bucket Item Write": write and delete one bucket's objects."""

APP_PERMISSION_GROUPS = (R2_BUCKET_ITEM_READ, R2_BUCKET_ITEM_WRITE)
"""Together the dashboard's "Object Read & Write", scoped to buckets (no bucket administration)."""


def bucket_resource(account_id: str, bucket_name: str, jurisdiction: str = "default") -> str:
    """The token policy resource naming one R2 bucket."""
    return f"com.cloudflare.edge.r2.bucket.{account_id}_{jurisdiction}_{bucket_name}"


def s3_secret_access_key(token_value: str) -> str:
    """R2's S3 secret access key of a token: the SHA-256 hex digest of its value."""
    return hashlib.sha256(token_value.encode()).hexdigest()


@dataclass(frozen=True)
class AppTokenArgs:
    """Arguments of an `AppToken`."""

    token_name: pulumi.Input[str]
    """The token's name in the Cloudflare dashboard."""

    account_id: str
    """The account that owns the token and the buckets."""

    bucket_names: Sequence[pulumi.Input[str]]
    """The buckets whose objects the token may read and write; nothing else."""


class AppToken(pulumi.ComponentResource):
    """An account API token limited to the objects of the media buckets, and its S3 credentials."""

    access_key_id: pulumi.Output[str]
    """The S3 access key id: the token's id (a Pulumi secret)."""

    secret_access_key: pulumi.Output[str]
    """The S3 secret access key: SHA-256 of the token's value (a Pulumi secret)."""

    def __init__(self, name: str, args: AppTokenArgs, opts: pulumi.ResourceOptions | None = None) -> None:
        require_args("AppToken", args, AppTokenArgs)
        if not args.bucket_names:
            raise ValueError("a token without buckets would need account-wide resources")
        super().__init__("media-storage:cloudflare:AppToken", name, None, opts)
        resources = pulumi.Output.all(*args.bucket_names).apply(
            lambda names: json.dumps({bucket_resource(args.account_id, bucket): "*" for bucket in names})
        )
        token = cloudflare.AccountToken(
            f"{name}-token",
            account_id=args.account_id,
            name=args.token_name,
            policies=[
                {
                    "effect": "allow",
                    "permission_groups": [{"id": group} for group in APP_PERMISSION_GROUPS],
                    "resources": resources,
                }
            ],
            opts=pulumi.ResourceOptions(parent=self, additional_secret_outputs=["value"]),
        )
        self.access_key_id = pulumi.Output.secret(token.id)
        self.secret_access_key = pulumi.Output.secret(token.value.apply(s3_secret_access_key))
        self.register_outputs({})
