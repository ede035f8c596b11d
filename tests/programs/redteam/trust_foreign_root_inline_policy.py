"""A role another account's root may assume, with an inline policy reading the media bucket."""

import json

import pulumi_aws as aws


def program() -> None:
    aws.s3.BucketV2("uploads", bucket="corp-uploads")
    aws.iam.Role(
        "partner",
        assume_role_policy=json.dumps(
            {
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Principal": {"AWS": "arn:aws:iam::999999999999:root"},
                        "Action": "sts:AssumeRole",
                    }
                ]
            }
        ),
        inline_policies=[
            aws.iam.RoleInlinePolicyArgs(
                name="read",
                policy=json.dumps(
                    {
                        "Statement": [
                            {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::corp-uploads/*"}
                        ]
                    }
                ),
            )
        ],
    )
