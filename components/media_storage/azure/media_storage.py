"""Media storage for one app environment on Azure: two accounts, containers, credentials and the env."""

from __future__ import annotations

import pulumi
import pulumi_azure_native as azure_native

from .. import env_contract as env_names
from ..component_args import claim_app_environment, validated_args
from ..dsn import azure_connection_string, azure_dsn
from ..import_heap import freeze_environment
from ..naming import scoped_name, storage_account_name
from ..settings.azure import AzureMediaStorageArgs
from ..tags import media_tags
from .app_identity import AppIdentity, AppIdentityArgs
from .media_account import MediaAccount, MediaAccountArgs
from .media_front_door import MediaFrontDoor, MediaFrontDoorArgs


class AzureMediaStorage(pulumi.ComponentResource):
    """Public- and private-media storage accounts for one app environment, credentials for
    the app (account keys or a managed identity), and the `env` that configures django-storages."""

    public_account: MediaAccount
    """The public-media account and container."""

    private_account: MediaAccount
    """The private-media account and container."""

    identity: AppIdentity | None
    """The app's managed identity (`credentials: identity`), else None."""

    front_door: MediaFrontDoor | None
    """With `cdn`, the Front Door profile serving public media; else None."""

    vault_secret_uris: dict[str, pulumi.Output[str]]
    """With `keyDelivery: [keyVault]`, the URI of the Key Vault secret holding each account's connection
    string, by visibility (`public`, `private`); else empty."""

    resource_group_name: pulumi.Output[str]
    """The resource group holding the accounts."""

    env: dict[str, pulumi.Output[str]]
    """The env contract: variable name to value; keys, connection strings and the DSN are Pulumi secrets."""

    def __init__(self, name: str, args: AzureMediaStorageArgs, opts: pulumi.ResourceOptions | None = None) -> None:
        args = validated_args("AzureMediaStorage", args, AzureMediaStorageArgs)
        claim_app_environment("azure", "AzureMediaStorage", name, args.app, args.environment)
        super().__init__("media-storage:azure:MediaStorage", name, None, opts)
        child = pulumi.ResourceOptions(parent=self)
        location = {"location": args.location} if args.location else {}
        subscription_id = azure_native.authorization.get_client_config_output(
            opts=pulumi.InvokeOutputOptions(parent=self)
        ).subscription_id

        if args.resource_group_name:
            self.resource_group_name = pulumi.Output.from_input(args.resource_group_name)
        else:
            group = azure_native.resources.ResourceGroup(
                f"{name}-group",
                resource_group_name=scoped_name(args.app, args.environment, "media"),
                tags=media_tags(args.app, args.environment),
                **location,
                # Deleting a resource group deletes every account in it.
                opts=pulumi.ResourceOptions.merge(child, pulumi.ResourceOptions(protect=args.protect or None)),
            )
            self.resource_group_name = group.name

        with_keys = args.credentials == "key"
        accounts = {}
        for visibility in ("public", "private"):
            accounts[visibility] = MediaAccount(
                f"{name}-{visibility}",
                MediaAccountArgs(
                    account_name=subscription_id.apply(
                        lambda subscription, v=visibility: storage_account_name(
                            args.app, args.environment, v, subscription
                        )
                    ),
                    resource_group_name=self.resource_group_name,
                    visibility=visibility,
                    tags=media_tags(args.app, args.environment, visibility),
                    sku=args.sku,
                    location=args.location,
                    shared_key_access=with_keys,
                    lifecycle=args.lifecycle,
                    versioning=getattr(args.versioning, visibility),
                    soft_delete_days=args.soft_delete_days,
                    cors_origins=args.cors_origins,
                    browser_uploads=args.browser_uploads,
                    cors_max_age_seconds=args.cors_max_age_seconds,
                    protect=args.protect,
                ),
                opts=child,
            )
        self.public_account, self.private_account = accounts["public"], accounts["private"]

        self.front_door = None
        if args.cdn is not None:
            self.front_door = MediaFrontDoor(
                f"{name}-cdn",
                MediaFrontDoorArgs(
                    resource_group_name=self.resource_group_name,
                    resource_name=scoped_name(args.app, args.environment, "media"),
                    blob_endpoint=self.public_account.account.primary_endpoints.blob,
                    cors_origins=args.cors_origins,
                    domain=args.cdn.domain,
                    tags=media_tags(args.app, args.environment, "public"),
                ),
                opts=child,
            )

        self.identity = None
        if not with_keys:
            self.identity = AppIdentity(
                f"{name}-app",
                AppIdentityArgs(
                    identity_name=scoped_name(args.app, args.environment, "media"),
                    resource_group_name=self.resource_group_name,
                    subscription_id=subscription_id,
                    container_ids=[self.public_account.container_id, self.private_account.container_id],
                    delegator_account_ids=[self.private_account.account_id],
                    assignment_seed=f"{args.app}/{args.environment}",
                    location=args.location,
                    tags=media_tags(args.app, args.environment),
                    federated_subjects=[(w.issuer, w.subject) for w in args.workload_identity],
                ),
                opts=child,
            )
        self._keys = {
            visibility: self._account_key(account, args.account_key_name)
            for visibility, account in accounts.items()
            if with_keys
        }
        self.vault_secret_uris = {}
        if args.key_vault_id:
            for visibility, account in accounts.items():
                self.vault_secret_uris[visibility] = self._vault_secret(
                    f"{name}-{visibility}-connection-string",
                    args,
                    visibility,
                    self._connection_string(account, self._keys[visibility]),
                )
        self.env = self._env(args)
        self.register_outputs({"env": self.env, "resource_group_name": self.resource_group_name})
        # What this environment registered lives until the engine answers: out of the collector's way.
        freeze_environment()

    def _env(self, args: AzureMediaStorageArgs) -> dict[str, pulumi.Output[str]]:
        public, private = self.public_account, self.private_account
        env = {
            env_names.MEDIA_STORAGE_BACKEND: pulumi.Output.from_input(env_names.AZURE_BACKEND),
            env_names.AZURE_ACCOUNT_NAME: public.account_name,
            env_names.AZURE_CONTAINER: public.container_name,
            env_names.AZURE_PRIVATE_ACCOUNT_NAME: private.account_name,
            env_names.AZURE_PRIVATE_CONTAINER: private.container_name,
            env_names.AZURE_URL_EXPIRATION_SECS: pulumi.Output.from_input(str(args.url_expiry_seconds)),
        }
        public_domain: pulumi.Output[str] | None = None
        if self.front_door is not None:
            public_domain = self.front_door.host_name
        elif args.custom_domain:
            public_domain = pulumi.Output.from_input(args.custom_domain)
        if public_domain is not None:
            env[env_names.AZURE_CUSTOM_DOMAIN] = public_domain
        if self.identity is not None:
            env[env_names.AZURE_CLIENT_ID] = self.identity.client_id
            return env
        if self.vault_secret_uris:
            env[env_names.AZURE_CONNECTION_STRING_SECRET_URI] = self.vault_secret_uris["public"]
            env[env_names.AZURE_PRIVATE_CONNECTION_STRING_SECRET_URI] = self.vault_secret_uris["private"]
        if "output" not in args.key_delivery:
            return env  # the platform injects the connection strings from the vault; no key in the outputs

        for account, key_var, connection_var in (
            (public, env_names.AZURE_ACCOUNT_KEY, env_names.AZURE_CONNECTION_STRING),
            (private, env_names.AZURE_PRIVATE_ACCOUNT_KEY, env_names.AZURE_PRIVATE_CONNECTION_STRING),
        ):
            key = self._keys["public" if account is public else "private"]
            env[key_var] = key
            env[connection_var] = self._connection_string(account, key)
        env[env_names.DEFAULT_STORAGE_DSN] = pulumi.Output.secret(
            pulumi.Output.all(
                public.account_name, env[env_names.AZURE_ACCOUNT_KEY], public.container_name, public_domain
            ).apply(
                lambda values: azure_dsn(
                    account_name=values[0],
                    account_key=values[1],
                    container=values[2],
                    custom_domain=values[3],
                )
            )
        )
        return env

    @staticmethod
    def _connection_string(account: MediaAccount, key: pulumi.Output[str]) -> pulumi.Output[str]:
        return pulumi.Output.secret(
            pulumi.Output.all(account.account_name, key).apply(
                lambda values: azure_connection_string(account_name=values[0], account_key=values[1])
            )
        )

    def _vault_secret(
        self, name: str, args: AzureMediaStorageArgs, visibility: str, connection_string: pulumi.Output[str]
    ) -> pulumi.Output[str]:
        """A secret in the existing vault `args.key_vault_id` holding one account's connection string; its URI."""
        vault_id = args.key_vault_id or ""
        group = vault_id.split("/resourceGroups/", 1)[1].split("/", 1)[0]
        secret = azure_native.keyvault.Secret(
            name,
            resource_group_name=group,
            vault_name=vault_id.rsplit("/", 1)[1],
            secret_name=scoped_name(args.app, args.environment, f"media-{visibility}-connection-string"),
            properties={"value": connection_string, "content_type": "text/plain; azure-storage-connection-string"},
            tags=media_tags(args.app, args.environment, visibility),
            opts=pulumi.ResourceOptions(parent=self, additional_secret_outputs=["properties"]),
        )
        # The value makes `properties` secret; its URI is not, and the deploy tooling reads it.
        return pulumi.Output.unsecret(secret.properties.secret_uri)

    def _account_key(self, account: MediaAccount, key_name: str) -> pulumi.Output[str]:
        # Listing keys needs the account to exist: its name is an output of the account, so
        # a preview of a new stack does not ask Azure for keys of an account not yet created.
        keys = azure_native.storage.list_storage_account_keys_output(
            account_name=account.account.name,
            resource_group_name=self.resource_group_name,
            opts=pulumi.InvokeOutputOptions(parent=self, depends_on=[account.account]),
        ).keys
        return pulumi.Output.secret(
            keys.apply(lambda listed: next(key.value for key in listed if key.key_name == key_name))
        )
