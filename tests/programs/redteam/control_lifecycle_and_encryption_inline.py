"""A role's inline policy (args classes) that may expire all media or switch its encryption key."""

import json

import pulumi_aws as aws


def program() -> None:
    aws.s3.BucketV2("uploads", bucket="corp-uploads")
    aws.iam.Role(
        "app",
        assume_role_policy=json.dumps(
            {
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Principal": {"Service": "ecs-tasks.amazonaws.com"},
                        "Action": "sts:AssumeRole",
                        "Condition": {"StringEquals": {"aws:SourceAccount": "123456789012"}},
                    }
                ]
            }
        ),
        inline_policies=[
            aws.iam.RoleInlinePolicyArgs(
                name="buckets",
                policy=json.dumps(
                    {
                        "Statement": [
                            {
                                "Effect": "Allow",
                                "Action": ["s3:PutLifecycleConfiguration", "s3:PutEncryptionConfiguration"],
                                "Resource": "arn:aws:s3:::corp-uploads",
                            }
                        ]
                    }
                ),
            )
        ],
    )
