"""The app's access key kept in a secret store (Secrets Manager or SSM Parameter Store), not in stack outputs.

The deploy tooling (an ECS task definition's `secrets`, External Secrets on Kubernetes) reads
the store and injects the key into the app's environment as `AWS_ACCESS_KEY_ID` /
`AWS_SECRET_ACCESS_KEY`. Both stores encrypt with their AWS-managed KMS key (`aws/secretsmanager`,
`aws/ssm`): no key id is set, so none can be swapped for a key a stranger controls.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass

import pulumi
import pulumi_aws as aws

from .. import env_contract as env_names
from ..component_args import require_args
from ..tags import checked_media_tags


def credentials_secret_name(app: str, environment: str) -> str:
    """The Secrets Manager secret holding the app's key: `media-storage/<app>/<environment>/app-key`."""
    return f"media-storage/{app}/{environment}/app-key"


def credentials_parameter_prefix(app: str, environment: str) -> str:
    """The SSM path holding the app's key: `/media-storage/<app>/<environment>` (two parameters below it)."""
    return f"/media-storage/{app}/{environment}"


@dataclass(frozen=True)
class StoredKeysArgs:
    """Arguments of `CredentialsSecret` and `CredentialsParameters`."""

    app: str
    """The app's slug (names the secret or parameters)."""

    environment: str
    """The environment (names the secret or parameters)."""

    access_key_id: pulumi.Input[str]
    """The access key id to store (a Pulumi secret)."""

    secret_access_key: pulumi.Input[str]
    """The secret access key to store (a Pulumi secret)."""

    tags: Mapping[str, str] | None = None
    """Tags: `media-storage:app` and `media-storage:stack` are required (`media_tags(app, environment)`)."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "tags", checked_media_tags(type(self).__name__, self.tags))


class CredentialsSecret(pulumi.ComponentResource):
    """A Secrets Manager secret whose current version is JSON with `AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY`."""

    secret_arn: pulumi.Output[str]
    """The secret's ARN, exported as `AWS_MEDIA_CREDENTIALS_SECRET_ARN`."""

    def __init__(self, name: str, args: StoredKeysArgs, opts: pulumi.ResourceOptions | None = None) -> None:
        require_args("CredentialsSecret", args, StoredKeysArgs)
        super().__init__("media-storage:aws:CredentialsSecret", name, None, opts)
        child = pulumi.ResourceOptions(parent=self)
        secret_value = pulumi.ResourceOptions.merge(
            child, pulumi.ResourceOptions(additional_secret_outputs=["secret_string"])
        )
        secret = aws.secretsmanager.Secret(
            f"{name}-secret",
            name=credentials_secret_name(args.app, args.environment),
            description=f"Access key of the media storage app {args.app} ({args.environment})",
            tags=dict(args.tags or {}),
            opts=child,
        )
        value = pulumi.Output.all(args.access_key_id, args.secret_access_key).apply(
            lambda keys: json.dumps(
                {env_names.AWS_ACCESS_KEY_ID: keys[0], env_names.AWS_SECRET_ACCESS_KEY: keys[1]}, sort_keys=True
            )
        )
        aws.secretsmanager.SecretVersion(
            f"{name}-version",
            secret_id=secret.arn,
            secret_string=pulumi.Output.secret(value),
            opts=secret_value,
        )
        self.secret_arn = secret.arn
        self.register_outputs({"secret_arn": self.secret_arn})


class CredentialsParameters(pulumi.ComponentResource):
    """Two SSM SecureString parameters, `<prefix>/AWS_ACCESS_KEY_ID` and `<prefix>/AWS_SECRET_ACCESS_KEY`."""

    prefix: pulumi.Output[str]
    """The parameters' path, exported as `AWS_MEDIA_CREDENTIALS_SSM_PREFIX`."""

    def __init__(self, name: str, args: StoredKeysArgs, opts: pulumi.ResourceOptions | None = None) -> None:
        require_args("CredentialsParameters", args, StoredKeysArgs)
        super().__init__("media-storage:aws:CredentialsParameters", name, None, opts)
        child = pulumi.ResourceOptions(parent=self)
        prefix = credentials_parameter_prefix(args.app, args.environment)
        for variable, value in (
            (env_names.AWS_ACCESS_KEY_ID, args.access_key_id),
            (env_names.AWS_SECRET_ACCESS_KEY, args.secret_access_key),
        ):
            aws.ssm.Parameter(
                f"{name}-{variable.lower().replace('_', '-')}",
                name=f"{prefix}/{variable}",
                type="SecureString",
                value=pulumi.Output.secret(value),
                description=f"{variable} of the media storage app {args.app} ({args.environment})",
                tags=dict(args.tags or {}),
                opts=pulumi.ResourceOptions.merge(child, pulumi.ResourceOptions(additional_secret_outputs=["value"])),
            )
        self.prefix = pulumi.Output.from_input(prefix)
        self.register_outputs({"prefix": self.prefix})
