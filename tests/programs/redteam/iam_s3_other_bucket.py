"""A customer-managed policy (from get_policy_document) reaching a bucket the program does not own."""

import pulumi_aws as aws


def program() -> None:
    aws.s3.BucketV2("uploads", bucket="corp-uploads")
    document = aws.iam.get_policy_document(
        statements=[
            aws.iam.GetPolicyDocumentStatementArgs(
                actions=["s3:GetObject"], resources=["arn:aws:s3:::someone-elses-bucket/*"]
            )
        ]
    )
    aws.iam.Policy("app-policy", policy=document.json)
