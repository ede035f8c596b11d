"""Secure baseline: an ARM template deployment, a generic resource and a deployment script that touch
no media (an App Service plan, Application Insights, a web app restart) are left alone."""

import pulumi_azure_native as azure_native


def program() -> None:
    azure_native.resources.Deployment(
        "web-arm",
        resource_group_name="web",
        properties={
            "mode": "Incremental",
            "template": {
                "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
                "contentVersion": "1.0.0.0",
                "resources": [
                    {
                        "type": "Microsoft.Web/serverfarms",
                        "apiVersion": "2023-01-01",
                        "name": "shop-plan",
                        "location": "westeurope",
                        "sku": {"name": "P1v3"},
                    }
                ],
            },
        },
    )
    azure_native.resources.Resource(
        "insights",
        resource_group_name="web",
        resource_provider_namespace="Microsoft.Insights",
        parent_resource_path="",
        resource_type="components",
        resource_name_="shop-insights",
        api_version="2020-02-02",
        kind="web",
        properties={"Application_Type": "web"},
    )
    azure_native.resources.AzureCliScript(
        "warm-up",
        resource_group_name="web",
        kind="AzureCLI",
        az_cli_version="2.61.0",
        retention_interval="P1D",
        script_content="az webapp restart --name shop-web --resource-group web",
    )
