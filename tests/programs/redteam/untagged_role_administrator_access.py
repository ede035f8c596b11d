"""An untagged role with AdministratorAccess through managed_policy_arns (class 2)."""

import json

import pulumi_aws as aws


def program() -> None:
    aws.s3.BucketV2("uploads", bucket="corp-uploads")
    aws.iam.Role(
        "ops",
        assume_role_policy=json.dumps(
            {
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Principal": {"Service": "ec2.amazonaws.com"},
                        "Action": "sts:AssumeRole",
                        "Condition": {"StringEquals": {"aws:SourceAccount": "123456789012"}},
                    }
                ]
            }
        ),
        managed_policy_arns=["arn:aws:iam::aws:policy/AdministratorAccess"],
    )
