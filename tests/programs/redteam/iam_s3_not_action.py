"""A role policy granting everything but one action (NotAction) on the media bucket."""

import json

import pulumi_aws as aws


def program() -> None:
    aws.s3.BucketV2("uploads", bucket="corp-uploads")
    role = aws.iam.Role(
        "app",
        assume_role_policy=json.dumps(
            {
                "Statement": [
                    {"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}
                ]
            }
        ),
    )
    aws.iam.RolePolicy(
        "app-policy",
        role=role.id,
        policy=json.dumps(
            {
                "Statement": [
                    {
                        "Effect": "Allow",
                        "NotAction": "s3:DeleteBucket",
                        "Resource": ["arn:aws:s3:::corp-uploads", "arn:aws:s3:::corp-uploads/*"],
                    }
                ]
            }
        ),
    )
