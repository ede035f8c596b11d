"""A bucket allowlisted in allowedUndeclaredBuckets given a policy (policy document) for another account:
still judged as private media."""

import pulumi_aws as aws


def program() -> None:
    aws.Provider("main", allowed_account_ids=["123456789012"])
    document = aws.iam.get_policy_document_output(
        statements=[
            {
                "actions": ["s3:GetObject", "s3:PutObject"],
                "resources": ["arn:aws:s3:::corp-static-assets/*"],
                "principals": [{"type": "AWS", "identifiers": ["arn:aws:iam::999999999999:root"]}],
            }
        ]
    )
    aws.s3.BucketPolicy("assets-policy", bucket="corp-static-assets", policy=document.json)
