"""Secure baseline (a red-team false positive): the AWS-recommended delegation of a private bucket's
access control to its access points, `*` held by `StringEquals s3:DataAccessPointAccount` to the program's
own account; the access point blocks public access and has no policy of its own.
"""

import json

import pulumi
import pulumi_aws as aws
from _baseline import ACCOUNT, app_role, secure_bucket, tls_only


def program() -> None:
    main = aws.Provider("main", allowed_account_ids=[ACCOUNT], region="us-east-1")
    bucket = secure_bucket("media", with_policy=False)
    app_role()
    aws.s3.AccessPoint("media-ap", bucket=bucket.id, name="corp-media-ap", opts=pulumi.ResourceOptions(provider=main))
    aws.s3.BucketPolicy(
        "media-policy",
        bucket=bucket.id,
        opts=pulumi.ResourceOptions(provider=main),
        policy=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    tls_only("corp-media"),
                    {
                        "Effect": "Allow",
                        "Principal": {"AWS": "*"},
                        "Action": "*",
                        "Resource": ["arn:aws:s3:::corp-media", "arn:aws:s3:::corp-media/*"],
                        "Condition": {"StringEquals": {"s3:DataAccessPointAccount": ACCOUNT}},
                    },
                ],
            }
        ),
    )
