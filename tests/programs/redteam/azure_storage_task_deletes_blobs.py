"""A storage task (Azure Storage Actions) assigned to the private account that deletes every blob
older than a week: a lifecycle rule in all but name, which the lifecycle policy never saw."""

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
    task = azure_native.storageactions.StorageTask(
        "cleanup",
        storage_task_name="cleanup",
        resource_group_name="rg",
        description="clean up old uploads",
        enabled=True,
        identity={"type": "SystemAssigned"},
        action={
            "if_": {
                "condition": "[[less(Creation-Time, '7.00:00:00')]]",
                "operations": [{"name": "SetBlobTier", "parameters": {"tier": "Cool"}}],
            },
            "else_": {"operations": [{"name": "DeleteBlob", "on_failure": "break", "on_success": "continue"}]},
        },
    )
    azure_native.storage.StorageTaskAssignment(
        "cleanup-media",
        account_name=account.name,
        resource_group_name="rg",
        storage_task_assignment_name="cleanup",
        properties={
            "task_id": task.id,
            "enabled": True,
            "description": "weekly",
            "execution_context": {"trigger": {"type": "OnSchedule", "parameters": {"interval": 7}}},
            "report": {"prefix": "reports"},
        },
    )
