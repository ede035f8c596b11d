"""The app's Spaces access key: read and write on exactly the two media Spaces."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pulumi
import pulumi_digitalocean as digitalocean

from ..component_args import require_args

APP_PERMISSION = "readwrite"
"""A per-bucket grant: list, read, write and delete objects of that bucket, nothing else."""


@dataclass(frozen=True)
class AppKeyArgs:
    """Arguments of an `AppKey`."""

    key_name: pulumi.Input[str]
    """The key's name in the DigitalOcean control panel."""

    bucket_names: Sequence[pulumi.Input[str]]
    """The Spaces the key may use; it gets `readwrite` on each and on nothing else."""


class AppKey(pulumi.ComponentResource):
    """A Spaces access key scoped to the media Spaces (never a `fullaccess` key)."""

    access_key_id: pulumi.Output[str]
    """The key's access key id (a Pulumi secret)."""

    secret_access_key: pulumi.Output[str]
    """The key's secret (a Pulumi secret)."""

    def __init__(self, name: str, args: AppKeyArgs, opts: pulumi.ResourceOptions | None = None) -> None:
        require_args("AppKey", args, AppKeyArgs)
        if not args.bucket_names:
            raise ValueError("a Spaces key without bucket grants would be a full-access key")
        super().__init__("media-storage:digitalocean:AppKey", name, None, opts)
        key = digitalocean.SpacesKey(
            f"{name}-key",
            name=args.key_name,
            grants=[{"bucket": bucket, "permission": APP_PERMISSION} for bucket in args.bucket_names],
            opts=pulumi.ResourceOptions(parent=self, additional_secret_outputs=["secretKey"]),
        )
        # The provider's schema does not mark the secret secret; wrapping both keeps them secret wherever they flow.
        self.access_key_id = pulumi.Output.secret(key.access_key)
        self.secret_access_key = pulumi.Output.secret(key.secret_key)
        self.register_outputs({})
