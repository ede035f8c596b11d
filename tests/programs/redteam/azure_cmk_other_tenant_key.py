"""The private account encrypted with a customer-managed key kept in another tenant's Key Vault
(cross-tenant CMK): whoever holds that key can revoke it and lock the media away."""

import pulumi_azure_native as azure_native

IDENTITY = (
    "/subscriptions/00000000-0000-4000-8000-000000000000/resourceGroups/rg/providers/"
    "Microsoft.ManagedIdentity/userAssignedIdentities/cmk"
)


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
        identity={"type": "UserAssigned", "user_assigned_identities": {IDENTITY: {}}},
        encryption={
            "key_source": "Microsoft.Keyvault",
            "services": {"blob": {"enabled": True, "key_type": "Account"}},
            "key_vault_properties": {"key_name": "media", "key_vault_uri": "https://vendor-keys.vault.azure.net/"},
            "encryption_identity": {
                "encryption_user_assigned_identity": IDENTITY,
                "encryption_federated_identity_client_id": "22222222-3333-4444-8555-666666666666",
            },
        },
    )
