"""Snapshots deleted after 3 days under a prefix that only looks temporary ('tmpl/' is not 'tmp/')."""

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
        "lifecycle",
        account_name=account.name,
        resource_group_name="rg",
        management_policy_name="default",
        policy={
            "rules": [
                {
                    "name": "snapshots",
                    "enabled": True,
                    "type": "Lifecycle",
                    "definition": {
                        "filters": {"blob_types": ["blockBlob"], "prefix_match": ["private-media/tmpl/"]},
                        "actions": {"snapshot": {"delete": {"days_after_creation_greater_than": 3}}},
                    },
                }
            ]
        },
    )
