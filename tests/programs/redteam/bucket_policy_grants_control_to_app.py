"""Class 3 (dangerous explicit actions) through a bucket policy: the private bucket's policy grants the media
role `corp-app` `s3:*` (including s3:PutBucketPolicy, s3:PutBucketAcl, s3:DeleteBucket,
s3:PutReplicationConfiguration, s3:PutLifecycleConfiguration) on the bucket and its objects.

Why it is dangerous: same-account bucket-policy grants need no IAM policy, so the app (or whoever compromises
it) can rewrite the bucket policy to let another account in (a named-account grant is not "public", so the
public access block does not stop it), replicate or expire the media, or delete the bucket. Why it passed (before the fix, red-team review):
wildcard / bucket-control actions are only judged in IAM documents (`iam-s3-least-privilege`); bucket-policy
statements are only judged for anonymous and foreign principals, and this principal is own-account.

Caught by: `iam-s3-least-privilege` (or a bucket-policy equivalent), mandatory.
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
                        "Sid": "App",
                        "Effect": "Allow",
                        "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:role/corp-app"},
                        "Action": "s3:*",
                        "Resource": ["arn:aws:s3:::corp-media", "arn:aws:s3:::corp-media/*"],
                    },
                ],
            }
        ),
    )
