"""A static website on the untagged (private) account: $web is anonymous."""

import pulumi_azure_native as azure_native


def program() -> None:
    account = azure_native.storage.StorageAccount(
        "media",
        account_name="corpmedia",
        resource_group_name="rg",
        kind="StorageV2",
        sku={"name": "Standard_LRS"},
        allow_blob_public_access=False,
        enable_https_traffic_only=True,
        minimum_tls_version="TLS1_2",
    )
    azure_native.storage.StorageAccountStaticWebsite(
        "site", account_name=account.name, resource_group_name="rg", index_document="index.html"
    )
