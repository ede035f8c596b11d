"""A service principal pinned by aws:SourceArn to a resource of another account, while the
provider names the program's own account."""

import json

import pulumi
import pulumi_aws as aws


def program() -> None:
    opts = pulumi.ResourceOptions(provider=aws.Provider("prod", allowed_account_ids=["123456789012"]))
    aws.iam.Role(
        "app",
        tags={"media-storage:app": "shop"},
        assume_role_policy=json.dumps(
            {
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Principal": {"Service": "lambda.amazonaws.com"},
                        "Action": "sts:AssumeRole",
                        "Condition": {
                            "ArnEquals": {"aws:SourceArn": "arn:aws:lambda:us-east-1:999999999999:function:thumbs"}
                        },
                    }
                ]
            }
        ),
        opts=opts,
    )
