"""A subscription deployment stack from a linked template the pack cannot read (args classes): it may
hold any storage account or role assignment, so it fails closed."""

import pulumi_azure_native as azure_native


def program() -> None:
    azure_native.storage.StorageAccount(
        "media",
        account_name="corpmedia",
        resource_group_name="rg",
        kind="StorageV2",
        sku=azure_native.storage.SkuArgs(name="Standard_LRS"),
        allow_blob_public_access=False,
        enable_https_traffic_only=True,
        minimum_tls_version="TLS1_2",
    )
    azure_native.resources.DeploymentStackAtSubscription(
        "platform",
        action_on_unmanage=azure_native.resources.ActionOnUnmanageArgs(resources="detach"),
        deny_settings=azure_native.resources.DenySettingsArgs(mode="none"),
        template_link=azure_native.resources.DeploymentStacksTemplateLinkArgs(
            uri="https://raw.githubusercontent.com/corp/platform/main/storage.json"
        ),
    )
