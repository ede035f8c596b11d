"""A static website on an account named only by a literal (judged as private), args class."""

import pulumi_azure_native as azure_native


def program() -> None:
    azure_native.storage.StorageAccountStaticWebsite(
        "site",
        azure_native.storage.StorageAccountStaticWebsiteArgs(
            account_name="corpmedia",
            resource_group_name="rg",
            index_document="index.html",
            error404_document="404.html",
        ),
    )
