"""Class 1 (media role trusted by the whole own account): the tagged media role's trust (an object, Statement
list) names `{"AWS": [<the app role's own ARN, a reference>, "arn:aws:iam::123456789012:root"]}` and a second
statement `"*"` pinned by `aws:PrincipalAccount` = the own account.

Why it is dangerous: root delegates to the account's IAM (anyone with sts:AssumeRole on `*` gets the media
role); `*` + aws:PrincipalAccount needs not even that. Caught by: `iam-role-trust-own-accounts`, mandatory
(name roles the program creates, or list `arn:aws:iam::123456789012:root` in `allowedPrincipals`).
"""

import pulumi
import pulumi_aws as aws
from _baseline import ACCOUNT, SERVICE_TRUST, media_objects, secure_bucket


def program() -> None:
    aws.Provider("main", allowed_account_ids=[ACCOUNT], region="us-east-1")
    secure_bucket("media")
    ci = aws.iam.Role("ci", name="corp-ci", assume_role_policy=SERVICE_TRUST)
    role = aws.iam.Role(
        "app",
        name="corp-app",
        tags={"media-storage:app": "shop"},
        assume_role_policy=pulumi.Output.json_dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Sid": "Deployers",
                        "Effect": "Allow",
                        "Principal": {"AWS": [ci.arn, f"arn:aws:iam::{ACCOUNT}:root"]},
                        "Action": "sts:AssumeRole",
                    },
                    {
                        "Sid": "Anyone",
                        "Effect": "Allow",
                        "Principal": {"AWS": "*"},
                        "Action": "sts:AssumeRole",
                        "Condition": {"StringEquals": {"aws:PrincipalAccount": ACCOUNT}},
                    },
                ],
            }
        ),
    )
    aws.iam.RolePolicy("app-media", role=role.id, policy=media_objects("corp-media"))
