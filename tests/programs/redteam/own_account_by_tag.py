"""Class 1 (trust) + foreign principals: one tag whose value is a foreign IAM ARN naming a role the program
creates (`arn:aws:iam::999999999999:role/corp-app`) makes account 999999999999 "own" for the whole stack;
then a role whose trust lets 999999999999's root in and a bucket policy granting it reads both pass.

Why it is dangerous: another account assumes a media role and reads the private bucket directly. The
provider pins the real account (allowedAccountIds 123456789012). Why it passed (before the fix, red-team review):
`aws_accounts._of_created_resources` scans every string of every input of every aws: resource (tags too)
for IAM ARNs whose last path segment is a created name and adds their account to the own accounts.

Variant (confirmed, update only): instead of the tag, any top-level string input computed from a program
resource whose value is an ARN, e.g. `description=bucket.arn.apply(lambda _: "arn:aws:iam::999999999999:root")`
on the partner role, adds 999999999999 through the "ARN computed from a resource of the program" rule.

Caught by: `iam-role-trust-own-accounts` and `s3-no-foreign-principals`, mandatory. (Without the tag both
fire.)
"""

import json

import pulumi_aws as aws
from _baseline import ACCOUNT, app_role, media_objects, secure_bucket, tls_only


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
                        "Effect": "Allow",
                        "Principal": {"AWS": "arn:aws:iam::999999999999:root"},
                        "Action": "s3:GetObject",
                        "Resource": "arn:aws:s3:::corp-media/*",
                    },
                ],
            }
        ),
    )
    partner = aws.iam.Role(
        "partner",
        name="corp-partner",
        tags={"peer": "arn:aws:iam::999999999999:role/corp-app"},  # the whole trick
        assume_role_policy=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Principal": {"AWS": "arn:aws:iam::999999999999:root"},
                        "Action": "sts:AssumeRole",
                    }
                ],
            }
        ),
    )
    aws.iam.RolePolicy("partner-media", role=partner.id, policy=media_objects("corp-media"))
