"""A role EC2 may assume for any account (no aws:SourceAccount), trust and grant both written
with get_policy_document."""

import pulumi_aws as aws


def program() -> None:
    bucket = aws.s3.BucketV2("uploads", bucket="corp-uploads")
    trust = aws.iam.get_policy_document(
        statements=[
            {"actions": ["sts:AssumeRole"], "principals": [{"type": "Service", "identifiers": ["ec2.amazonaws.com"]}]}
        ]
    )
    role = aws.iam.Role("worker", assume_role_policy=trust.json)
    grant = aws.iam.get_policy_document_output(
        statements=[{"actions": ["s3:PutObject"], "resources": [bucket.arn.apply(lambda arn: f"{arn}/*")]}]
    )
    aws.iam.RolePolicy("worker-s3", role=role.id, policy=grant.json)
