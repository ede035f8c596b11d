"""Secure baseline: an IRSA role for the app in a program whose provider names its account,
trusting this account's EKS OIDC provider for one service account, with object access to one
protected, private, fully configured bucket (every part a raw resource)."""

import pulumi
import pulumi_aws as aws

ACCOUNT = "123456789012"
ISSUER = "oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF"


def program() -> None:
    provider = aws.Provider("prod", region="eu-west-1", allowed_account_ids=[ACCOUNT])
    opts = pulumi.ResourceOptions(provider=provider)
    bucket = aws.s3.BucketV2("media", bucket="corp-media", opts=pulumi.ResourceOptions(provider=provider, protect=True))
    aws.s3.BucketPublicAccessBlock(
        "media-block",
        bucket=bucket.id,
        block_public_acls=True,
        ignore_public_acls=True,
        block_public_policy=True,
        restrict_public_buckets=True,
        opts=opts,
    )
    aws.s3.BucketOwnershipControls(
        "media-ownership", bucket=bucket.id, rule={"object_ownership": "BucketOwnerEnforced"}, opts=opts
    )
    aws.s3.BucketServerSideEncryptionConfigurationV2(
        "media-encryption",
        bucket=bucket.id,
        rules=[{"apply_server_side_encryption_by_default": {"sse_algorithm": "aws:kms"}}],
        opts=opts,
    )
    aws.s3.BucketVersioningV2(
        "media-versioning", bucket=bucket.id, versioning_configuration={"status": "Enabled"}, opts=opts
    )
    aws.s3.BucketLifecycleConfigurationV2(
        "media-lifecycle",
        bucket=bucket.id,
        rules=[{"id": "abort", "status": "Enabled", "abort_incomplete_multipart_upload": {"days_after_initiation": 3}}],
        opts=opts,
    )
    tls_only = aws.iam.get_policy_document_output(
        statements=[
            {
                "effect": "Deny",
                "actions": ["s3:*"],
                "resources": [bucket.arn, bucket.arn.apply(lambda arn: f"{arn}/*")],
                "principals": [{"type": "AWS", "identifiers": ["*"]}],
                "conditions": [{"test": "Bool", "variable": "aws:SecureTransport", "values": ["false"]}],
            }
        ]
    )
    aws.s3.BucketPolicy("media-policy", bucket=bucket.id, policy=tls_only.json, opts=opts)
    trust = aws.iam.get_policy_document(
        statements=[
            {
                "actions": ["sts:AssumeRoleWithWebIdentity"],
                "principals": [
                    {"type": "Federated", "identifiers": [f"arn:aws:iam::{ACCOUNT}:oidc-provider/{ISSUER}"]}
                ],
                "conditions": [
                    {"test": "StringEquals", "variable": f"{ISSUER}:sub", "values": ["system:serviceaccount:shop:web"]},
                    {"test": "StringEquals", "variable": f"{ISSUER}:aud", "values": ["sts.amazonaws.com"]},
                ],
            }
        ]
    )
    role = aws.iam.Role("app", assume_role_policy=trust.json, opts=opts)
    grant = aws.iam.get_policy_document_output(
        statements=[
            {
                "sid": "Objects",
                "actions": ["s3:GetObject", "s3:PutObject"],
                "resources": [bucket.arn.apply(lambda a: f"{a}/*")],
            },
            {"sid": "List", "actions": ["s3:ListBucket"], "resources": [bucket.arn]},
        ]
    )
    policy = aws.iam.Policy("app-media", policy=grant.json, opts=opts)
    aws.iam.RolePolicyAttachment("app-media", role=role.name, policy_arn=policy.arn, opts=opts)
