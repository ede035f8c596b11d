"""Physical names of the cloud resources, derived from the app slug and the environment.

Pure functions (no Pulumi import) so every rule can be tested for every valid slug.

Bucket and storage account names are global across all customers of the cloud, so they end
in a digest of the owning account (AWS account id, Azure subscription id), the app and the
environment: the same inputs always give the same name (a stack can be re-created or
imported), while two customers with the same app slug and stack name do not collide.
"""

from __future__ import annotations

import hashlib
import re

APP_SLUG_PATTERN = r"^[a-z][a-z0-9-]{2,31}$"
"""An app slug: lowercase letters, digits and `-`, 3 to 32 characters, starting with a letter."""

S3_BUCKET_NAME_MAX = 63
IAM_NAME_MAX = 64
STORAGE_ACCOUNT_NAME_MAX = 24

# S3 rejects names with these prefixes and suffixes (AWS "General purpose bucket naming rules").
S3_RESERVED_PREFIXES = ("xn--", "sthree-", "amzn-s3-demo-")
S3_RESERVED_SUFFIXES = ("-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3")
_RESERVED_PREFIX_ESCAPE = "ms-"

_DIGEST_LENGTH = 8


def digest(*parts: str, length: int = _DIGEST_LENGTH) -> str:
    """A short, stable lowercase hex digest of `parts` (not a security measure, a name suffix)."""
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:length]


def environment_label(environment: str, max_length: int, *, separator: str = "-") -> str:
    """The environment (usually the stack name) as a lowercase DNS-safe label.

    A name that is already a short lowercase label is used as is. Otherwise characters other
    than ``a-z0-9`` become `separator`, the label is cut to `max_length`, and it ends in a
    digest of the full name, so `Prod`, `prod` and `prod.eu`/`prod-eu` never share a label.
    """
    label = re.sub(r"[^a-z0-9]+", separator, environment.lower()).strip("-") or "env"
    if label == environment and len(label) <= max_length:
        return label
    tail = digest(environment, length=min(6, max_length))
    keep = max_length - len(tail) - len(separator)
    if keep <= 0:
        return tail
    return f"{label[:keep].rstrip('-')}{separator}{tail}"


def s3_bucket_name(app: str, environment: str, visibility: str, account_id: str) -> str:
    """The bucket name for one visibility (`public` or `private`) of an app's environment.

    ``{app}-{environment}-{visibility}-{digest(account, app, environment)}``, shortened to
    S3's 63 characters by shortening the environment label, and prefixed with ``ms-`` in
    the rare case the slug starts with a prefix S3 reserves (``sthree-``, ``amzn-s3-demo-``);
    runs of ``-`` in the slug collapse, so ``xn--`` cannot start a name.
    """
    suffix = f"-{visibility}-{digest(account_id, app, environment)}"
    head = re.sub(r"-{2,}", "-", app).rstrip("-")
    if f"{head}-".startswith(S3_RESERVED_PREFIXES):
        head = _RESERVED_PREFIX_ESCAPE + head
    budget = S3_BUCKET_NAME_MAX - len(head) - len(suffix) - 1
    return f"{head}-{environment_label(environment, budget)}{suffix}"


def scoped_name(app: str, environment: str, role: str) -> str:
    """A name unique within an account or subscription, ``{app}-{environment}-{role}``.

    Within 64 characters, so it is valid as an IAM user or role name and as an Azure
    resource group or managed identity name.
    """
    budget = IAM_NAME_MAX - len(app) - len(role) - 2
    return f"{app}-{environment_label(environment, budget)}-{role}"


def storage_account_name(app: str, environment: str, visibility: str, subscription_id: str) -> str:
    """An Azure storage account name: 3 to 24 lowercase letters and digits, globally unique.

    ``{app}{environment}`` without separators, cut to 15 characters, then ``pub`` or ``prv``
    and six hex digits of a digest of the subscription, app and environment.
    """
    base = (re.sub(r"[^a-z0-9]", "", app) + re.sub(r"[^a-z0-9]", "", environment.lower()))[:15]
    marker = "pub" if visibility == "public" else "prv"
    return f"{base}{marker}{digest(subscription_id, app, environment, length=6)}"


def is_valid_s3_bucket_name(name: str) -> bool:
    """Whether `name` satisfies S3's rules for general purpose bucket names.

    We never create names with dots (they break virtual-hosted TLS), so dots are refused.
    """
    return (
        3 <= len(name) <= S3_BUCKET_NAME_MAX
        and re.fullmatch(r"[a-z0-9][a-z0-9-]*[a-z0-9]", name) is not None
        and not name.startswith(S3_RESERVED_PREFIXES)
        and not name.endswith(S3_RESERVED_SUFFIXES)
    )


def is_valid_storage_account_name(name: str) -> bool:
    """Whether `name` is a valid Azure storage account name."""
    return re.fullmatch(r"[a-z0-9]{3,24}", name) is not None


def is_valid_iam_name(name: str) -> bool:
    """Whether `name` is a valid IAM user or role name (``[\\w+=,.@-]``, 1 to 64 characters)."""
    return re.fullmatch(r"[\w+=,.@-]{1,64}", name, flags=re.ASCII) is not None
