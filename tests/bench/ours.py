"""The media-storage side of the program-cost benchmark: our components, composed as a user would."""

from __future__ import annotations

import pulumi

CORS_ORIGINS = ("https://shop.example.com", "https://www.shop.example.com", "http://localhost:8000")
LIFECYCLE = {
    "abort_incomplete_uploads_after_days": 7,
    "noncurrent_version_expiration_days": 30,
    "temporary_prefix": "tmp/",
    "temporary_expiration_days": 2,
    "infrequent_access_after_days": 90,
    "archive_after_days": 365,
}


def aws_composed_program(count: int, region: str = "eu-west-1") -> None:
    """`count` AWS app environments in one program, with the settings of `Pulumi.dev.yaml`."""
    from media_storage.aws import AwsMediaStorage, AwsMediaStorageArgs

    for index in range(count):
        app = f"app{index:03d}"
        storage = AwsMediaStorage(
            app,
            AwsMediaStorageArgs(
                app=app,
                environment="bench",
                region=region,
                cors_origins=CORS_ORIGINS,
                browser_uploads=True,
                url_expiry_seconds=900,
                custom_domain="media.shop.example.com",
                access_key_generations=("2026-11",),
                lifecycle=LIFECYCLE,
            ),
        )
        pulumi.export(f"env{index}", storage.env)


def azure_composed_program(count: int, location: str = "westeurope") -> None:
    """`count` Azure app environments in one program, with the settings of `Pulumi.dev-azure.yaml`."""
    from media_storage.azure import AzureMediaStorage, AzureMediaStorageArgs

    for index in range(count):
        app = f"app{index:03d}"
        storage = AzureMediaStorage(
            app,
            AzureMediaStorageArgs(
                app=app,
                environment="bench",
                location=location,
                cors_origins=CORS_ORIGINS[::2],
                browser_uploads=True,
                url_expiry_seconds=900,
                custom_domain="media.shop.example.com",
                soft_delete_days=14,
                lifecycle=LIFECYCLE,
            ),
        )
        pulumi.export(f"env{index}", storage.env)
