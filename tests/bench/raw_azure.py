"""A hand-written `pulumi_azure_native` program: what a careful engineer writes without media-storage.

It registers the same resources, with the same names, inputs, options and ordering, as
`AzureMediaStorage` with the settings of `Pulumi.dev-azure.yaml`, and exports the same env
(`tests/test_bench_programs.py` keeps it so). Only the account-name digest comes from
`media_storage.naming`: a pure function a hand-written program would have to write too.
"""

from __future__ import annotations

from urllib.parse import quote, urlencode

import pulumi
import pulumi_azure_native as azure_native

from media_storage.naming import storage_account_name

CORS_ORIGINS = ["https://shop.example.com", "http://localhost:8000"]
CUSTOM_DOMAIN = "media.shop.example.com"
SOFT_DELETE_DAYS = 14


def _rule(name: str, filters: dict, actions: dict) -> dict:
    return {"name": name, "enabled": True, "type": "Lifecycle", "definition": {"filters": filters, "actions": actions}}


def _account(
    name: str, account_name: pulumi.Input[str], group: pulumi.Input[str], tags: dict, *, public: bool, location: str
):
    account = azure_native.storage.StorageAccount(
        f"{name}-account",
        account_name=account_name,
        resource_group_name=group,
        kind="StorageV2",
        sku={"name": "Standard_ZRS"},
        access_tier="Hot",
        enable_https_traffic_only=True,
        minimum_tls_version="TLS1_2",
        allow_blob_public_access=public,
        allow_shared_key_access=True,
        default_to_o_auth_authentication=False,
        allow_cross_tenant_replication=False,
        tags=tags,
        location=location,
        opts=pulumi.ResourceOptions(protect=True),
    )
    after_account = pulumi.ResourceOptions(depends_on=[account])
    azure_native.storage.BlobServiceProperties(
        f"{name}-blob-service",
        account_name=account.name,
        resource_group_name=group,
        blob_services_name="default",
        cors={
            "cors_rules": [
                {
                    "allowed_origins": CORS_ORIGINS,
                    "allowed_methods": ["GET", "HEAD", "PUT"],
                    "allowed_headers": ["*"],
                    "exposed_headers": ["ETag", "Content-Length", "Content-Type", "Last-Modified"],
                    "max_age_in_seconds": 3600,
                }
            ]
        },
        delete_retention_policy={"enabled": True, "days": SOFT_DELETE_DAYS},
        container_delete_retention_policy={"enabled": True, "days": SOFT_DELETE_DAYS},
        is_versioning_enabled=not public,
        opts=after_account,
    )
    container_name = "public-media" if public else "private-media"
    container = azure_native.storage.BlobContainer(
        f"{name}-container",
        account_name=account.name,
        resource_group_name=group,
        container_name=container_name,
        public_access="Blob" if public else "None",
        opts=after_account,
    )
    block_blobs = {"blob_types": ["blockBlob"], "prefix_match": [f"{container_name}/"]}
    rules = [
        _rule(
            "expire-temporary-blobs",
            {"blob_types": ["blockBlob"], "prefix_match": [f"{container_name}/tmp/"]},
            {"base_blob": {"delete": {"days_after_modification_greater_than": 2}}},
        ),
        _rule(
            "move-to-cheaper-tiers",
            block_blobs,
            {
                "base_blob": {
                    "tier_to_cool": {"days_after_modification_greater_than": 90},
                    "tier_to_cold": {"days_after_modification_greater_than": 365},
                }
            },
        ),
    ]
    if not public:
        rules.append(
            _rule("expire-old-versions", block_blobs, {"version": {"delete": {"days_after_creation_greater_than": 30}}})
        )
    azure_native.storage.ManagementPolicy(
        f"{name}-lifecycle",
        account_name=account.name,
        resource_group_name=group,
        management_policy_name="default",
        policy={"rules": rules},
        opts=after_account,
    )
    return account, container


