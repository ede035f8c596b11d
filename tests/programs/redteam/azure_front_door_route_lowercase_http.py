"""A Front Door route for the media that accepts plain http, its protocols written in lowercase
(ARM compares enums case-insensitively); it forwards over https only."""

import pulumi_azure_native as azure_native


def program() -> None:
    profile = azure_native.cdn.Profile(
        "cdn", resource_group_name="rg", location="global", sku={"name": "Standard_AzureFrontDoor"}
    )
    endpoint = azure_native.cdn.AFDEndpoint(
        "media", resource_group_name="rg", profile_name=profile.name, location="global"
    )
    group = azure_native.cdn.AFDOriginGroup(
        "origins",
        resource_group_name="rg",
        profile_name=profile.name,
        load_balancing_settings={"sample_size": 4, "successful_samples_required": 3},
    )
    azure_native.cdn.Route(
        "media-route",
        resource_group_name="rg",
        profile_name=profile.name,
        endpoint_name=endpoint.name,
        origin_group={"id": group.id},
        supported_protocols=["http", "https"],
        https_redirect="disabled",
        forwarding_protocol="HttpsOnly",
        patterns_to_match=["/*"],
    )
