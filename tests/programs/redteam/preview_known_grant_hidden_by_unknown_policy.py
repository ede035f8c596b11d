"""Preview fail-open (public exposure): the private bucket's inline `policy` (legacy `aws.s3.Bucket.policy`)
grants `"*"` s3:GetObject, a fully known value; a separate `BucketPolicy` whose document is computed from
`bucket.arn` (unknown in a first preview) is attached to the same bucket.

Why it is dangerous: a first `pulumi preview` (the PR gate) shows no violation at all for a known anonymous
read of private media. Why it passed in preview (before the fix, red-team review): `_bucket_policies` returns None when ANY of the bucket's
policy sources is unknown, so `_allow_statements` skips the whole bucket, including the known inline
document. (`pulumi up` does report it.)

Caught by: `s3-anonymous-read-only-public-objects`, mandatory (judge every known document;
skip only the unknown one).
"""

import json

import pulumi
import pulumi_aws as aws
from _baseline import ACCOUNT, app_role, tls_only


def program() -> None:
    aws.Provider("main", allowed_account_ids=[ACCOUNT], region="us-east-1")
    bucket = aws.s3.Bucket(
        "media",
        bucket="corp-media",
        tags={"media-storage:visibility": "private"},
        policy=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Principal": "*",
                        "Action": "s3:GetObject",
                        "Resource": "arn:aws:s3:::corp-media/*",
                    }
                ],
            }
        ),
        opts=pulumi.ResourceOptions(protect=True),
    )
    aws.s3.BucketPublicAccessBlock(
        "media-block",
        bucket=bucket.id,
        block_public_acls=True,
        ignore_public_acls=True,
        block_public_policy=True,
        restrict_public_buckets=True,
    )
    aws.s3.BucketOwnershipControls(
        "media-ownership", bucket=bucket.id, rule={"object_ownership": "BucketOwnerEnforced"}
    )
    aws.s3.BucketServerSideEncryptionConfigurationV2(
        "media-encryption",
        bucket=bucket.id,
        rules=[{"apply_server_side_encryption_by_default": {"sse_algorithm": "AES256"}}],
    )
    aws.s3.BucketVersioningV2("media-versioning", bucket=bucket.id, versioning_configuration={"status": "Enabled"})
    aws.s3.BucketLifecycleConfigurationV2(
        "media-lifecycle",
        bucket=bucket.id,
        rules=[
            {
                "id": "abort",
                "status": "Enabled",
                "filter": {},
                "abort_incomplete_multipart_upload": {"days_after_initiation": 7},
            }
        ],
    )
    aws.s3.BucketPolicy(
        "media-tls",
        bucket=bucket.id,
        policy=bucket.arn.apply(
            lambda arn: json.dumps({"Version": "2012-10-17", "Statement": [tls_only(arn.split(":::")[-1])]})
        ),
    )
    app_role()
