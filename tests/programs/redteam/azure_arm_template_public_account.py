"""A storage account and a public container written as an inline ARM template (pasted from the
portal's "export template"), deployed with resources.Deployment: no typed resource, no judgement."""

import pulumi_azure_native as azure_native


def program() -> None:
    azure_native.resources.Deployment(
        "media-arm",
        resource_group_name="rg",
        properties={
            "mode": "Incremental",
            "template": {
                "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
                "contentVersion": "1.0.0.0",
                "resources": [
                    {
                        "type": "Microsoft.Storage/storageAccounts",
                        "apiVersion": "2023-05-01",
                        "name": "corpmedia",
                        "location": "westeurope",
                        "kind": "StorageV2",
                        "sku": {"name": "Standard_LRS"},
                        "properties": {"allowBlobPublicAccess": True},
                        "resources": [
                            {
                                "type": "blobServices/containers",
                                "apiVersion": "2023-05-01",
                                "name": "default/private-media",
                                "dependsOn": ["corpmedia"],
                                "properties": {"publicAccess": "Container"},
                            }
                        ],
                    }
                ],
            },
        },
    )
