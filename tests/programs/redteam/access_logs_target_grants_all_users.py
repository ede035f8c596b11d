"""Class 6 (access logs exposed): the private bucket's access logs go to a private, declared log bucket, but the
`BucketLoggingV2` adds `target_grants` giving `AllUsers` READ on every log object it delivers.

Why it is dangerous: access logs hold every request's URI, presigned query strings included, i.e. working links
to private media. Why it passed (before the fix, red-team review of classes 6/7): only the target bucket was
judged, not the grants on the delivered objects. Caught by: `s3-exports-stay-in-program`, mandatory, also in a
first preview.
"""

import pulumi_aws as aws
from _baseline import ACCOUNT, app_role, secure_bucket


def program() -> None:
    aws.Provider("main", allowed_account_ids=[ACCOUNT], region="us-east-1")
    bucket = secure_bucket("media")
    logs = secure_bucket("logs")
    app_role()
    aws.s3.BucketLoggingV2(
        "media-logging",
        bucket=bucket.id,
        target_bucket=logs.id,
        target_prefix="media/",
        target_grants=[
            {
                "grantee": {"type": "Group", "uri": "http://acs.amazonaws.com/groups/global/AllUsers"},
                "permission": "READ",
            }
        ],
    )
