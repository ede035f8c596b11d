"""Class 5 (`*` narrowed by a condition): the private bucket grants `"Principal": "*"` s3:GetObject on all
objects, pinned only by `AWS:SourceArn` = a CloudFront distribution of the account that the program does not
declare (`arn:aws:cloudfront::123456789012:distribution/EEXISTING123`).

Why it is dangerous: that distribution (outside the program, no signed links required) serves every private
object to the internet. Why it passed (before the fix, red-team review): `aws:SourceArn` counts as an account pin for `*`, so the statement is
neither anonymous nor foreign, and the `others` (service principal) branch never runs. The same statement with
`{"Service": "cloudfront.amazonaws.com"}` IS caught (CloudFront may read private media only for a declared,
signed-only distribution); writing `*` instead of the service principal bypasses that rule.

Caught by: `s3-no-foreign-principals` (service reads of private media) or
`s3-anonymous-read-only-public-objects`, mandatory: a `*` pinned by aws:SourceArn/aws:SourceAccount stands
for service principals and must be judged like them.
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
                        "Sid": "Cdn",
                        "Effect": "Allow",
                        "Principal": "*",
                        "Action": "s3:GetObject",
                        "Resource": "arn:aws:s3:::corp-media/*",
                        "Condition": {
                            "StringEquals": {
                                "AWS:SourceArn": f"arn:aws:cloudfront::{ACCOUNT}:distribution/EEXISTING123"
                            }
                        },
                    },
                ],
            }
        ),
    )
