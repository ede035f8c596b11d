"""The app's role may turn the private bucket into a website and rewrite its CORS (get_policy_document)."""

import json

import pulumi_aws as aws


def program() -> None:
    aws.s3.BucketV2("uploads", bucket="corp-uploads")
    role = aws.iam.Role(
        "app",
        tags={"media-storage:app": "shop"},
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
    )
    document = aws.iam.get_policy_document(
        statements=[
            {"actions": ["s3:PutBucketWebsite", "s3:PutBucketCORS"], "resources": ["arn:aws:s3:::corp-uploads"]}
        ]
    )
    aws.iam.RolePolicy("app-buckets", role=role.id, policy=document.json)
