"""A Blob-level (anonymous read) container in an untagged account that allows public access (args classes)."""

import pulumi_azure_native as azure_native


def program() -> None:
    account = azure_native.storage.StorageAccount(
        "media",
        azure_native.storage.StorageAccountArgs(
            account_name="corpmedia",
            resource_group_name="rg",
            kind="StorageV2",
            sku=azure_native.storage.SkuArgs(name="Standard_LRS"),
            allow_blob_public_access=True,
            minimum_tls_version="TLS1_2",
        ),
    )
    azure_native.storage.BlobContainer(
        "uploads",
        azure_native.storage.BlobContainerArgs(
            account_name=account.name,
            resource_group_name="rg",
            container_name="uploads",
            public_access=azure_native.storage.PublicAccess.BLOB,
        ),
    )
