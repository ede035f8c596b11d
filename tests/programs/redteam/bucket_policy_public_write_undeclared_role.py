"""Class 2 + integrity (writes to public media by a principal the program does not create): the public
bucket's policy, beside the anonymous read, grants `s3:PutObject` and `s3:DeleteObject` to
`arn:aws:iam::123456789012:role/legacy-uploader`, a role of the own account the program does not create.

Why it is dangerous: whoever may assume legacy-uploader replaces or deletes what the site serves to everyone
(defacement, malware served from the company's domain). Reads of public media are anyone's, so only grants
beyond reads are judged on a public bucket. Caught by: `s3-no-foreign-principals`, mandatory, also in a first
preview.
"""

import json

import pulumi_aws as aws
from _baseline import ACCOUNT, app_role, secure_bucket, tls_only


def program() -> None:
    aws.Provider("main", allowed_account_ids=[ACCOUNT], region="us-east-1")
    secure_bucket("media")
    bucket = secure_bucket("public", "public", with_policy=False)
    app_role()
    aws.s3.BucketPolicy(
        "public-policy",
        bucket=bucket.id,
        policy=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    tls_only("corp-public"),
                    {
                        "Sid": "PublicRead",
                        "Effect": "Allow",
                        "Principal": "*",
                        "Action": "s3:GetObject",
                        "Resource": "arn:aws:s3:::corp-public/*",
                    },
                    {
                        "Sid": "LegacyUploader",
                        "Effect": "Allow",
                        "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:role/legacy-uploader"},
                        "Action": ["s3:PutObject", "s3:DeleteObject"],
                        "Resource": "arn:aws:s3:::corp-public/*",
                    },
                ],
            }
        ),
    )
