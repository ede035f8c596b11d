"""Foreign principals + 8 (policy as an object): the private bucket's policy, given as an object, lets
`arn:aws:iam::999999999999:role/corp-app` read every object; the program creates its own role `corp-app`.

Why it is dangerous: account 999999999999 (the provider pins 123456789012) reads private media. Why it
passes: `aws_accounts._of_created_resources` treats the account of any bare IAM ARN in any input whose name
part equals a role/user/group/policy the program creates as "own"; the object-valued `policy` input holds the
foreign ARN as a bare string, so the grant whitelists itself. (The same statement as JSON text is caught.)

Caught by: `s3-no-foreign-principals`, mandatory.
"""

import pulumi_aws as aws
from _baseline import ACCOUNT, app_role, secure_bucket, tls_only


def program() -> None:
    aws.Provider("main", allowed_account_ids=[ACCOUNT], region="us-east-1")
    bucket = secure_bucket("media", with_policy=False)
    app_role()
    aws.s3.BucketPolicy(
        "media-policy",
        bucket=bucket.id,
        policy={
            "Version": "2012-10-17",
            "Statement": [
                tls_only("corp-media"),
                {
                    "Effect": "Allow",
                    "Principal": {"AWS": "arn:aws:iam::999999999999:role/corp-app"},
                    "Action": "s3:GetObject",
                    "Resource": "arn:aws:s3:::corp-media/*",
                },
            ],
        },
    )
