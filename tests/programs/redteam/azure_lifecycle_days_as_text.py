"""A lifecycle rule that deletes current blobs a day after their last change, the day count written
as text ("1"), which ARM reads as a number and the pack used to skip."""

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
    azure_native.storage.ManagementPolicy(
        "media-lifecycle",
        account_name=account.name,
        resource_group_name="rg",
        management_policy_name="default",
        policy={
            "rules": [
                {
                    "name": "tidy",
                    "enabled": True,
                    "type": "Lifecycle",
                    "definition": {
                        "filters": {"blob_types": ["blockBlob"]},
                        "actions": {"base_blob": {"delete": {"days_after_modification_greater_than": "1"}}},
                    },
                }
            ]
        },
    )
