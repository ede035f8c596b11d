"""A local user with a password on an account the program only names (judged as private)."""

import pulumi_azure_native as azure_native


def program() -> None:
    azure_native.storage.LocalUser(
        "backup",
        account_name="corpmedia",
        resource_group_name="rg",
        username="backup",
        has_ssh_password=True,
        permission_scopes=[{"permissions": "rl", "resource_name": "private-media", "service": "blob"}],
    )
