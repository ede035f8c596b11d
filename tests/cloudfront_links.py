"""Verify a CloudFront signed link (canned policy) the way CloudFront does, with `cryptography` only."""

from __future__ import annotations

import base64
import json
import time
from urllib.parse import parse_qs, urlsplit, urlunsplit

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding


def _cloudfront_b64decode(text: str) -> bytes:
    """CloudFront's URL-safe base64: `-` for `+`, `_` for `=`, `~` for `/`."""
    return base64.b64decode(text.replace("-", "+").replace("_", "=").replace("~", "/"), validate=True)


def link_problem(url: str, public_key_pem: str, key_id: str, *, now: float | None = None) -> str | None:
    """Why CloudFront would refuse `url` (signed with a canned policy), or None when it accepts it."""
    parts = urlsplit(url)
    query = parse_qs(parts.query)
    if set(query) != {"Expires", "Signature", "Key-Pair-Id"}:
        return f"not a canned-policy signed link: {sorted(query)}"
    if query["Key-Pair-Id"] != [key_id]:
        return f"signed for key {query['Key-Pair-Id']}, not {key_id}"
    expires = int(query["Expires"][0])
    resource = urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))
    policy = json.dumps(
        {"Statement": [{"Resource": resource, "Condition": {"DateLessThan": {"AWS:EpochTime": expires}}}]},
        separators=(",", ":"),
    )
    key = serialization.load_pem_public_key(public_key_pem.encode())
    try:  # CloudFront signs with RSA and SHA-1
        key.verify(_cloudfront_b64decode(query["Signature"][0]), policy.encode(), padding.PKCS1v15(), hashes.SHA1())
    except InvalidSignature:
        return "the signature does not verify against the public key"
    if (time.time() if now is None else now) >= expires:
        return f"expired at {expires}"
    return None
