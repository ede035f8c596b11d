"""GitHub Actions OIDC trust with `repo:*` as the subject and no audience (get_policy_document)."""

import pulumi_aws as aws


def program() -> None:
    trust = aws.iam.get_policy_document(
        statements=[
            {
                "actions": ["sts:AssumeRoleWithWebIdentity"],
                "principals": [
                    {
                        "type": "Federated",
                        "identifiers": ["arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"],
                    }
                ],
                "conditions": [
                    {"test": "StringLike", "variable": "token.actions.githubusercontent.com:sub", "values": ["repo:*"]}
                ],
            }
        ]
    )
    aws.iam.Role("deploy", assume_role_policy=trust.json)
