"""An untagged group given a customer-managed policy by ARN the program does not declare (class 2)."""

import pulumi_aws as aws


def program() -> None:
    aws.s3.BucketV2("uploads", bucket="corp-uploads")
    group = aws.iam.Group("editors", name="corp-editors")
    aws.iam.GroupPolicyAttachment(
        "editors-media", group=group.name, policy_arn="arn:aws:iam::123456789012:policy/media-editors"
    )
