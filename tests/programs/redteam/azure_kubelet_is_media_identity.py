"""The AKS cluster's kubelet identity is the media identity ("one identity for everything"): every
pod of every namespace gets its tokens from the node and reads and writes the private media."""

import pulumi_azure_native as azure_native

SUBSCRIPTION = "/subscriptions/00000000-0000-4000-8000-000000000000"


def program() -> None:
    app = azure_native.managedidentity.UserAssignedIdentity(
        "app", resource_name_="shop-media", resource_group_name="rg", tags={"media-storage:app": "shop"}
    )
    azure_native.containerservice.ManagedCluster(
        "aks",
        resource_group_name="rg",
        dns_prefix="shop",
        identity={
            "type": "UserAssigned",
            "user_assigned_identities": {
                f"{SUBSCRIPTION}/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/aks": {}
            },
        },
        identity_profile={
            "kubeletidentity": {"resource_id": app.id, "client_id": app.client_id, "object_id": app.principal_id}
        },
        agent_pool_profiles=[{"name": "system", "count": 2, "vm_size": "Standard_D4s_v5", "mode": "System"}],
    )
