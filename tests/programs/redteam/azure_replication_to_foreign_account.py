"""Object replication of the private account to an account outside the program, named by its resource id."""

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
        allow_cross_tenant_replication=False,
    )
    azure_native.storage.ObjectReplicationPolicy(
        "offsite",
        account_name=account.name,
        resource_group_name="rg",
        object_replication_policy_id="default",
        source_account=account.id,
        destination_account="/subscriptions/00000000-0000-4000-8000-000000000000/resourceGroups/other/providers/Microsoft.Storage/storageAccounts/offsitecopy",
        rules=[{"source_container": "uploads", "destination_container": "uploads"}],
    )
