"""A PolicyAttachment (args class) giving untagged users and roles AmazonS3ReadOnlyAccess (class 2)."""

import json

import pulumi_aws as aws


def program() -> None:
    aws.s3.BucketV2("uploads", bucket="corp-uploads")
    user = aws.iam.User("analyst", name="corp-analyst")
    role = aws.iam.Role(
        "reports",
        assume_role_policy=json.dumps(
            {
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Principal": {"Service": "lambda.amazonaws.com"},
                        "Action": "sts:AssumeRole",
                        "Condition": {"StringEquals": {"aws:SourceAccount": "123456789012"}},
                    }
                ]
            }
        ),
    )
    aws.iam.PolicyAttachment(
        "read-all",
        aws.iam.PolicyAttachmentArgs(
            users=[user.name], roles=[role.name], policy_arn="arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"
        ),
    )
