"""Media storage for one app environment on Cloudflare R2: two buckets, a token and the env."""

from __future__ import annotations

import pulumi

from .. import env_contract as env_names
from ..component_args import claim_app_environment, validated_args
from ..import_heap import freeze_environment
from ..naming import s3_bucket_name, scoped_name
from ..settings.cloudflare import CloudflareMediaStorageArgs
from .app_token import AppToken, AppTokenArgs
from .media_bucket import R2MediaBucket, R2MediaBucketArgs


class CloudflareMediaStorage(pulumi.ComponentResource):
    """Public- and private-media R2 buckets for one app environment, an API token limited to
    their objects, and the `env` that configures django-storages' S3 backend."""

    public_bucket: R2MediaBucket
    """The public-media bucket."""

    private_bucket: R2MediaBucket
    """The private-media bucket."""

    credentials: AppToken
    """The app's token and the S3 credentials derived from it."""

    env: dict[str, pulumi.Output[str]]
    """The env contract: variable name to value; the keys are Pulumi secrets."""

    def __init__(self, name: str, args: CloudflareMediaStorageArgs, opts: pulumi.ResourceOptions | None = None) -> None:
        args = validated_args("CloudflareMediaStorage", args, CloudflareMediaStorageArgs)
        claim_app_environment("cloudflare", "CloudflareMediaStorage", name, args.app, args.environment)
        super().__init__("media-storage:cloudflare:MediaStorage", name, None, opts)
        child = pulumi.ResourceOptions(parent=self)
        buckets = {}
        for visibility in ("public", "private"):
            public = visibility == "public"
            buckets[visibility] = R2MediaBucket(
                f"{name}-{visibility}",
                R2MediaBucketArgs(
                    account_id=args.account_id,
                    bucket_name=s3_bucket_name(args.app, args.environment, visibility, args.account_id),
                    visibility=visibility,
                    lifecycle=args.lifecycle,
                    cors_origins=args.cors_origins,
                    browser_uploads=args.browser_uploads,
                    cors_max_age_seconds=args.cors_max_age_seconds,
                    custom_domain=args.custom_domain if public else None,
                    custom_domain_zone_id=args.custom_domain_zone_id if public else None,
                    location_hint=args.location_hint,
                    protect=args.protect,
                ),
                opts=child,
            )
        self.public_bucket, self.private_bucket = buckets["public"], buckets["private"]
        self.credentials = AppToken(
            f"{name}-app",
            AppTokenArgs(
                token_name=scoped_name(args.app, args.environment, "media"),
                account_id=args.account_id,
                bucket_names=[self.public_bucket.bucket_name, self.private_bucket.bucket_name],
            ),
            opts=child,
        )
        self.env = self._env(args)
        self.register_outputs({"env": self.env})
        # What this environment registered lives until the engine answers: out of the collector's way.
        freeze_environment()

    def _env(self, args: CloudflareMediaStorageArgs) -> dict[str, pulumi.Output[str]]:
        def value(text: str) -> pulumi.Output[str]:
            return pulumi.Output.from_input(text)

        env = {
            env_names.MEDIA_STORAGE_BACKEND: value(env_names.S3_BACKEND),
            env_names.AWS_STORAGE_BUCKET_NAME: self.public_bucket.bucket_name,
            env_names.AWS_PRIVATE_STORAGE_BUCKET_NAME: self.private_bucket.bucket_name,
            env_names.AWS_S3_REGION_NAME: value(env_names.R2_REGION),
            env_names.AWS_S3_ENDPOINT_URL: value(env_names.r2_endpoint(args.account_id)),
            env_names.AWS_S3_SIGNATURE_VERSION: value(env_names.SIGNATURE_VERSION),
            env_names.AWS_S3_ADDRESSING_STYLE: value("path"),
            env_names.AWS_QUERYSTRING_EXPIRE: value(str(args.url_expiry_seconds)),
            env_names.AWS_ACCESS_KEY_ID: self.credentials.access_key_id,
            env_names.AWS_SECRET_ACCESS_KEY: self.credentials.secret_access_key,
        }
        if self.public_bucket.public_domain is not None:  # always, for the public bucket
            env[env_names.AWS_S3_CUSTOM_DOMAIN] = self.public_bucket.public_domain
        return env
