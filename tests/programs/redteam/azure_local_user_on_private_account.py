"""An SFTP local user with an SSH key and write permissions on the private container (args classes)."""

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
    azure_native.storage.LocalUser(
        "vendor",
        azure_native.storage.LocalUserArgs(
            account_name=account.name,
            resource_group_name="rg",
            username="vendor",
            has_ssh_key=True,
            ssh_authorized_keys=[azure_native.storage.SshPublicKeyArgs(description="laptop", key="ssh-ed25519 AAAA")],
            permission_scopes=[
                azure_native.storage.PermissionScopeArgs(permissions="rwdl", resource_name="uploads", service="blob")
            ],
        ),
    )
