"""A management policy on an account named by a literal (judged as private) that deletes blobs not read for 10 days."""

import pulumi_azure_native as azure_native


def program() -> None:
    azure_native.storage.ManagementPolicy(
        "lifecycle",
        account_name="corpmedia",
        resource_group_name="rg",
        management_policy_name="default",
        policy={
            "rules": [
                {
                    "name": "idle",
                    "enabled": True,
                    "type": "Lifecycle",
                    "definition": {
                        "filters": {"blob_types": ["blockBlob"]},
                        "actions": {"base_blob": {"delete": {"days_after_last_access_time_greater_than": 10}}},
                    },
                }
            ]
        },
    )
