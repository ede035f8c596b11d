"""A container in a private account that lets anyone list and read it (publicAccess Container)."""

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
    azure_native.storage.BlobContainer(
        "uploads",
        account_name=account.name,
        resource_group_name="rg",
        container_name="uploads",
        public_access="Container",
    )
