"""Class 2 + 5 (grants to principals the program does not create): the private bucket's policy grants
s3:GetObject (a) to `arn:aws:iam::123456789012:role/legacy-partner-access`, a role of the own account the
program does not create (its trust cannot be judged: it may well trust another account), and (b) to `"*"`
pinned by `aws:PrincipalAccount` = the own account, i.e. to EVERY user and role of the account, no identity
policy needed.

Why it is dangerous: whoever may act as any of those principals (foreign-trusted roles, CI roles, every
instance/Lambda role of the account) reads private media. Why it passed (before the fix, red-team review): bucket-policy principals are only
compared by account; `iam-s3-least-privilege` fails closed on IAM grants to principals the program does not
create ("the pack cannot judge who may act as them"), but the same grant written in the bucket policy, or to
the whole account through `*` + aws:PrincipalAccount, is accepted.

Caught by: `s3-no-foreign-principals`, mandatory, also in a first preview (create the role in the program, or list its ARN / the account root in `allowedPrincipals`).
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
                        "Sid": "LegacyPartner",
                        "Effect": "Allow",
                        "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:role/legacy-partner-access"},
                        "Action": "s3:GetObject",
                        "Resource": "arn:aws:s3:::corp-media/*",
                    },
                    {
                        "Sid": "WholeAccount",
                        "Effect": "Allow",
                        "Principal": "*",
                        "Action": "s3:GetObject",
                        "Resource": "arn:aws:s3:::corp-media/*",
                        "Condition": {"StringEquals": {"aws:PrincipalAccount": ACCOUNT}},
                    },
                ],
            }
        ),
    )
