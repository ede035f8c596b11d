"""A SAS policy whose period is written as ISO 8601 (P30D), not Azure's DD.HH:MM:SS: the pack cannot
read how long links live, so it fails closed."""

import pulumi_azure_native as azure_native


def program() -> None:
    azure_native.storage.StorageAccount(
        "media",
        account_name="corpmedia",
        resource_group_name="rg",
        kind="StorageV2",
        sku={"name": "Standard_LRS"},
        allow_blob_public_access=False,
        minimum_tls_version="TLS1_2",
        sas_policy={"sas_expiration_period": "P30D", "expiration_action": "Block"},
    )
