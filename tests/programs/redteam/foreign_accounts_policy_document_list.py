"""get_policy_document with a list of AWS principals, one of them a foreign account id."""

import pulumi_aws as aws


def program() -> None:
    bucket = aws.s3.BucketV2("uploads", bucket="corp-uploads")
    document = aws.iam.get_policy_document_output(
        statements=[
            aws.iam.GetPolicyDocumentStatementArgs(
                actions=["s3:GetObject"],
                resources=[bucket.arn.apply(lambda arn: f"{arn}/*")],
                principals=[
                    aws.iam.GetPolicyDocumentStatementPrincipalArgs(
                        type="AWS", identifiers=["arn:aws:iam::123456789012:role/app", "210987654321"]
                    )
                ],
            )
        ]
    )
    aws.s3.BucketPolicy("uploads-policy", bucket=bucket.id, policy=document.json)
