"""The tagged app user's group may attach policies to itself (iam:AttachGroupPolicy)."""

import json

import pulumi_aws as aws


def program() -> None:
    user = aws.iam.User("app", name="corp-app", tags={"media-storage:app": "shop"})
    group = aws.iam.Group("media", name="corp-media")
    aws.iam.GroupMembership("media-members", group=group.name, users=[user.name])
    aws.iam.GroupPolicy(
        "media-iam",
        group=group.name,
        policy=json.dumps(
            {
                "Statement": [
                    {"Effect": "Allow", "Action": "iam:AttachGroupPolicy", "Resource": "arn:aws:iam::*:group/*"}
                ]
            }
        ),
    )
