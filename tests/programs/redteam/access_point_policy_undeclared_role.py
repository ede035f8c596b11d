"""Class 6 + 2 (access point policy to a principal the program does not create): an access point on the private
bucket (the bucket policy delegating to the account's access points, AWS's pattern) whose
`s3control.AccessPointPolicy` lets in `arn:aws:iam::123456789012:user/legacy-export`, a user the program does
not create.

Why it is dangerous: whoever holds that user's keys reads private media through the access point. Caught by:
`s3-access-points-private`, mandatory.
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
                        "Sid": "DelegateToAccessPoints",
                        "Effect": "Allow",
                        "Principal": {"AWS": "*"},
                        "Action": "s3:GetObject",
                        "Resource": "arn:aws:s3:::corp-media/*",
                        "Condition": {"StringEquals": {"s3:DataAccessPointAccount": ACCOUNT}},
                    },
                ],
            }
        ),
    )
    point = aws.s3.AccessPoint("exports", bucket=bucket.id, name="corp-exports")
    aws.s3control.AccessPointPolicy(
        "exports-policy",
        access_point_arn=point.arn,
        policy=point.arn.apply(
            lambda arn: json.dumps(
                {
                    "Version": "2012-10-17",
                    "Statement": [
                        {
                            "Effect": "Allow",
                            "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:user/legacy-export"},
                            "Action": "s3:GetObject",
                            "Resource": f"{arn}/object/*",
                        }
                    ],
                }
            )
        ),
    )
