"""Class 2 (grant to a session of a role the program does not create, `get_policy_document` shape): the private
bucket's policy, built with `aws.iam.get_policy_document_output`, lets in the session
`arn:aws:sts::123456789012:assumed-role/legacy-ops/alice` and the role `legacy-ops` by ARN, in a list.

Why it is dangerous: whoever may assume `legacy-ops` (its trust is outside the program) reads private media.
Caught by: `s3-no-foreign-principals`, mandatory.
"""

import pulumi_aws as aws
from _baseline import ACCOUNT, app_role, secure_bucket


def program() -> None:
    aws.Provider("main", allowed_account_ids=[ACCOUNT], region="us-east-1")
    bucket = secure_bucket("media", with_policy=False)
    app_role()
    document = aws.iam.get_policy_document_output(
        statements=[
            aws.iam.GetPolicyDocumentStatementArgs(
                sid="TlsOnly",
                effect="Deny",
                principals=[aws.iam.GetPolicyDocumentStatementPrincipalArgs(type="*", identifiers=["*"])],
                actions=["s3:*"],
                resources=["arn:aws:s3:::corp-media", "arn:aws:s3:::corp-media/*"],
                conditions=[
                    aws.iam.GetPolicyDocumentStatementConditionArgs(
                        test="Bool", variable="aws:SecureTransport", values=["false"]
                    )
                ],
            ),
            aws.iam.GetPolicyDocumentStatementArgs(
                sid="Ops",
                effect="Allow",
                principals=[
                    aws.iam.GetPolicyDocumentStatementPrincipalArgs(
                        type="AWS",
                        identifiers=[
                            f"arn:aws:sts::{ACCOUNT}:assumed-role/legacy-ops/alice",
                            f"arn:aws:iam::{ACCOUNT}:role/legacy-ops",
                        ],
                    )
                ],
                actions=["s3:GetObject"],
                resources=["arn:aws:s3:::corp-media/*"],
            ),
        ]
    )
    aws.s3.BucketPolicy("media-policy", bucket=bucket.id, policy=document.json)
