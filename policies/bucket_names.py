"""Visibility of buckets that carry no tags (DigitalOcean Spaces, Cloudflare R2).

Neither provider lets a bucket carry tags, so the components say it in the name: public media
lives in `{app}-{environment}-public-{digest}`. Only a name that ends that way is public; every
other bucket is private (fail closed), whoever named it.
"""

from __future__ import annotations

import re
from typing import Any

from .resources import UNKNOWN

PUBLIC_NAME = re.compile(r".+-public-[0-9a-f]{8}")
"""How the components end the name of a public-media bucket (the digest is 8 hex digits)."""


def is_public_name(name: Any) -> bool | None:
    """True for a bucket named as public media, False for any other name, None if not known yet."""
    if name is UNKNOWN:
        return None
    return isinstance(name, str) and PUBLIC_NAME.fullmatch(name) is not None


def bucket_label(kind: str, resource: Any, name: Any) -> str:
    """How a violation names a bucket: its kind, logical name and, when known, its real name."""
    return f"{kind} {resource.name}" + (f" ({name})" if isinstance(name, str) else "")
