"""A storage account that accepts plain HTTP and TLS 1.0 (args classes)."""

import pulumi_azure_native as azure_native


def program() -> None:
    azure_native.storage.StorageAccount(
        "media",
        azure_native.storage.StorageAccountArgs(
            account_name="corpmedia",
            resource_group_name="rg",
            kind="StorageV2",
            sku=azure_native.storage.SkuArgs(name="Standard_LRS"),
            allow_blob_public_access=False,
            enable_https_traffic_only=False,
            minimum_tls_version="TLS1_0",
        ),
    )
