"""A federated credential on the media identity for a GitHub repository nobody allowlisted (the config allows only the AKS cluster)."""

import pulumi_azure_native as azure_native


def program() -> None:
    azure_native.storage.StorageAccount(
        "media",
        account_name="corpmedia",
        resource_group_name="rg",
        kind="StorageV2",
        sku={"name": "Standard_LRS"},
        allow_blob_public_access=False,
        enable_https_traffic_only=True,
        minimum_tls_version="TLS1_2",
        allow_shared_key_access=False,
    )
    app = azure_native.managedidentity.UserAssignedIdentity(
        "app", resource_name_="shop-media", resource_group_name="rg", tags={"media-storage:app": "shop"}
    )
    azure_native.managedidentity.FederatedIdentityCredential(
        "github",
        federated_identity_credential_resource_name="github",
        resource_name_=app.name,
        resource_group_name="rg",
        issuer="https://token.actions.githubusercontent.com",
        subject="repo:contractor/tools:ref:refs/heads/main",
        audiences=["api://AzureADTokenExchange"],
    )
