"""Offline preview fidelity (class 4): an existing private bucket is looked up with
`aws.s3.Bucket.get("legacy", "corp-legacy-private")`, then given an anonymous-read `BucketPolicy` and an
all-off `BucketPublicAccessBlock` through the looked-up outputs.

Why it matters: in `media-storage check --preview` (and `run_program(..., preview=True)`) this passes with no
violation; on update it fails (s3-configures-declared-buckets + s3-anonymous-read-only-public-objects). The
Pulumi engine performs `.get()` reads during a preview, so their outputs are known there; the offline mock
marks them unknown, so the policies skip every resource that names the bucket through them. (The update
run also shows the mock inventing the read bucket's name, `legacy-<hex>`, instead of the id it was read by.)

Caught by: s3-configures-declared-buckets and s3-anonymous-read-only-public-objects,
mandatory (resolve read resources' ids/names offline as the engine does, or treat resources depending on an
unknown read as undeclared).
"""

import json

import pulumi_aws as aws
from _baseline import ACCOUNT, app_role, secure_bucket


def program() -> None:
    aws.Provider("main", allowed_account_ids=[ACCOUNT], region="us-east-1")
    secure_bucket("media")
    app_role()
    legacy = aws.s3.Bucket.get("legacy", "corp-legacy-private")
    aws.s3.BucketPolicy(
        "legacy-policy",
        bucket=legacy.bucket,
        policy=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Principal": "*",
                        "Action": "s3:GetObject",
                        "Resource": "arn:aws:s3:::corp-legacy-private/*",
                    }
                ],
            }
        ),
    )
    aws.s3.BucketPublicAccessBlock(
        "legacy-block",
        bucket=legacy.id,
        block_public_acls=False,
        ignore_public_acls=False,
        block_public_policy=False,
        restrict_public_buckets=False,
    )
