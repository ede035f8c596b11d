"""A service principal allowed to write a private bucket, with no account pin."""

import pulumi_aws as aws


def program() -> None:
    bucket = aws.s3.BucketV2("uploads", bucket="corp-uploads")
    document = aws.iam.get_policy_document_output(
        statements=[
            {
                "actions": ["s3:PutObject"],
                "resources": [bucket.arn.apply(lambda arn: f"{arn}/*")],
                "principals": [{"type": "Service", "identifiers": ["logging.s3.amazonaws.com"]}],
            }
        ]
    )
    aws.s3.BucketPolicy("uploads-policy", bucket=bucket.id, policy=document.json)
