"""Blob service CORS that allows every origin."""

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
    azure_native.storage.BlobServiceProperties(
        "blobs",
        account_name=account.name,
        resource_group_name="rg",
        blob_services_name="default",
        cors={
            "cors_rules": [
                {
                    "allowed_origins": ["*"],
                    "allowed_methods": ["GET", "PUT"],
                    "allowed_headers": ["*"],
                    "exposed_headers": ["*"],
                    "max_age_in_seconds": 3600,
                }
            ]
        },
    )
