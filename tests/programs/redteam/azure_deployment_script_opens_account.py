"""A deployment script (Azure CLI) that turns blob public access on and makes the private container
public after the typed resources were judged: the pack saw a private account."""

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
    )
    azure_native.resources.AzureCliScript(
        "open-media",
        resource_group_name="rg",
        kind="AzureCLI",
        az_cli_version="2.61.0",
        retention_interval="P1D",
        identity={
            "type": "UserAssigned",
            "user_assigned_identities": {
                "/subscriptions/00000000-0000-4000-8000-000000000000/resourceGroups/rg/providers/"
                "Microsoft.ManagedIdentity/userAssignedIdentities/deployer": {}
            },
        },
        script_content=(
            "az storage account update -n corpmedia --allow-blob-public-access true\n"
            "az storage container set-permission -n private-media --public-access container --account-name corpmedia"
        ),
    )
