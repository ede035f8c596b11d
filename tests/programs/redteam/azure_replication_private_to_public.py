"""Object replication from the private account to the program's public account (args classes)."""

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
    public = azure_native.storage.StorageAccount(
        "public",
        account_name="corppublic",
        resource_group_name="rg",
        kind="StorageV2",
        sku={"name": "Standard_LRS"},
        allow_blob_public_access=True,
        minimum_tls_version="TLS1_2",
        tags={"media-storage:visibility": "public"},
    )
    azure_native.storage.ObjectReplicationPolicy(
        "leak",
        azure_native.storage.ObjectReplicationPolicyArgs(
            account_name=public.name,
            resource_group_name="rg",
            object_replication_policy_id="default",
            source_account=account.name,
            destination_account=public.name,
            rules=[
                azure_native.storage.ObjectReplicationPolicyRuleArgs(
                    source_container="private-media", destination_container="public-media"
                )
            ],
        ),
    )