def _key(account: azure_native.storage.StorageAccount, group: pulumi.Output[str]) -> pulumi.Output[str]:
    keys = azure_native.storage.list_storage_account_keys_output(
        account_name=account.name, resource_group_name=group, opts=pulumi.InvokeOutputOptions(depends_on=[account])
    ).keys
    return pulumi.Output.secret(keys.apply(lambda listed: next(key.value for key in listed if key.key_name == "key1")))


def _connection_string(values: list[str]) -> str:
    return (
        f"DefaultEndpointsProtocol=https;AccountName={values[0]};AccountKey={values[1]};EndpointSuffix=core.windows.net"
    )


def azure_environment(
    app: str, environment: str, location: str
) -> tuple[dict[str, pulumi.Output[str]], azure_native.resources.ResourceGroup]:
    """One app environment: a resource group, two accounts with containers, keys; the env and the group."""
    subscription_id = azure_native.authorization.get_client_config_output().subscription_id
    group = azure_native.resources.ResourceGroup(
        f"{app}-group",
        resource_group_name=f"{app}-{environment}-media",
        tags={"media-storage:app": app, "media-storage:stack": environment},
        location=location,
        opts=pulumi.ResourceOptions(protect=True),
    )
    accounts = {}
    for visibility in ("public", "private"):
        name = subscription_id.apply(lambda sub, v=visibility: storage_account_name(app, environment, v, sub))
        tags = {"media-storage:app": app, "media-storage:stack": environment, "media-storage:visibility": visibility}
        accounts[visibility] = _account(
            f"{app}-{visibility}", name, group.name, tags, public=visibility == "public", location=location
        )
    (public, public_container), (private, private_container) = accounts["public"], accounts["private"]
    env: dict[str, pulumi.Output[str]] = {
        "MEDIA_STORAGE_BACKEND": pulumi.Output.from_input("azure"),
        "AZURE_ACCOUNT_NAME": public.name,
        "AZURE_CONTAINER": public_container.name,
        "AZURE_PRIVATE_ACCOUNT_NAME": private.name,
        "AZURE_PRIVATE_CONTAINER": private_container.name,
        "AZURE_URL_EXPIRATION_SECS": pulumi.Output.from_input("900"),
        "AZURE_CUSTOM_DOMAIN": pulumi.Output.from_input(CUSTOM_DOMAIN),
    }
    for account, key_var, connection_var in (
        (public, "AZURE_ACCOUNT_KEY", "AZURE_CONNECTION_STRING"),
        (private, "AZURE_PRIVATE_ACCOUNT_KEY", "AZURE_PRIVATE_CONNECTION_STRING"),
    ):
        key = _key(account, group.name)
        env[key_var] = key
        env[connection_var] = pulumi.Output.secret(pulumi.Output.all(account.name, key).apply(_connection_string))
    env["DEFAULT_STORAGE_DSN"] = pulumi.Output.secret(
        pulumi.Output.all(public.name, env["AZURE_ACCOUNT_KEY"], public_container.name).apply(
            lambda values: (
                f"az://{values[0]}:{quote(values[1], safe='')}@blob.core.windows.net/{values[2]}"
                f"?{urlencode({'domain': CUSTOM_DOMAIN})}"
            )
        )
    )
    return env, group


def stack_program() -> None:
    """The hand-written counterpart of this repository's stack program on `Pulumi.dev-azure.yaml`."""
    config = pulumi.Config("media-storage")
    location = pulumi.Config("azure-native").require("location")
    env, group = azure_environment(config.require("app"), pulumi.get_stack(), location)
    pulumi.export("env", env)
    pulumi.export("resourceGroupName", group.name)
    pulumi.export("publicAccountName", env["AZURE_ACCOUNT_NAME"])
    pulumi.export("privateAccountName", env["AZURE_PRIVATE_ACCOUNT_NAME"])


def composed_program(count: int, location: str = "westeurope") -> None:
    """`count` app environments in one program."""
    for index in range(count):
        env, _ = azure_environment(f"app{index:03d}", "bench", location)
        pulumi.export(f"env{index}", env)
