"""The media-storage CrossGuard policy pack: `pulumi preview --policy-pack policies`.

Constructing the PolicyPack starts the analyzer server and blocks, so this file only
assembles it; the policies live in `media_storage_policies`.
"""

from media_storage_policies import ALL_POLICIES, DEFAULT_ENFORCEMENT, PACK_DESCRIPTION, PACK_NAME
from pulumi_policy import PolicyPack

PolicyPack(
    name=PACK_NAME,
    policies=ALL_POLICIES,
    enforcement_level=DEFAULT_ENFORCEMENT,
    description=PACK_DESCRIPTION,
)
