"""A role policy (get_policy_document_output) naming s3:DeleteBucket and
s3:PutReplicationConfiguration on the media bucket."""

import json

import pulumi_aws as aws


def program() -> None:
    bucket = aws.s3.BucketV2("uploads", bucket="corp-uploads")
    role = aws.iam.Role(
        "ops",
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
    document = aws.iam.get_policy_document_output(
        statements=[{"actions": ["s3:DeleteBucket", "s3:PutReplicationConfiguration"], "resources": [bucket.arn]}]
    )
    aws.iam.RolePolicy("ops-s3", role=role.id, policy=document.json)
