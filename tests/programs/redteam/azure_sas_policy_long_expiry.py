"""A private account whose SAS policy lets links live 30 days."""

import pulumi_azure_native as azure_native


def program() -> None:
    azure_native.storage.StorageAccount(
        "media",
        account_name="corpmedia",
        resource_group_name="rg",
        kind="StorageV2",
        sku={"name": "Standard_LRS"},
        allow_blob_public_access=False,
        enable_https_traffic_only=True,
        minimum_tls_version="TLS1_2",
        sas_policy={"sas_expiration_period": "30.00:00:00", "expiration_action": "Block"},
    )
