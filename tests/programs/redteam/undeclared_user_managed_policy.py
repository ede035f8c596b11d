"""A media Policy of the program attached (args class) to a user the program does not create (class 2)."""

import json

import pulumi_aws as aws


def program() -> None:
    aws.s3.BucketV2("uploads", bucket="corp-uploads")
    policy = aws.iam.Policy(
        "media",
        policy=json.dumps(
            {"Statement": [{"Effect": "Allow", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::corp-uploads/*"}]}
        ),
    )
    aws.iam.UserPolicyAttachment(
        "contractor-media", aws.iam.UserPolicyAttachmentArgs(user="contractor", policy_arn=policy.arn)
    )
