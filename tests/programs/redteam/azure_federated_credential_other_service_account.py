"""The allowlisted cluster, but a subject that is not the app's service account, on an identity the
program names by a literal (the SDK's args class cannot carry `resource_name`, so keywords)."""

import pulumi_azure_native as azure_native


def program() -> None:
    azure_native.managedidentity.FederatedIdentityCredential(
        "debug-pod",
        resource_name_="shop-media",
        resource_group_name="rg",
        federated_identity_credential_resource_name="debug-pod",
        issuer="https://westeurope.oic.prod-aks.azure.com/tenant/cluster/",
        subject="system:serviceaccount:default:default",
        audiences=["api://AzureADTokenExchange"],
    )
