"""The media-storage policies (`media_storage.policies`), importable without starting anything.

This directory is also the CrossGuard pack: `__main__.py` assembles these policies into it and
`PulumiPolicy.yaml` describes it (`media-storage pack-path` prints where it is installed). The
offline check (`media-storage check`, `check.py`) and the tests evaluate the same list.
"""

from pulumi_policy import EnforcementLevel

from . import (
    aws_iam,
    aws_s3,
    aws_s3_destinations,
    aws_s3_endpoints,
    aws_s3_lifecycle,
    azure_account_doors,
    azure_identity,
    azure_principals,
    azure_storage,
    azure_templates,
    cdn,
    r2,
    spaces,
    workload_trust,
)

PACK_NAME = "media-storage"
PACK_DESCRIPTION = (
    "Keeps Django media storage safe: private media never anonymous, TLS only, least-privilege "
    "credentials, and the data-safety nets (versioning, soft delete, lifecycle, protection)."
)
DEFAULT_ENFORCEMENT = EnforcementLevel.ADVISORY

ALL_POLICIES = [
    *aws_s3.POLICIES,
    *aws_iam.POLICIES,
    *azure_storage.POLICIES,
    *azure_identity.POLICIES,
    *spaces.POLICIES,
    *r2.POLICIES,
    *workload_trust.POLICIES,
    *cdn.POLICIES,
    # issue 12, Azure classes 9-11
    *azure_principals.POLICIES,
    *azure_account_doors.POLICIES,
    *azure_templates.POLICIES,
    # AWS exfiltration, takeover and data-loss paths (issue 12, classes 6 and 7).
    *aws_s3_destinations.POLICIES,
    *aws_s3_endpoints.POLICIES,
    *aws_s3_lifecycle.POLICIES,
]

__all__ = ["ALL_POLICIES", "DEFAULT_ENFORCEMENT", "PACK_DESCRIPTION", "PACK_NAME"]
