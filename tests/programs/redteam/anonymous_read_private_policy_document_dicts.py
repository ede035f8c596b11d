"""The same door as a `get_policy_document` with dicts and the AWS-wildcard principal, minified."""

import pulumi_aws as aws


def program() -> None:
    bucket = aws.s3.BucketV2("uploads", bucket="corp-uploads")
    document = aws.iam.get_policy_document_output(
        statements=[
            {
                "sid": "Everyone",
                "actions": ["s3:GetObject", "s3:ListBucket"],
                "resources": ["arn:aws:s3:::corp-uploads", "arn:aws:s3:::corp-uploads/*"],
                "principals": [{"type": "AWS", "identifiers": ["*"]}],
            }
        ]
    )
    aws.s3.BucketPolicy("uploads-policy", bucket=bucket.id, policy=document.minified_json)
