"""A role another account may assume (account id principal), given a customer-managed policy by
ARN that the program does not declare: it cannot be judged, so it counts as reaching media."""

import json

import pulumi_aws as aws


def program() -> None:
    aws.s3.BucketV2("uploads", bucket="corp-uploads")
    aws.iam.Role(
        "legacy",
        assume_role_policy=json.dumps(
            {"Statement": [{"Effect": "Allow", "Principal": {"AWS": ["999999999999"]}, "Action": ["sts:AssumeRole"]}]}
        ),
        managed_policy_arns=["arn:aws:iam::123456789012:policy/legacy-media-access"],
    )
