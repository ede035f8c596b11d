"""`s3:Get*` on the media bucket, written with get_policy_document_output and a source document."""

import json

import pulumi_aws as aws


def program() -> None:
    bucket = aws.s3.BucketV2("uploads", bucket="corp-uploads")
    base = json.dumps(
        {
            "Statement": [
                {"Sid": "List", "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::corp-uploads"}
            ]
        }
    )
    document = aws.iam.get_policy_document_output(
        source_policy_documents=[base],
        statements=[{"sid": "Read", "actions": ["s3:Get*"], "resources": [bucket.arn.apply(lambda arn: f"{arn}/*")]}],
    )
    user = aws.iam.User("app", name="corp-app")
    aws.iam.UserPolicy("app-policy", user=user.name, policy=document.json)
