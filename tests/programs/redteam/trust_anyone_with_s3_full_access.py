"""An untagged role anyone may assume ({"AWS": "*"}), given AmazonS3FullAccess by an attachment."""

import json

import pulumi_aws as aws


def program() -> None:
    aws.s3.BucketV2("uploads", bucket="corp-uploads")
    role = aws.iam.Role(
        "reader",
        assume_role_policy=json.dumps(
            {"Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"}]}
        ),
    )
    aws.iam.RolePolicyAttachment("reader-s3", role=role.name, policy_arn="arn:aws:iam::aws:policy/AmazonS3FullAccess")
