"""Storage DSNs in the URL format of the `django-storage-url` package, and Azure connection strings.

Some Django projects configure storage from one URL per storage (`DEFAULT_STORAGE_DSN`)
with `django-storage-url`. These functions build those URLs from the same values as the
rest of the env contract. Pure standard library, no Pulumi.
"""

from __future__ import annotations

from urllib.parse import quote, urlencode

BUCKET_OWNER_FULL_CONTROL = "bucket-owner-full-control"
"""The only canned ACL a bucket with ACLs disabled (`BucketOwnerEnforced`) accepts.

django-storage-url sends `public-read` unless the DSN names an ACL, and such a bucket
rejects that with `AccessControlListNotSupported`.
"""


def s3_dsn(
    *,
    access_key_id: str,
    secret_access_key: str,
    bucket: str,
    region: str,
    signed_urls: bool,
    custom_domain: str | None = None,
) -> str:
    """``s3://KEY:SECRET@BUCKET.s3.REGION.amazonaws.com/?...`` for one bucket.

    The credentials are percent-encoded (real secrets contain ``/`` and ``+``). A private
    storage sets `signed_urls` (``qs_auth=true``) and must not pass a custom domain: with
    one, django-storages stops signing links.
    """
    if signed_urls and custom_domain:
        raise ValueError("a storage with signed URLs cannot use a custom domain")
    dns_suffix = "amazonaws.com.cn" if region.startswith("cn-") else "amazonaws.com"
    query = {"acl": BUCKET_OWNER_FULL_CONTROL, "auth": "s3v4", "addressing_style": "virtual"}
    if signed_urls:
        query["qs_auth"] = "true"
    if custom_domain:
        query["domain"] = custom_domain
    user = quote(access_key_id, safe="")
    password = quote(secret_access_key, safe="")
    return f"s3://{user}:{password}@{bucket}.s3.{region}.{dns_suffix}/?{urlencode(query)}"


AZURE_ENDPOINT_SUFFIX = "core.windows.net"


def azure_dsn(*, account_name: str, account_key: str, container: str, custom_domain: str | None = None) -> str:
    """``az://ACCOUNT:KEY@blob.core.windows.net/CONTAINER`` for one container, key percent-encoded.

    django-storage-url's Azure backend cannot sign links, so only public storage has a DSN.
    """
    query = f"?{urlencode({'domain': custom_domain})}" if custom_domain else ""
    key = quote(account_key, safe="")
    return f"az://{account_name}:{key}@blob.{AZURE_ENDPOINT_SUFFIX}/{container}{query}"


def azure_connection_string(*, account_name: str, account_key: str) -> str:
    """The connection string of a storage account, as the Azure portal shows it (HTTPS only)."""
    return (
        f"DefaultEndpointsProtocol=https;AccountName={account_name};"
        f"AccountKey={account_key};EndpointSuffix={AZURE_ENDPOINT_SUFFIX}"
    )
