"""A PIM eligibility instead of an assignment: a contractor may activate Owner on the media resource
group whenever they like (no approval), which is Owner as far as the media go."""

import pulumi_azure_native as azure_native

SUBSCRIPTION = "/subscriptions/00000000-0000-4000-8000-000000000000"
OWNER = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635"


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
    )
    azure_native.authorization.PimRoleEligibilitySchedule(
        "contractor-eligible-owner",
        principal_id="9d2e7c44-0f1a-4b6e-8c3d-5a7b9e1f2c3d",
        role_definition_id=f"{SUBSCRIPTION}/providers/Microsoft.Authorization/roleDefinitions/{OWNER}",
        scope=f"{SUBSCRIPTION}/resourceGroups/rg",
        justification="on-call",
        schedule_info={"expiration": {"type": "NoExpiration"}},
    )
