"""Class 1 (trust): the media role trusts `cognito-identity.amazonaws.com` for
sts:AssumeRoleWithWebIdentity with no `cognito-identity.amazonaws.com:aud` (identity pool) condition.

Why it is dangerous: any Cognito identity pool in ANY AWS account (an attacker creates one with
unauthenticated identities enabled) can mint a token and assume the role: world-readable private media.
Why it passed (before the fix, red-team review): `iam-oidc-trust-exact` only looks at `Federated` ARNs containing `:oidc-provider/`, and
`iam-role-trust-own-accounts` only judges `Federated` values that start with `arn:`; the well-known web
identity providers (cognito-identity.amazonaws.com, accounts.google.com, graph.facebook.com, www.amazon.com)
are not ARNs, so nothing is checked.

Caught by: `iam-oidc-trust-exact` (or `iam-role-trust-own-accounts`), mandatory: require an exact
`cognito-identity.amazonaws.com:aud` (and `amr`), or reject.
"""

import json

import pulumi_aws as aws
from _baseline import ACCOUNT, media_objects, secure_bucket


def program() -> None:
    aws.Provider("main", allowed_account_ids=[ACCOUNT], region="us-east-1")
    secure_bucket("media")
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
                        "Principal": {"Federated": "cognito-identity.amazonaws.com"},
                        "Action": "sts:AssumeRoleWithWebIdentity",
                    }
                ],
            }
        ),
    )
    aws.iam.RolePolicy("app-media", role=role.id, policy=media_objects("corp-media"))
