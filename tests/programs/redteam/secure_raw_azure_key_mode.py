"""Secure baseline, key mode: no managed identity, so the app signs with the account key (Shared Key
stays on); account SAS bounded to an hour and refused beyond, the private account replicated to a
second private account of the program, the public account with a static website kept apart."""

import pulumi
import pulumi_azure_native as azure_native


def account(name: str, visibility: str, **settings) -> azure_native.storage.StorageAccount:
    return azure_native.storage.StorageAccount(
        name,
        account_name=f"shop{name}",
        resource_group_name="rg",
        kind="StorageV2",
        sku={"name": "Standard_ZRS"},
        allow_blob_public_access=visibility == "public",
        allow_shared_key_access=True,
        enable_https_traffic_only=True,
        minimum_tls_version="TLS1_2",
        tags={"media-storage:visibility": visibility},
        opts=pulumi.ResourceOptions(protect=True),
        **settings,
    )


def program() -> None:
    bounded_sas = {"sas_policy": {"sas_expiration_period": "0.01:00:00", "expiration_action": "Block"}}
    accounts = {
        "private": account("private", "private", allow_cross_tenant_replication=False, **bounded_sas),
        "replica": account("replica", "private", allow_cross_tenant_replication=False, **bounded_sas),
        "public": account("public", "public"),
    }
    for name, target in accounts.items():
        azure_native.storage.BlobServiceProperties(
            f"{name}-blobs",
            account_name=target.name,
            resource_group_name="rg",
            blob_services_name="default",
            is_versioning_enabled=True,
            change_feed={"enabled": True},
            delete_retention_policy={"enabled": True, "days": 7},
            container_delete_retention_policy={"enabled": True, "days": 7},
        )
        azure_native.storage.ManagementPolicy(
            f"{name}-lifecycle",
            account_name=target.name,
            resource_group_name="rg",
            management_policy_name="default",
            policy={
                "rules": [
                    {
                        "name": "old-versions",
                        "type": "Lifecycle",
                        "definition": {
                            "filters": {"blob_types": ["blockBlob"]},
                            "actions": {"version": {"delete": {"days_after_creation_greater_than": 90}}},
                        },
                    }
                ]
            },
        )
    azure_native.storage.StorageAccountStaticWebsite(
        "public-site", account_name=accounts["public"].name, resource_group_name="rg", index_document="index.html"
    )
    rules = [{"source_container": "private-media", "destination_container": "private-media"}]
    destination = azure_native.storage.ObjectReplicationPolicy(
        "replica-incoming",
        account_name=accounts["replica"].name,
        resource_group_name="rg",
        object_replication_policy_id="default",
        source_account=accounts["private"].id,
        destination_account=accounts["replica"].id,
        rules=rules,
    )
    azure_native.storage.ObjectReplicationPolicy(
        "private-outgoing",
        account_name=accounts["private"].name,
        resource_group_name="rg",
        object_replication_policy_id=destination.policy_id,
        source_account=accounts["private"].id,
        destination_account=accounts["replica"].id,
        rules=rules,
    )
