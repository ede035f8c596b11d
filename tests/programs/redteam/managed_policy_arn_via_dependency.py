"""Class 2 (attachments by ARN): an attachment's `policy_arn` is computed from a harmless program `Policy`'s
output but its value is `arn:aws:iam::aws:policy/AdministratorAccess`
(`decoy.arn.apply(lambda _: "arn:aws:iam::aws:policy/AdministratorAccess")`); the role holding it is assumable
by anyone; a second attachment gives an untagged user AmazonS3FullAccess the same way.

Why it is dangerous: anyone becomes administrator (all private media); the user's keys read every bucket.
Why it passed (before the fix, red-team review): `_declared_policy` first returns any program `Policy` the `policyArn` input *depends on*,
without checking that the known ARN value is that policy's ARN, so the AWS managed policy is judged by the
decoy's harmless document: no "undeclared managed policy", the role does not "reach media" and its `*` trust
is never judged. (`linked()` for buckets refuses exactly this: "a dependency never overrides a known value".)

Caught by: `iam-s3-least-privilege` and `iam-role-trust-own-accounts`, mandatory.
"""

import json

import pulumi_aws as aws
from _baseline import ACCOUNT, app_role, secure_bucket


def program() -> None:
    aws.Provider("main", allowed_account_ids=[ACCOUNT], region="us-east-1")
    secure_bucket("media")
    app_role()
    decoy = aws.iam.Policy(
        "metrics",
        name="corp-metrics",
        policy=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [{"Effect": "Allow", "Action": "cloudwatch:PutMetricData", "Resource": "*"}],
            }
        ),
    )
    ops = aws.iam.Role(
        "ops",
        name="corp-ops",
        assume_role_policy=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"}],
            }
        ),
    )
    aws.iam.RolePolicyAttachment(
        "ops-admin", role=ops.name, policy_arn=decoy.arn.apply(lambda _: "arn:aws:iam::aws:policy/AdministratorAccess")
    )
    ci = aws.iam.User("ci", name="corp-ci")
    aws.iam.AccessKey("ci-key", user=ci.name)
    aws.iam.UserPolicyAttachment(
        "ci-s3", user=ci.name, policy_arn=decoy.arn.apply(lambda _: "arn:aws:iam::aws:policy/AmazonS3FullAccess")
    )
