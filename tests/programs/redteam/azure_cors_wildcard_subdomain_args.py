"""Blob service CORS for every subdomain, written with args classes."""

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
        azure_native.storage.BlobServicePropertiesArgs(
            account_name=account.name,
            resource_group_name="rg",
            blob_services_name="default",
            cors=azure_native.storage.CorsRulesArgs(
                cors_rules=[
                    azure_native.storage.CorsRuleArgs(
                        allowed_origins=["https://*.example.com"],
                        allowed_methods=["GET"],
                        allowed_headers=["*"],
                        exposed_headers=["ETag"],
                        max_age_in_seconds=600,
                    )
                ]
            ),
        ),
    )
