"""The media app's (tagged) role gets AmazonS3FullAccess through managed_policy_arns."""

import json

import pulumi_aws as aws


def program() -> None:
    aws.s3.BucketV2("uploads", bucket="corp-uploads")
    aws.iam.Role(
        "app",
        assume_role_policy=json.dumps(
            {
                "Statement": [
                    {"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}
                ]
            }
        ),
        managed_policy_arns=["arn:aws:iam::aws:policy/AmazonS3FullAccess"],
        tags={"media-storage:app": "shop"},
    )
