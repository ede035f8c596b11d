"""The private account's request logs sent by a diagnostic setting (args classes) to a vendor's Log
Analytics workspace the program does not create: blob names and callers leave the program."""

import pulumi_azure_native as azure_native


def program() -> None:
    account = azure_native.storage.StorageAccount(
        "media",
        account_name="corpmedia",
        resource_group_name="rg",
        kind="StorageV2",
        sku=azure_native.storage.SkuArgs(name="Standard_LRS"),
        allow_blob_public_access=False,
        enable_https_traffic_only=True,
        minimum_tls_version="TLS1_2",
    )
    azure_native.monitor.DiagnosticSetting(
        "blob-audit",
        resource_uri=account.id,
        workspace_id="/subscriptions/99999999-0000-4000-8000-000000000000/resourceGroups/soc/providers/"
        "Microsoft.OperationalInsights/workspaces/vendor-soc",
        logs=[azure_native.monitor.DiagnosticsLogSettingsArgs(category_group="allLogs", enabled=True)],
    )
