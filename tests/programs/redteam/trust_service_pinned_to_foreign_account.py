"""ECS tasks of another account may assume a role whose program names its own account in the
provider; the role gets S3 through a customer-managed Policy of the program."""

import json

import pulumi
import pulumi_aws as aws


def program() -> None:
    provider = aws.Provider("prod", region="us-east-1", allowed_account_ids=["123456789012"])
    opts = pulumi.ResourceOptions(provider=provider)
    aws.s3.BucketV2("uploads", bucket="corp-uploads", opts=opts)
    role = aws.iam.Role(
        "tasks",
        assume_role_policy=json.dumps(
            {
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Principal": {"Service": "ecs-tasks.amazonaws.com"},
                        "Action": "sts:AssumeRole",
                        "Condition": {"StringEquals": {"aws:SourceAccount": "999999999999"}},
                    }
                ]
            }
        ),
        opts=opts,
    )
    policy = aws.iam.Policy(
        "media",
        policy=json.dumps(
            {"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::corp-uploads/*"}]}
        ),
        opts=opts,
    )
    aws.iam.PolicyAttachment("media", roles=[role.name], policy_arn=policy.arn, opts=opts)
