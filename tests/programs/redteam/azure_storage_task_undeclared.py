"""A storage task of another subscription, named by a literal id, assigned to the private account:
the pack cannot tell what it does to the blobs, so it fails closed."""

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
    azure_native.storage.StorageTaskAssignment(
        "vendor-task",
        account_name=account.name,
        resource_group_name="rg",
        storage_task_assignment_name="vendor",
        properties=azure_native.storage.StorageTaskAssignmentPropertiesArgs(
            task_id="/subscriptions/99999999-0000-4000-8000-000000000000/resourceGroups/vendor/providers/"
            "Microsoft.StorageActions/storageTasks/housekeeping",
            enabled=True,
            description="vendor housekeeping",
            execution_context=azure_native.storage.StorageTaskAssignmentExecutionContextArgs(
                trigger=azure_native.storage.ExecutionTriggerArgs(
                    type="RunOnce",
                    parameters=azure_native.storage.TriggerParametersArgs(start_on="2026-12-01T00:00:00Z"),
                )
            ),
            report=azure_native.storage.StorageTaskAssignmentReportArgs(prefix="reports"),
        ),
    )
