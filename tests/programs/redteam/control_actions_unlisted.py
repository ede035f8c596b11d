"""Class 3 (dangerous explicit actions): the tagged media role holds `s3:DeleteObjectVersion` (permanently
destroys versions, defeating the versioning safety net), `s3:DeleteBucketOwnershipControls` (re-enables
ACLs) and `s3:PutBucketNotification` (streams every object key to any SNS/SQS/Lambda target, including
another account's) on its own bucket.

Why it is dangerous: a compromised app erases private media beyond recovery, or reopens ACLs / exfiltrates
object metadata. Why it passed (before the fix, red-team review): `BUCKET_CONTROL_ACTIONS` lists Put* controls and s3:DeleteBucket but not
these; the actions are exact names on the program's media bucket, so no wildcard/resource rule fires.

Caught by: `iam-s3-least-privilege`, mandatory.
"""

import json

import pulumi_aws as aws
from _baseline import ACCOUNT, app_role, secure_bucket


def program() -> None:
    aws.Provider("main", allowed_account_ids=[ACCOUNT], region="us-east-1")
    secure_bucket("media")
    role = app_role()
    aws.iam.RolePolicy(
        "app-control",
        role=role.id,
        policy=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {"Effect": "Allow", "Action": "s3:DeleteObjectVersion", "Resource": "arn:aws:s3:::corp-media/*"},
                    {
                        "Effect": "Allow",
                        "Action": ["s3:DeleteBucketOwnershipControls", "s3:PutBucketNotification"],
                        "Resource": "arn:aws:s3:::corp-media",
                    },
                ],
            }
        ),
    )
