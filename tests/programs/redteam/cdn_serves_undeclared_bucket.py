"""Class 4 (undeclared bucket by literal name): a CloudFront distribution with an origin access control serves
`corp-legacy-private.s3.us-east-1.amazonaws.com`, a bucket the program does not declare (private by the
pack's default), with no trusted key groups (unsigned requests).

Why it is dangerous: if the existing bucket's policy lets this account's distributions read (the common
`AWS:SourceArn arn:aws:cloudfront::<account>:distribution/*` form, or one added out of band), every private
object is served to the internet. Why it passed (before the fix, red-team review): `cloudfront-private-media-signed-links` only considers
origins that are buckets the program declares (`served_buckets(distribution, buckets)`); an origin domain
naming an undeclared bucket is neither judged as private media nor reported by
`s3-configures-declared-buckets` (which only reads `bucket` inputs of S3 resource types).

Caught by: `s3-configures-declared-buckets` or `cloudfront-private-media-signed-links`, mandatory (an origin
naming an undeclared bucket is private media served unsigned, or cannot be judged).
"""

import json

import pulumi
import pulumi_aws as aws

ACCOUNT = "123456789012"  # the program's own account (the provider's allowedAccountIds)
SERVICE_TRUST = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"Service": "ecs-tasks.amazonaws.com"},
                "Action": "sts:AssumeRole",
                "Condition": {"StringEquals": {"aws:SourceAccount": ACCOUNT}},
            }
        ],
    }
)


def tls_only(name: str) -> dict:
    return {
        "Sid": "TlsOnly",
        "Effect": "Deny",
        "Principal": "*",
        "Action": "s3:*",
        "Resource": [f"arn:aws:s3:::{name}", f"arn:aws:s3:::{name}/*"],
        "Condition": {"Bool": {"aws:SecureTransport": "false"}},
    }


def media_objects(name: str) -> str:
    return json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": f"arn:aws:s3:::{name}/*"}
            ],
        }
    )


def secure_bucket(name: str, visibility: str = "private", with_policy: bool = True) -> aws.s3.BucketV2:
    """A media bucket done right (access block, TLS-only policy, ACLs off, encryption, versioning, lifecycle)."""
    bucket = aws.s3.BucketV2(
        name,
        bucket=f"corp-{name}",
        tags={"media-storage:visibility": visibility},
        opts=pulumi.ResourceOptions(protect=True),
    )
    private = visibility == "private"
    aws.s3.BucketPublicAccessBlock(
        f"{name}-block",
        bucket=bucket.id,
        block_public_acls=True,
        ignore_public_acls=True,
        block_public_policy=private,
        restrict_public_buckets=private,
    )
    aws.s3.BucketOwnershipControls(
        f"{name}-ownership", bucket=bucket.id, rule={"object_ownership": "BucketOwnerEnforced"}
    )
    aws.s3.BucketServerSideEncryptionConfigurationV2(
        f"{name}-encryption",
        bucket=bucket.id,
        rules=[{"apply_server_side_encryption_by_default": {"sse_algorithm": "AES256"}}],
    )
    aws.s3.BucketVersioningV2(f"{name}-versioning", bucket=bucket.id, versioning_configuration={"status": "Enabled"})
    aws.s3.BucketLifecycleConfigurationV2(
        f"{name}-lifecycle",
        bucket=bucket.id,
        rules=[
            {
                "id": "abort",
                "status": "Enabled",
                "filter": {},
                "abort_incomplete_multipart_upload": {"days_after_initiation": 7},
            }
        ],
    )
    if with_policy:
        aws.s3.BucketPolicy(
            f"{name}-policy",
            bucket=bucket.id,
            policy=json.dumps({"Version": "2012-10-17", "Statement": [tls_only(f"corp-{name}")]}),
        )
    return bucket


def app_role() -> aws.iam.Role:
    """The legitimate media role: ECS tasks of this account, object read/write on corp-media."""
    role = aws.iam.Role("app", name="corp-app", assume_role_policy=SERVICE_TRUST, tags={"media-storage:app": "shop"})
    aws.iam.RolePolicy("app-media", role=role.id, policy=media_objects("corp-media"))
    return role


def program() -> None:
    aws.Provider("main", allowed_account_ids=[ACCOUNT], region="us-east-1")
    secure_bucket("media")
    app_role()
    oac = aws.cloudfront.OriginAccessControl(
        "legacy-oac",
        name="corp-legacy-oac",
        origin_access_control_origin_type="s3",
        signing_behavior="always",
        signing_protocol="sigv4",
    )
    aws.cloudfront.Distribution(
        "legacy-cdn",
        enabled=True,
        origins=[
            {
                "domain_name": "corp-legacy-private.s3.us-east-1.amazonaws.com",
                "origin_id": "legacy",
                "origin_access_control_id": oac.id,
            }
        ],
        default_cache_behavior={
            "target_origin_id": "legacy",
            "viewer_protocol_policy": "redirect-to-https",
            "allowed_methods": ["GET", "HEAD"],
            "cached_methods": ["GET", "HEAD"],
            "cache_policy_id": "658327ea-f89d-4fab-a63d-7e88639e58f6",
        },
        restrictions={"geo_restriction": {"restriction_type": "none"}},
        viewer_certificate={"cloudfront_default_certificate": True},
    )
