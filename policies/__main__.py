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

import pulumi_policy.policy  # noqa: E402
from media_storage.policies import ALL_POLICIES, DEFAULT_ENFORCEMENT, PACK_DESCRIPTION, PACK_NAME  # noqa: E402
from media_storage.policies.analyzer import PackAnalyzer  # noqa: E402
from pulumi_policy import PolicyPack  # noqa: E402

# `PolicyPack` serves the analyzer class of this name; serve ours, which decodes each resource
# once per request instead of once per policy (see `analyzer.py`), as the offline check does.
pulumi_policy.policy._PolicyAnalyzerServicer = PackAnalyzer

PolicyPack(
    name=PACK_NAME,
    policies=ALL_POLICIES,
    enforcement_level=DEFAULT_ENFORCEMENT,
    description=PACK_DESCRIPTION,
)
