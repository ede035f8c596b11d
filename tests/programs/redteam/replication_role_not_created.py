"""Class 6 + fail closed (the replication role is one the program does not create): the private media bucket
replicates into `corp-media-replica`, a private bucket the program declares, as
`arn:aws:iam::123456789012:role/existing-replication`, a role the program does not create.

Why it is dangerous: the replication role must read every object of the bucket; who may assume it (its trust)
and what else it may do (its policies) are outside the program, so a copy of all private media is one
assumption away from anyone its trust admits. Why it passed (before the fix): the replication role was not
judged, only the destination. Caught by: `s3-replication-stays-in-program`, mandatory, also in a first
preview (create the role in the program, or list its ARN in `allowedPrincipals`).
"""

import pulumi_aws as aws
from _baseline import ACCOUNT, app_role, secure_bucket


def program() -> None:
    aws.Provider("main", allowed_account_ids=[ACCOUNT], region="us-east-1")
    media = secure_bucket("media")
    replica = secure_bucket("media-replica")
    app_role()
    aws.s3.BucketReplicationConfig(
        "media-replication",
        bucket=media.id,
        role=f"arn:aws:iam::{ACCOUNT}:role/existing-replication",
        rules=[
            {
                "id": "all",
                "status": "Enabled",
                "filter": {},
                "delete_marker_replication": {"status": "Enabled"},
                "destination": {"bucket": replica.arn},
            }
        ],
    )
