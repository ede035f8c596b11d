"""An IAM user for the app, with an inline policy and access keys."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pulumi
import pulumi_aws as aws

from ..component_args import require_args
from ..tags import checked_media_tags


@dataclass(frozen=True)
class AppUserArgs:
    """Arguments of an `AppUser`."""

    user_name: pulumi.Input[str]
    """The IAM user's name."""

    policy: pulumi.Input[str]
    """The inline policy (JSON), the user's only permissions."""

    key_generations: Sequence[str] = ("1",)
    """One access key per label; at most two, so a new key can go live before the old one is removed."""

    tags: Mapping[str, str] | None = None
    """Tags of the user: `media-storage:app` and `media-storage:stack` are required
    (`media_tags(app, environment)`)."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "tags", checked_media_tags("AppUserArgs", self.tags))


class AppUser(pulumi.ComponentResource):
    """An IAM user whose only permissions are one inline policy, and its access keys.

    The newest key (the last generation) is the one exported; rotating means adding a
    generation, redeploying the app with the new key, then removing the old generation.
    """

    user_name: pulumi.Output[str]
    """The user's name."""

    user_arn: pulumi.Output[str]
    """The user's ARN."""

    access_key_id: pulumi.Output[str]
    """The id of the newest access key (a Pulumi secret)."""

    secret_access_key: pulumi.Output[str]
    """The secret of the newest access key (a Pulumi secret)."""

    def __init__(self, name: str, args: AppUserArgs, opts: pulumi.ResourceOptions | None = None) -> None:
        require_args("AppUser", args, AppUserArgs)
        super().__init__("media-storage:aws:AppUser", name, None, opts)
        if not 1 <= len(args.key_generations) <= 2:
            raise ValueError("an IAM user holds one or two access keys")
        child = pulumi.ResourceOptions(parent=self)
        user = aws.iam.User(f"{name}-user", name=args.user_name, tags=dict(args.tags or {}), opts=child)
        aws.iam.UserPolicy(f"{name}-policy", user=user.name, policy=args.policy, opts=child)
        keys = [
            aws.iam.AccessKey(
                f"{name}-key-{generation}",
                user=user.name,
                opts=pulumi.ResourceOptions.merge(child, pulumi.ResourceOptions(additional_secret_outputs=["secret"])),
            )
            for generation in args.key_generations
        ]
        newest = keys[-1]
        self.user_name = user.name
        self.user_arn = user.arn
        # The engine marks `secret` as secret from the provider's schema; wrapping both here
        # keeps them secret wherever they flow, also under mocks.
        self.access_key_id = pulumi.Output.secret(newest.id)
        self.secret_access_key = pulumi.Output.secret(newest.secret)
        self.register_outputs({"user_name": self.user_name, "user_arn": self.user_arn})
