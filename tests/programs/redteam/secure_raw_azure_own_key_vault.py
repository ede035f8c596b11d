"""Secure baseline: a private account encrypted with a key in a Key Vault the program creates, and an
encryption scope with a key of that vault."""

import pulumi
import pulumi_azure_native as azure_native


def program() -> None:
    vault = azure_native.keyvault.Vault(
        "keys",
        vault_name="corpmedia-keys",
        resource_group_name="rg",
        properties={
            "tenant_id": "11111111-2222-4333-8444-555555555555",
            "sku": {"family": "A", "name": "standard"},
            "enable_rbac_authorization": True,
            "enable_purge_protection": True,
        },
    )
    account = azure_native.storage.StorageAccount(
        "media",
        account_name="corpmedia",
        resource_group_name="rg",
        kind="StorageV2",
        sku={"name": "Standard_ZRS"},
        allow_blob_public_access=False,
        enable_https_traffic_only=True,
        minimum_tls_version="TLS1_2",
        identity={"type": "SystemAssigned"},
        encryption={
            "key_source": "Microsoft.Keyvault",
            "services": {"blob": {"enabled": True, "key_type": "Account"}},
            "key_vault_properties": {"key_name": "media", "key_vault_uri": vault.properties.vault_uri},
        },
        tags={"media-storage:visibility": "private"},
        opts=pulumi.ResourceOptions(protect=True),
    )
    azure_native.storage.BlobServiceProperties(
        "media-blobs",
        account_name=account.name,
        resource_group_name="rg",
        blob_services_name="default",
        is_versioning_enabled=True,
        delete_retention_policy={"enabled": True, "days": 14},
        container_delete_retention_policy={"enabled": True, "days": 14},
        cors={
            "cors_rules": [
                {
                    "allowed_origins": ["https://shop.example.com"],
                    "allowed_methods": ["GET", "PUT"],
                    "allowed_headers": ["*"],
                    "exposed_headers": ["ETag"],
                    "max_age_in_seconds": 3600,
                }
            ]
        },
    )
    azure_native.storage.ManagementPolicy(
        "media-lifecycle",
        account_name=account.name,
        resource_group_name="rg",
        management_policy_name="default",
        policy={
            "rules": [
                {
                    "name": "old-versions",
                    "enabled": True,
                    "type": "Lifecycle",
                    "definition": {
                        "filters": {"blob_types": ["blockBlob"]},
                        "actions": {"version": {"delete": {"days_after_creation_greater_than": 90}}},
                    },
                }
            ]
        },
    )
    azure_native.storage.BlobContainer(
        "uploads", account_name=account.name, resource_group_name="rg", container_name="uploads", public_access="None"
    )
    azure_native.storage.EncryptionScope(
        "uploads-scope",
        account_name=account.name,
        resource_group_name="rg",
        encryption_scope_name="uploads",
        source="Microsoft.KeyVault",
        key_vault_properties={"key_uri": "https://corpmedia-keys.vault.azure.net/keys/uploads"},
    )
    # A storage task that only moves old blobs to the cool tier.
    tiering = azure_native.storageactions.StorageTask(
        "tiering",
        storage_task_name="tiering",
        resource_group_name="rg",
        description="cool old blobs",
        enabled=True,
        identity={"type": "SystemAssigned"},
        action={
            "if_": {
                "condition": "[[greater(Creation-Time, '30.00:00:00')]]",
                "operations": [{"name": "SetBlobTier", "parameters": {"tier": "Cool"}}],
            }
        },
    )
    azure_native.storage.StorageTaskAssignment(
        "tiering-media",
        account_name=account.name,
        resource_group_name="rg",
        storage_task_assignment_name="tiering",
        properties={
            "task_id": tiering.id,
            "enabled": True,
            "description": "monthly",
            "execution_context": {"trigger": {"type": "OnSchedule", "parameters": {"interval": 30}}},
            "report": {"prefix": "reports"},
        },
    )
