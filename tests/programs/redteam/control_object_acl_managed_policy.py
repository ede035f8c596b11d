"""A customer-managed Policy attached to the app's user that lets it make objects public
(s3:PutObjectAcl)."""

import json

import pulumi_aws as aws


def program() -> None:
    aws.s3.BucketV2("uploads", bucket="corp-uploads")
    user = aws.iam.User("app", name="corp-app")
    policy = aws.iam.Policy(
        "acl",
        policy=json.dumps(
            {
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Action": ["s3:PutObject", "s3:PutObjectAcl"],
                        "Resource": "arn:aws:s3:::corp-uploads/*",
                    }
                ]
            }
        ),
    )
    aws.iam.UserPolicyAttachment("app-acl", user=user.name, policy_arn=policy.arn)
