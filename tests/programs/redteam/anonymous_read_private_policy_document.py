"""A private bucket opened to everyone with `aws.iam.get_policy_document_output` (class 8)."""

import pulumi_aws as aws


def program() -> None:
    bucket = aws.s3.BucketV2("uploads", bucket="corp-uploads", tags={"media-storage:visibility": "private"})
    document = aws.iam.get_policy_document_output(
        statements=[
            aws.iam.GetPolicyDocumentStatementArgs(
                actions=["s3:GetObject"],
                resources=[bucket.arn.apply(lambda arn: f"{arn}/*")],
                principals=[aws.iam.GetPolicyDocumentStatementPrincipalArgs(type="*", identifiers=["*"])],
            )
        ]
    )
    aws.s3.BucketPolicy("uploads-policy", bucket=bucket.id, policy=document.json)
