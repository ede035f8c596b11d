"""Class 5 (`*` narrowed by a condition): the private bucket grants `"Principal": "*"` `s3:*` on the bucket
and its objects when `aws:SourceAccount` equals the program's own account.

Why it is dangerous: aws:SourceAccount is set by AWS services acting for a resource; this grants EVERY service
principal acting for ANY resource in the account full control of private media: any CloudFront distribution
(public, unsigned), any Lambda URL / SNS / EventBridge target, log delivery, etc., and s3:* includes
PutBucketPolicy and DeleteBucket. Why it passed (before the fix, red-team review): `_pinning` treats aws:SourceAccount as pinning the `*` to an
own account, so the statement counts as the account itself, not as service principals.

Caught by: `s3-no-foreign-principals` / `s3-anonymous-read-only-public-objects`, mandatory (a `*` pinned
only by a source key is "any service principal": judge it like `Service` principals).
"""

import json

import pulumi_aws as aws
from _baseline import ACCOUNT, app_role, secure_bucket, tls_only


def program() -> None:
    aws.Provider("main", allowed_account_ids=[ACCOUNT], region="us-east-1")
    bucket = secure_bucket("media", with_policy=False)
    app_role()
    aws.s3.BucketPolicy(
        "media-policy",
        bucket=bucket.id,
        policy=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    tls_only("corp-media"),
                    {
                        "Sid": "Services",
                        "Effect": "Allow",
                        "Principal": "*",
                        "Action": "s3:*",
                        "Resource": ["arn:aws:s3:::corp-media", "arn:aws:s3:::corp-media/*"],
                        "Condition": {"StringEquals": {"aws:SourceAccount": ACCOUNT}},
                    },
                ],
            }
        ),
    )
