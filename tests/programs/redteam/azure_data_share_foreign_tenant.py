"""A storage data share (args classes) that lets a managed identity of another tenant read the
private container: no role assignment shows it, yet the partner reads every blob."""

import pulumi_azure_native as azure_native


def program() -> None:
    account = azure_native.storage.StorageAccount(
        "media",
        account_name="corpmedia",
        resource_group_name="rg",
        kind="StorageV2",
        sku=azure_native.storage.SkuArgs(name="Standard_LRS"),
        allow_blob_public_access=False,
        allow_shared_key_access=False,
        enable_https_traffic_only=True,
        minimum_tls_version="TLS1_2",
    )
    azure_native.storage.DataShare(
        "analytics-partner",
        account_name=account.name,
        resource_group_name="rg",
        properties=azure_native.storage.StorageDataSharePropertiesArgs(
            access_policies=[
                azure_native.storage.StorageDataShareAccessPolicyArgs(
                    principal_id="9d2e7c44-0f1a-4b6e-8c3d-5a7b9e1f2c3d",
                    tenant_id="11111111-2222-4333-8444-555555555555",
                    permission="Read",
                )
            ],
            assets=[azure_native.storage.StorageDataShareAssetArgs(asset_path="private-media/", display_name="all")],
        ),
    )
