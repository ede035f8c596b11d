"""Class 3 (IAM escalation): the tagged media role holds escalation actions missing from
`ESCALATION_ACTIONS`: `iam:DeleteRolePermissionsBoundary` / `iam:PutRolePermissionsBoundary` (lift the
boundary that caps the role), `iam:UpdateRole` (raise MaxSessionDuration), `lambda:UpdateFunctionCode` and
`lambda:UpdateFunctionConfiguration` on `*` (run code as any Lambda's role), `ssm:SendCommand` on `*` (run
commands as any instance's role), `iam:CreateServiceSpecificCredential` / `iam:UpdateAccessKey`.

Why it is dangerous: each is a documented privilege-escalation path (Rhino / pacu lists). Why it passed (before the fix, red-team review):
the list only has Attach*/Put*/CreatePolicyVersion/SetDefaultPolicyVersion/CreateAccessKey/LoginProfile/
UpdateAssumeRolePolicy/AddUserToGroup/PassRole/AssumeRole.

Caught by: `iam-s3-least-privilege`, mandatory.
"""

import json

import pulumi_aws as aws
from _baseline import ACCOUNT, app_role, secure_bucket


def program() -> None:
    aws.Provider("main", allowed_account_ids=[ACCOUNT], region="us-east-1")
    secure_bucket("media")
    role = app_role()
    aws.iam.RolePolicy(
        "app-more",
        role=role.id,
        policy=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Action": [
                            "iam:DeleteRolePermissionsBoundary",
                            "iam:PutRolePermissionsBoundary",
                            "iam:UpdateRole",
                            "lambda:UpdateFunctionCode",
                            "lambda:UpdateFunctionConfiguration",
                            "ssm:SendCommand",
                            "iam:CreateServiceSpecificCredential",
                        ],
                        "Resource": "*",
                    }
                ],
            }
        ),
    )
