"""Class 2 (untagged principals, undeclared managed policies): the program declares a harmless customer policy
*named* `AdministratorAccess` (and one named `AmazonS3FullAccess`), then attaches the AWS managed
`arn:aws:iam::aws:policy/AdministratorAccess` to a role anyone may assume, `AmazonS3FullAccess` (through
`managedPolicyArns`) to a role a foreign account may assume, and `AmazonS3FullAccess` (through
`PolicyAttachment.users`) to an untagged user with an access key.

Why it is dangerous: anyone / account 999999999999 / whoever holds the key gets full S3 (every private bucket)
or full admin. Why it passed (before the fix, red-team review): `_declared_policy` resolves an attached ARN to a program `Policy` by the last path
segment alone (`arn.rsplit("/", 1)[-1]`), ignoring the account part (`aws` vs the program's account), so the
AWS managed policy is judged by the decoy's harmless document: no "undeclared managed policy", the roles do
not "reach media", and their trusts are never judged.

Caught by: `iam-s3-least-privilege` (undeclared AWS managed policy) and `iam-role-trust-own-accounts`,
mandatory. Match declared policies by full ARN / dependency, never by name across accounts.
"""

import json

import pulumi_aws as aws
from _baseline import ACCOUNT, app_role, secure_bucket


def program() -> None:
    aws.Provider("main", allowed_account_ids=[ACCOUNT], region="us-east-1")
    secure_bucket("media")
    app_role()
    harmless = json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Action": "cloudwatch:PutMetricData", "Resource": "*"}],
        }
    )
    aws.iam.Policy("decoy-admin", name="AdministratorAccess", policy=harmless)
    aws.iam.Policy("decoy-s3", name="AmazonS3FullAccess", policy=harmless)
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
    aws.iam.RolePolicyAttachment("ops-admin", role=ops.name, policy_arn="arn:aws:iam::aws:policy/AdministratorAccess")
    aws.iam.Role(
        "partner",
        name="corp-partner",
        managed_policy_arns=["arn:aws:iam::aws:policy/AmazonS3FullAccess"],
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
    ci = aws.iam.User("ci", name="corp-ci")
    aws.iam.AccessKey("ci-key", user=ci.name)
    aws.iam.PolicyAttachment("ci-s3", users=[ci.name], policy_arn="arn:aws:iam::aws:policy/AmazonS3FullAccess")
