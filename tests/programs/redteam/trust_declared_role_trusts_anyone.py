"""Class 1 (declaring the trusted role is no way around): the media role trusts `corp-ci`, a role the program
creates (so it is judged), and `corp-ci` trusts `"*"`.

Why it is dangerous: anyone assumes corp-ci, then the media role (one hop; the media role's trust naming
corp-ci's ARN is enough in the same account, no identity policy needed). Caught by:
`iam-role-trust-own-accounts`, mandatory, on corp-ci: a role a media role trusts reaches media.
"""

import json

import pulumi_aws as aws
from _baseline import ACCOUNT, media_objects, secure_bucket


def program() -> None:
    aws.Provider("main", allowed_account_ids=[ACCOUNT], region="us-east-1")
    secure_bucket("media")
    ci = aws.iam.Role(
        "ci",
        name="corp-ci",
        assume_role_policy=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"}],
            }
        ),
    )
    role = aws.iam.Role(
        "app",
        name="corp-app",
        tags={"media-storage:app": "shop"},
        assume_role_policy=ci.arn.apply(
            lambda arn: json.dumps(
                {
                    "Version": "2012-10-17",
                    "Statement": [{"Effect": "Allow", "Principal": {"AWS": arn}, "Action": "sts:AssumeRole"}],
                }
            )
        ),
    )
    aws.iam.RolePolicy("app-media", role=role.id, policy=media_objects("corp-media"))
