"""Public exposure: an `aws.s3.ObjectCopy` copies `corp-media/contracts/contract.pdf` (a private bucket's
object) into the public bucket `corp-public`, which anonymous users may read.

Why it is dangerous: private media becomes world-readable through a copy; nothing about the bucket policies
or ACLs changes. Why it passed (before the fix, red-team review): `ObjectCopy` is judged only for its ACL and for its destination `bucket`
being declared; its `source` (bucket/key) is never compared with the visibility of the source bucket. The
same holds for a source in an undeclared bucket.

Caught by: `s3-anonymous-read-only-public-objects` (or a new rule), mandatory: an object copied from a
private (or undeclared) bucket into a public one.
"""

import json

import pulumi_aws as aws
from _baseline import ACCOUNT, app_role, secure_bucket, tls_only


def program() -> None:
    aws.Provider("main", allowed_account_ids=[ACCOUNT], region="us-east-1")
    secure_bucket("media")
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
    aws.s3.ObjectCopy("leak", bucket=public.id, key="shared/contract.pdf", source="corp-media/contracts/contract.pdf")
