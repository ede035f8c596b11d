"""Foreign principals through ACLs: the private bucket `corp-media` (v7 `aws.s3.Bucket`, ACLs enabled with
`ObjectWriter` ownership) has inline `grants` giving a foreign canonical user FULL_CONTROL, and an
`aws.s3.ObjectCopy` grants the same canonical user READ on a copied object.

Why it is dangerous: canonical-user grants are cross-account grants that the public access block does NOT
neutralise (ignore_public_acls only ignores AllUsers/AuthenticatedUsers): the bucket grant lets the other
account list every key and overwrite or delete private media (and rewrite the bucket ACL), the object grant
lets it read the copied object. Why it passed (before the fix, red-team review): `s3-no-public-acls` flags a CanonicalUser grant only when an
`accessControlPolicy.owner.id` is present to compare with; `Bucket.grants` and `ObjectCopy.grants` carry no
owner, so any canonical id is accepted. Only the advisory `s3-acls-disabled` fires.

Caught by: `s3-no-public-acls`, mandatory ("grants ... another account", as documented).
"""

import json

import pulumi
import pulumi_aws as aws
from _baseline import ACCOUNT, app_role, tls_only


def program() -> None:
    aws.Provider("main", allowed_account_ids=[ACCOUNT], region="us-east-1")
    foreign = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"
    bucket = aws.s3.Bucket(
        "media",
        bucket="corp-media",
        tags={"media-storage:visibility": "private"},
        grants=[{"type": "CanonicalUser", "id": foreign, "permissions": ["FULL_CONTROL"]}],
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
    aws.s3.BucketOwnershipControls("media-ownership", bucket=bucket.id, rule={"object_ownership": "ObjectWriter"})
    aws.s3.BucketPolicy(
        "media-policy",
        bucket=bucket.id,
        policy=json.dumps({"Version": "2012-10-17", "Statement": [tls_only("corp-media")]}),
    )
    app_role()
    aws.s3.ObjectCopy(
        "shared-report",
        bucket=bucket.id,
        key="shared/report.pdf",
        source="corp-media/reports/report.pdf",
        grants=[{"type": "CanonicalUser", "id": foreign, "permissions": ["READ"]}],
    )
