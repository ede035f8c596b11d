"""A private account whose SAS policy only logs links that outlive an hour (args classes)."""

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
            minimum_tls_version="TLS1_2",
            sas_policy=azure_native.storage.SasPolicyArgs(
                sas_expiration_period="0.01:00:00", expiration_action=azure_native.storage.ExpirationAction.LOG
            ),
        ),
    )
