"""A "*" principal "narrowed" by aws:SourceVpce (get_policy_document_output): anyone on that
network path, of any account (class 5)."""

import pulumi_aws as aws


def program() -> None:
    bucket = aws.s3.BucketV2("uploads", bucket="corp-uploads")
    document = aws.iam.get_policy_document_output(
        statements=[
            aws.iam.GetPolicyDocumentStatementArgs(
                actions=["s3:GetObject"],
                resources=[bucket.arn.apply(lambda arn: f"{arn}/*")],
                principals=[aws.iam.GetPolicyDocumentStatementPrincipalArgs(type="AWS", identifiers=["*"])],
                conditions=[
                    aws.iam.GetPolicyDocumentStatementConditionArgs(
                        test="StringEquals", variable="aws:SourceVpce", values=["vpce-0a1b2c3d"]
                    )
                ],
            )
        ]
    )
    aws.s3.BucketPolicy("uploads-policy", bucket=bucket.id, policy=document.json)
