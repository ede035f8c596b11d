"""An encryption scope (args classes) on the private account whose key lives in a vault the program
does not create: blobs written with that scope are readable only while someone else allows it."""

import pulumi_azure_native as azure_native


def program() -> None:
    account = azure_native.storage.StorageAccount(
        "media",
        account_name="corpmedia",
        resource_group_name="rg",
        kind="StorageV2",
        sku=azure_native.storage.SkuArgs(name="Standard_LRS"),
        allow_blob_public_access=False,
        enable_https_traffic_only=True,
        minimum_tls_version="TLS1_2",
    )
    azure_native.storage.EncryptionScope(
        "uploads-scope",
        account_name=account.name,
        resource_group_name="rg",
        encryption_scope_name="uploads",
        source="Microsoft.KeyVault",
        key_vault_properties=azure_native.storage.EncryptionScopeKeyVaultPropertiesArgs(
            key_uri="https://shared-platform-kv.vault.azure.net/keys/media"
        ),
    )
