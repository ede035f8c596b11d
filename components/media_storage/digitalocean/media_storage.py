"""Media storage for one app environment on DigitalOcean Spaces: two Spaces, a key and the env."""

from __future__ import annotations

import pulumi
import pulumi_digitalocean as digitalocean

from .. import env_contract as env_names
from ..component_args import claim_app_environment, validated_args
from ..import_heap import freeze_environment
from ..naming import s3_bucket_name, scoped_name
from ..settings.digitalocean import DigitalOceanMediaStorageArgs
from .app_key import AppKey, AppKeyArgs
from .media_bucket import SpacesMediaBucket, SpacesMediaBucketArgs


class DigitalOceanMediaStorage(pulumi.ComponentResource):
    """Public- and private-media Spaces for one app environment, a Spaces key limited to them,
    and the `env` that configures django-storages' S3 backend.

    No bucket policy: DigitalOcean refuses one on a Space a limited-access key uses. Public
    media are readable by their object ACL: the env carries `AWS_DEFAULT_ACL=public-read`, which
    the Django helper applies to the public storage only.
    """

    public_bucket: SpacesMediaBucket
    """The public-media Space."""

    private_bucket: SpacesMediaBucket
    """The private-media Space."""

    credentials: AppKey
    """The app's Spaces key."""

    env: dict[str, pulumi.Output[str]]
    """The env contract: variable name to value; the keys are Pulumi secrets."""

    def __init__(
        self, name: str, args: DigitalOceanMediaStorageArgs, opts: pulumi.ResourceOptions | None = None
    ) -> None:
        args = validated_args("DigitalOceanMediaStorage", args, DigitalOceanMediaStorageArgs)
        claim_app_environment("digitalocean", "DigitalOceanMediaStorage", name, args.app, args.environment)
        super().__init__("media-storage:digitalocean:MediaStorage", name, None, opts)
        child = pulumi.ResourceOptions(parent=self)
        # Space names are unique across all of DigitalOcean: the digest of the account keeps
        # two customers with the same app and stack apart.
        account_uuid = digitalocean.get_account_output(opts=pulumi.InvokeOutputOptions(parent=self)).uuid
        buckets = {}
        for visibility in ("public", "private"):
            buckets[visibility] = SpacesMediaBucket(
                f"{name}-{visibility}",
                SpacesMediaBucketArgs(
                    bucket_name=account_uuid.apply(
                        lambda account, v=visibility: s3_bucket_name(args.app, args.environment, v, account)
                    ),
                    region=args.region,
                    visibility=visibility,
                    lifecycle=args.lifecycle,
                    versioning=getattr(args.versioning, visibility),
                    cors_origins=args.cors_origins,
                    browser_uploads=args.browser_uploads,
                    cors_max_age_seconds=args.cors_max_age_seconds,
                    protect=args.protect,
                ),
                opts=child,
            )
        self.public_bucket, self.private_bucket = buckets["public"], buckets["private"]
        self.credentials = AppKey(
            f"{name}-app",
            AppKeyArgs(
                key_name=scoped_name(args.app, args.environment, "media"),
                bucket_names=[self.public_bucket.bucket_name, self.private_bucket.bucket_name],
            ),
            opts=child,
        )
        self.env = self._env(args)
        self.register_outputs({"env": self.env})
        # What this environment registered lives until the engine answers: out of the collector's way.
        freeze_environment()

    def _env(self, args: DigitalOceanMediaStorageArgs) -> dict[str, pulumi.Output[str]]:
        def value(text: str) -> pulumi.Output[str]:
            return pulumi.Output.from_input(text)

        env = {
            env_names.MEDIA_STORAGE_BACKEND: value(env_names.S3_BACKEND),
            env_names.AWS_STORAGE_BUCKET_NAME: self.public_bucket.bucket_name,
            env_names.AWS_PRIVATE_STORAGE_BUCKET_NAME: self.private_bucket.bucket_name,
            env_names.AWS_S3_REGION_NAME: value(args.region),
            env_names.AWS_S3_ENDPOINT_URL: value(env_names.spaces_endpoint(args.region)),
            env_names.AWS_S3_SIGNATURE_VERSION: value(env_names.SIGNATURE_VERSION),
            env_names.AWS_S3_ADDRESSING_STYLE: value("virtual"),
            env_names.AWS_QUERYSTRING_EXPIRE: value(str(args.url_expiry_seconds)),
            env_names.AWS_ACCESS_KEY_ID: self.credentials.access_key_id,
            env_names.AWS_SECRET_ACCESS_KEY: self.credentials.secret_access_key,
            env_names.AWS_DEFAULT_ACL: value(env_names.PUBLIC_READ_ACL),
        }
        if args.custom_domain:
            env[env_names.AWS_S3_CUSTOM_DOMAIN] = value(args.custom_domain)
        return env
