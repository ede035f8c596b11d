"""An override document replaces the narrow statement (same Sid) with s3:* on everything."""

import json

import pulumi_aws as aws


def program() -> None:
    aws.s3.BucketV2("uploads", bucket="corp-uploads")
    override = json.dumps({"Statement": [{"Sid": "Media", "Effect": "Allow", "Action": "s3:*", "Resource": "*"}]})
    document = aws.iam.get_policy_document(
        statements=[{"sid": "Media", "actions": ["s3:GetObject"], "resources": ["arn:aws:s3:::corp-uploads/*"]}],
        override_policy_documents=[override],
    )
    user = aws.iam.User("app", name="corp-app")
    aws.iam.UserPolicy("app-policy", user=user.name, policy=document.json)
