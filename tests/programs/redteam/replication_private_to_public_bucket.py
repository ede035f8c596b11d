"""Public exposure: the private bucket `corp-media` replicates every object into the program's public bucket
`corp-public`, which anonymous users may read (s3:GetObject), using an existing role named by ARN.

Why it is dangerous: every private object (present and future) becomes world-readable in the public bucket.
Why it passed (before the fix, red-team review): `BucketReplicationConfig` is judged by no policy; both buckets and the public read are fine on
their own, and nothing relates a private source to a public destination.

Caught by: `s3-replication-stays-in-program`, mandatory; in a first preview too (the destination ARN is unknown there, but the public bucket it is computed from is known).
"""

import json

import pulumi_aws as aws
from _baseline import ACCOUNT, app_role, secure_bucket, tls_only


def program() -> None:
    aws.Provider("main", allowed_account_ids=[ACCOUNT], region="us-east-1")
    private = secure_bucket("media")
    app_role()
    public = secure_bucket("public", "public", with_policy=False)
    aws.s3.BucketPolicy(
        "public-policy",
        bucket=public.id,
        policy=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    tls_only("corp-public"),
                    {
                        "Effect": "Allow",
                        "Principal": "*",
                        "Action": "s3:GetObject",
                        "Resource": "arn:aws:s3:::corp-public/*",
                    },
                ],
            }
        ),
    )
    aws.s3.BucketReplicationConfig(
        "media-to-public",
        bucket=private.id,
        role=f"arn:aws:iam::{ACCOUNT}:role/existing-replication",
        rules=[
            {
                "id": "all",
                "status": "Enabled",
                "filter": {},
                "delete_marker_replication": {"status": "Disabled"},
                "destination": {"bucket": public.arn},
            }
        ],
    )
