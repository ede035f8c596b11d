"""Media storage for one app environment on AWS: two buckets, credentials and the env."""

from __future__ import annotations

import json
from collections.abc import Callable

import pulumi
import pulumi_aws as aws

from .. import env_contract as env_names
from ..component_args import claim_app_environment, validated_args
from ..dsn import s3_dsn
from ..import_heap import freeze_environment
from ..naming import s3_bucket_name, scoped_name
from ..settings.aws import ECS_TASKS, AwsMediaStorageArgs
from ..tags import media_tags
from .access_logs import AccessLogs, AccessLogsArgs
from .app_role import AppRole, AppRoleArgs
from .app_user import AppUser, AppUserArgs
from .media_bucket import MediaBucket, MediaBucketArgs
from .media_distribution import MediaDistribution, MediaDistributionArgs, cloudfront_name
from .policy_documents import app_access_policy
from .signing_keys import SigningKeys, SigningKeysArgs
from .stored_keys import CredentialsParameters, CredentialsSecret, StoredKeysArgs


class AwsMediaStorage(pulumi.ComponentResource):
    """Public- and private-media S3 buckets for one app environment, least-privilege
    credentials for the app, and the `env` that configures django-storages."""

    public_bucket: MediaBucket
    """The public-media bucket."""

    private_bucket: MediaBucket
    """The private-media bucket."""

    credentials: AppUser | AppRole
    """The app's IAM user (`credentials: key`) or role (`credentials: role`)."""

    distributions: dict[str, MediaDistribution]
    """With `cdn`, the CloudFront distribution per visibility (`public`, and `private` with `privateDelivery`)."""

    signing_keys: SigningKeys | None
    """With `cdn.privateDelivery`, the key pairs that sign private links and their key group."""

    access_logs: AccessLogs | None
    """With `cdn.accessLogs`, the log bucket and the distributions' log deliveries."""

    key_stores: list[CredentialsSecret | CredentialsParameters]
    """Where the key is kept besides (or instead of) the env (`keyDelivery`); empty in role mode."""

    env: dict[str, pulumi.Output[str]]
    """The env contract: variable name to value; credentials are Pulumi secrets."""

    def __init__(self, name: str, args: AwsMediaStorageArgs, opts: pulumi.ResourceOptions | None = None) -> None:
        args = validated_args("AwsMediaStorage", args, AwsMediaStorageArgs)
        claim_app_environment("aws", "AwsMediaStorage", name, args.app, args.environment)
        super().__init__("media-storage:aws:MediaStorage", name, None, opts)
        child = pulumi.ResourceOptions(parent=self)
        account_id = aws.get_caller_identity_output(opts=pulumi.InvokeOutputOptions(parent=self)).account_id

        self.distributions = {}
        self.signing_keys = None
        cdn = args.cdn
        if cdn is not None and cdn.private_delivery:
            self.signing_keys = SigningKeys(
                f"{name}-signing-keys",
                SigningKeysArgs(
                    resource_name=cloudfront_name(scoped_name(args.app, args.environment, "media-signers")),
                    generations=cdn.signing_key_generations,
                ),
                opts=child,
            )

        def fronted(visibility: str) -> Callable[[aws.s3.Bucket], pulumi.Output[str]] | None:
            if cdn is None or (visibility == "private" and self.signing_keys is None):
                return None

            def create(bucket: aws.s3.Bucket) -> pulumi.Output[str]:
                custom = visibility == "public" and cdn.domain is not None
                self.distributions[visibility] = MediaDistribution(
                    f"{name}-{visibility}-cdn",
                    MediaDistributionArgs(
                        bucket=bucket,
                        visibility=visibility,
                        resource_name=cloudfront_name(scoped_name(args.app, args.environment, f"{visibility}-media")),
                        cors_origins=args.cors_origins,
                        cors_max_age_seconds=args.cors_max_age_seconds,
                        price_class=cdn.price_class,
                        domain=cdn.domain if custom else None,
                        certificate_arn=cdn.certificate_arn if custom else None,
                        trusted_key_group_id=self.signing_keys.key_group_id if visibility == "private" else None,
                        tags=media_tags(args.app, args.environment, visibility),
                    ),
                    opts=child,
                )
                return self.distributions[visibility].distribution_arn

            return create

        buckets = {}
        for visibility in ("public", "private"):
            adopted = getattr(args.bucket_names, visibility)
            bucket_name = adopted or account_id.apply(
                lambda account, v=visibility: s3_bucket_name(args.app, args.environment, v, account)
            )
            buckets[visibility] = MediaBucket(
                f"{name}-{visibility}",
                MediaBucketArgs(
                    bucket_name=bucket_name,
                    visibility=visibility,
                    tags=media_tags(args.app, args.environment, visibility),
                    lifecycle=args.lifecycle,
                    versioning=getattr(args.versioning, visibility),
                    cors_origins=args.cors_origins,
                    browser_uploads=args.browser_uploads,
                    cors_max_age_seconds=args.cors_max_age_seconds,
                    require_tls=args.require_tls,
                    region=args.region,
                    protect=args.protect,
                    adopt_existing=adopted is not None,
                    distribution=fronted(visibility),
                ),
                opts=child,
            )
        self.public_bucket, self.private_bucket = buckets["public"], buckets["private"]

        self.access_logs = None
        if cdn is not None and cdn.access_logs:
            self.access_logs = AccessLogs(
                f"{name}-cdn-logs",
                AccessLogsArgs(
                    bucket_name=account_id.apply(
                        lambda account: s3_bucket_name(args.app, args.environment, "cdn-logs", account)
                    ),
                    resource_name=cloudfront_name(scoped_name(args.app, args.environment, "media")),
                    distributions={v: d.distribution_arn for v, d in self.distributions.items()},
                    account_id=account_id,
                    tags=media_tags(args.app, args.environment, "private"),
                    retention_days=cdn.access_log_retention_days,
                    region=args.region,
                    protect=args.protect,
                ),
                opts=child,
            )

        access_policy = pulumi.Output.all(self.public_bucket.bucket_arn, self.private_bucket.bucket_arn).apply(
            lambda arns: json.dumps(app_access_policy(arns))
        )
        tags = media_tags(args.app, args.environment)
        if args.credentials == "key":
            self.credentials = AppUser(
                f"{name}-app",
                AppUserArgs(
                    user_name=scoped_name(args.app, args.environment, "media"),
                    policy=access_policy,
                    key_generations=args.access_key_generations,
                    tags=tags,
                ),
                opts=child,
            )
            stored = StoredKeysArgs(
                app=args.app,
                environment=args.environment,
                access_key_id=self.credentials.access_key_id,
                secret_access_key=self.credentials.secret_access_key,
                tags=tags,
            )
            self.key_stores = [
                store(f"{name}-{delivery.lower()}", stored, opts=child)
                for delivery, store in (("secretsManager", CredentialsSecret), ("ssm", CredentialsParameters))
                if delivery in args.key_delivery
            ]
        else:
            self.key_stores = []
            self.credentials = AppRole(
                f"{name}-app",
                AppRoleArgs(
                    role_name=scoped_name(args.app, args.environment, "media"),
                    policy=access_policy,
                    account_id=account_id,
                    trust=args.role_trust or ECS_TASKS,
                    tags=tags,
                ),
                opts=child,
            )

        region = pulumi.Output.from_input(args.region) if args.region else self.public_bucket.bucket.region
        self.env = self._env(args, region)
        self.register_outputs({"env": self.env})
        # What this environment registered lives until the engine answers: out of the collector's way.
        freeze_environment()

    def _env(self, args: AwsMediaStorageArgs, region: pulumi.Output[str]) -> dict[str, pulumi.Output[str]]:
        def value(text: str) -> pulumi.Output[str]:
            return pulumi.Output.from_input(text)

        env = {
            env_names.MEDIA_STORAGE_BACKEND: value(env_names.S3_BACKEND),
            env_names.AWS_STORAGE_BUCKET_NAME: self.public_bucket.bucket_name,
            env_names.AWS_PRIVATE_STORAGE_BUCKET_NAME: self.private_bucket.bucket_name,
            env_names.AWS_S3_REGION_NAME: region,
            env_names.AWS_S3_SIGNATURE_VERSION: value(env_names.SIGNATURE_VERSION),
            env_names.AWS_S3_ADDRESSING_STYLE: value("path" if args.endpoint_url else "virtual"),
            env_names.AWS_QUERYSTRING_EXPIRE: value(str(args.url_expiry_seconds)),
        }
        if args.endpoint_url:
            env[env_names.AWS_S3_ENDPOINT_URL] = value(args.endpoint_url)
        public_domain: pulumi.Output[str] | None = None
        if "public" in self.distributions:
            public_domain = self.distributions["public"].domain_name
        elif args.custom_domain:
            public_domain = value(args.custom_domain)
        if public_domain is not None:
            env[env_names.AWS_S3_CUSTOM_DOMAIN] = public_domain
        if self.signing_keys is not None:
            # django-storages signs CloudFront links only through a custom domain: the private
            # storage gets the private distribution's domain and the signer together, never one alone.
            env[env_names.AWS_PRIVATE_S3_CUSTOM_DOMAIN] = self.distributions["private"].domain_name
            env[env_names.AWS_CLOUDFRONT_KEY_ID] = self.signing_keys.key_id
            env[env_names.AWS_CLOUDFRONT_KEY] = self.signing_keys.private_key_pem
        if isinstance(self.credentials, AppRole):
            env[env_names.AWS_ROLE_ARN] = self.credentials.role_arn
            return env

        for store in self.key_stores:
            if isinstance(store, CredentialsSecret):
                env[env_names.AWS_MEDIA_CREDENTIALS_SECRET_ARN] = store.secret_arn
            else:
                env[env_names.AWS_MEDIA_CREDENTIALS_SSM_PREFIX] = store.prefix
        if "output" not in args.key_delivery:
            return env  # the platform injects the key from the store; no key in the stack's outputs

        key_id, secret = self.credentials.access_key_id, self.credentials.secret_access_key
        env[env_names.AWS_ACCESS_KEY_ID] = key_id
        env[env_names.AWS_SECRET_ACCESS_KEY] = secret
        if not args.endpoint_url:
            # django-storage-url always talks https to *.amazonaws.com: no DSN for emulators.
            for variable, bucket, signed in (
                (env_names.DEFAULT_STORAGE_DSN, self.public_bucket.bucket_name, False),
                (env_names.PRIVATE_STORAGE_DSN, self.private_bucket.bucket_name, True),
            ):
                # The private DSN keeps S3-signed links: a DSN cannot carry a CloudFront signer.
                domain = None if signed or public_domain is None else public_domain
                env[variable] = pulumi.Output.secret(
                    pulumi.Output.all(key_id, secret, bucket, region, domain).apply(
                        lambda values, signed=signed: s3_dsn(
                            access_key_id=values[0],
                            secret_access_key=values[1],
                            bucket=values[2],
                            region=values[3],
                            signed_urls=signed,
                            custom_domain=values[4],
                        )
                    )
                )
        return env
