"""Class 1 + foreign principals: a second `aws.Provider` (unused by any resource, or assuming a role in the
other account) with `allowed_account_ids=["999999999999"]` makes 999999999999 "own" for the whole stack;
then a media role trusting 999999999999's root and a bucket policy granting it reads both pass.

Why it is dangerous: another account assumes the media role / reads private media. The main provider pins
123456789012. Why it passed (before the fix, red-team review): `_allowed_by_providers` unions the `allowedAccountIds` of every AWS provider
resource in the program, whether or not any resource uses it; the program under review defines its own
"own accounts".

Caught by: `iam-role-trust-own-accounts` and `s3-no-foreign-principals`, mandatory (count only the accounts
of providers that deploy the judged resources, or require trustedAccounts in policy config for any account
beyond the deploying one).
"""

import json

import pulumi_aws as aws
from _baseline import ACCOUNT, media_objects, secure_bucket, tls_only


def program() -> None:
    aws.Provider("main", allowed_account_ids=[ACCOUNT], region="us-east-1")
    aws.Provider(
        "partner",
        allowed_account_ids=["999999999999"],
        region="us-east-1",
        assume_roles=[{"role_arn": "arn:aws:iam::999999999999:role/shared-deployer"}],
    )
    bucket = secure_bucket("media", with_policy=False)
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
    role = aws.iam.Role(
        "app",
        name="corp-app",
        tags={"media-storage:app": "shop"},
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
    aws.iam.RolePolicy("app-media", role=role.id, policy=media_objects("corp-media"))
