"""The media-storage CrossGuard policy pack: `pulumi preview --policy-pack "$(media-storage pack-path)"`.

The CLI runs this file with `python -m pulumi.policy`, which puts this directory first on
`sys.path`. Constructing the PolicyPack starts the analyzer server and blocks, so this file
only assembles it; the policies live in the `media_storage.policies` package.
"""

import sys
from pathlib import Path

# This directory is a package of media_storage, not a source root: its modules (`cors`,
# `resources`, ...) must not shadow top-level modules of the same names.
_here = str(Path(__file__).resolve().parent)
sys.path[:] = [entry for entry in sys.path if str(Path(entry or ".").resolve()) != _here]

from media_storage.policies import ALL_POLICIES, DEFAULT_ENFORCEMENT, PACK_DESCRIPTION, PACK_NAME  # noqa: E402
from pulumi_policy import PolicyPack  # noqa: E402

PolicyPack(
    name=PACK_NAME,
    policies=ALL_POLICIES,
    enforcement_level=DEFAULT_ENFORCEMENT,
    description=PACK_DESCRIPTION,
)
