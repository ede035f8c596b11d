"""A public bucket that lets anyone list every key (s3:ListBucket)."""

import pulumi_aws as aws


def program() -> None:
    bucket = aws.s3.BucketV2("public", bucket="corp-public", tags={"media-storage:visibility": "public"})
    document = aws.iam.get_policy_document_output(
        statements=[
            {
                "actions": ["s3:ListBucket"],
                "resources": [bucket.arn],
                "principals": [{"type": "*", "identifiers": ["*"]}],
            }
        ]
    )
    aws.s3.BucketPolicy("public-policy", bucket=bucket.id, policy=document.json)
