"""Class 1 (who may assume a media role): a Cognito identity pool with `allow_unauthenticated_identities=True`
maps its unauthenticated identities to the media role; the role's trust is the textbook Cognito trust,
pinned to that pool (`cognito-identity.amazonaws.com:aud` = the pool id) and `amr` = `unauthenticated`.

Why it is dangerous: anyone on the internet calls GetId / GetCredentialsForIdentity on the pool without
logging in and receives the media role's credentials: private media is public. Why it passed (before the fix, red-team review): the trust's
Federated principal is not an ARN, so no trust policy rule looks at it (see trust_cognito_any_identity_pool.py),
and nothing relates `IdentityPoolRoleAttachment` / `allow_unauthenticated_identities` to the role reaching
media. Even a fixed aud check would accept this trust.

Caught by: `iam-role-trust-own-accounts` (or a new rule), mandatory: a role that reaches media must not be
the unauthenticated role of an identity pool (nor trust `amr` = unauthenticated).
"""

import json

import pulumi_aws as aws
from _baseline import ACCOUNT, media_objects, secure_bucket


def program() -> None:
    aws.Provider("main", allowed_account_ids=[ACCOUNT], region="us-east-1")
    secure_bucket("media")
    pool = aws.cognito.IdentityPool("viewers", identity_pool_name="corp_viewers", allow_unauthenticated_identities=True)
    role = aws.iam.Role(
        "app",
        name="corp-app",
        tags={"media-storage:app": "shop"},
        assume_role_policy=pool.id.apply(
            lambda pool_id: json.dumps(
                {
                    "Version": "2012-10-17",
                    "Statement": [
                        {
                            "Effect": "Allow",
                            "Principal": {"Federated": "cognito-identity.amazonaws.com"},
                            "Action": "sts:AssumeRoleWithWebIdentity",
                            "Condition": {
                                "StringEquals": {"cognito-identity.amazonaws.com:aud": pool_id},
                                "ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": "unauthenticated"},
                            },
                        }
                    ],
                }
            )
        ),
    )
    aws.iam.RolePolicy("app-media", role=role.id, policy=media_objects("corp-media"))
    aws.cognito.IdentityPoolRoleAttachment(
        "viewers-roles", identity_pool_id=pool.id, roles={"unauthenticated": role.arn}
    )
