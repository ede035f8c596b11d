"""Class 1 (trust): a role with NO IAM policy, assumable by anyone (`Principal: {"AWS": "*"}`), is granted
s3:GetObject on the private bucket by the bucket's own policy (principal = the role's ARN).

Why it is dangerous: any AWS principal in any account assumes `corp-reader` and reads every private object
(same-account bucket-policy grants need no identity policy). Why it passed (before the fix, red-team review): `role_reaches_media` looks only
at the role's tags, inline/RolePolicy documents and managed attachments, never at bucket policies naming the
role, so the trust is not judged; `s3-no-foreign-principals` sees only the role's own (program) account.

Caught by: `iam-role-trust-own-accounts`, mandatory (a role named by a bucket policy's Allow reaches media).
"""

import json

import pulumi
import pulumi_aws as aws
from _baseline import ACCOUNT, app_role, secure_bucket, tls_only


def program() -> None:
    aws.Provider("main", allowed_account_ids=[ACCOUNT], region="us-east-1")
    bucket = secure_bucket("media", with_policy=False)
    app_role()
    reader = aws.iam.Role(
        "reader",
        name="corp-reader",
        assume_role_policy=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"}],
            }
        ),
    )
    aws.s3.BucketPolicy(
        "media-policy",
        bucket=bucket.id,
        policy=pulumi.Output.all(bucket.bucket, reader.arn).apply(
            lambda args: json.dumps(
                {
                    "Version": "2012-10-17",
                    "Statement": [
                        tls_only(args[0]),
                        {
                            "Effect": "Allow",
                            "Principal": {"AWS": args[1]},
                            "Action": "s3:GetObject",
                            "Resource": f"arn:aws:s3:::{args[0]}/*",
                        },
                    ],
                }
            )
        ),
    )
