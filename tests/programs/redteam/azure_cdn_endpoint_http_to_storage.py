"""A classic Azure CDN endpoint in front of the public media account, plain http left on
(isHttpAllowed defaults to true)."""

import pulumi_azure_native as azure_native


def program() -> None:
    profile = azure_native.cdn.Profile(
        "cdn", resource_group_name="rg", location="global", sku={"name": "Standard_Microsoft"}
    )
    azure_native.cdn.Endpoint(
        "media",
        resource_group_name="rg",
        profile_name=profile.name,
        location="global",
        origin_host_header="corppublic.blob.core.windows.net",
        origins=[{"name": "blob", "host_name": "corppublic.blob.core.windows.net"}],
    )
