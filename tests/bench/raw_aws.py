"""A hand-written `pulumi_aws` program: what a careful engineer writes without media-storage.

It registers the same resources, with the same names, inputs, options and ordering, as
`AwsMediaStorage` with the settings of `Pulumi.dev.yaml`, and exports the same env, so the
program-cost benchmark compares like with like (`tests/test_bench_programs.py` keeps it so).
Only the bucket-name digest comes from `media_storage.naming`: a pure function a hand-written
program would have to write too.
"""

from __future__ import annotations

import json
from urllib.parse import quote, urlencode

import pulumi
import pulumi_aws as aws

from media_storage.naming import s3_bucket_name

CORS_ORIGINS = ["https://shop.example.com", "https://www.shop.example.com", "http://localhost:8000"]
KEY_GENERATION = "2026-11"
CUSTOM_DOMAIN = "media.shop.example.com"
URL_EXPIRY_SECONDS = "900"


def _bucket(name: str, bucket_name: pulumi.Input[str], tags: dict, *, public: bool, region: str) -> aws.s3.Bucket:
    child = {"region": region}
    bucket = aws.s3.Bucket(
        f"{name}-bucket",
        bucket=bucket_name,
        force_destroy=False,
        tags=tags,
        **child,
        opts=pulumi.ResourceOptions(protect=True),
    )
    ownership = aws.s3.BucketOwnershipControls(
        f"{name}-ownership", bucket=bucket.id, rule={"object_ownership": "BucketOwnerEnforced"}, **child
    )
    access_block = aws.s3.BucketPublicAccessBlock(
        f"{name}-public-access-block",
        bucket=bucket.id,
        block_public_acls=True,
        ignore_public_acls=True,
        block_public_policy=not public,
        restrict_public_buckets=not public,
        **child,
        opts=pulumi.ResourceOptions(depends_on=[ownership]),
    )

    def policy(arn: str) -> str:
        statements: list[dict] = [
            {
                "Sid": "DenyInsecureTransport",
                "Effect": "Deny",
                "Principal": "*",
                "Action": "s3:*",
                "Resource": [arn, f"{arn}/*"],
                "Condition": {"Bool": {"aws:SecureTransport": "false"}},
            }
        ]
        if public:
            statements.append(
                {
                    "Sid": "PublicReadObjects",
                    "Effect": "Allow",
                    "Principal": "*",
                    "Action": "s3:GetObject",
                    "Resource": f"{arn}/*",
                }
            )
        return json.dumps({"Version": "2012-10-17", "Statement": statements})

    bucket_policy = aws.s3.BucketPolicy(
        f"{name}-policy",
        bucket=bucket.id,
        policy=bucket.arn.apply(policy),
        **child,
        opts=pulumi.ResourceOptions(depends_on=[access_block, ownership]),
    )
    previous: pulumi.Resource = aws.s3.BucketServerSideEncryptionConfiguration(
        f"{name}-encryption",
        bucket=bucket.id,
        rules=[
            {
                "apply_server_side_encryption_by_default": {"sse_algorithm": "AES256"},
                "blocked_encryption_types": ["SSE-C"],
            }
        ],
        **child,
        opts=pulumi.ResourceOptions(depends_on=[bucket_policy]),
    )
    if not public:
        previous = aws.s3.BucketVersioning(
            f"{name}-versioning",
            bucket=bucket.id,
            versioning_configuration={"status": "Enabled"},
            **child,
            opts=pulumi.ResourceOptions(depends_on=[previous]),
        )
    cors = aws.s3.BucketCorsConfiguration(
        f"{name}-cors",
        bucket=bucket.id,
        cors_rules=[
            {
                "id": "media-from-app-origins",
                "allowed_origins": CORS_ORIGINS,
                "allowed_methods": ["GET", "HEAD", "PUT", "POST"],
                "allowed_headers": ["*"],
                "expose_headers": ["ETag", "Content-Length", "Content-Type", "Last-Modified"],
                "max_age_seconds": 3600,
            }
        ],
        **child,
        opts=pulumi.ResourceOptions(depends_on=[previous]),
    )
    everything = {"prefix": ""}
    rules: list[dict] = [
        {
            "id": "abort-incomplete-multipart-uploads",
            "status": "Enabled",
            "filter": everything,
            "abort_incomplete_multipart_upload": {"days_after_initiation": 7},
        }
    ]
    if not public:
        rules.append(
            {
                "id": "expire-noncurrent-versions",
                "status": "Enabled",
                "filter": everything,
                "noncurrent_version_expiration": {"noncurrent_days": 30},
                "expiration": {"expired_object_delete_marker": True},
            }
        )
    rules += [
        {
            "id": "expire-temporary-objects",
            "status": "Enabled",
            "filter": {"prefix": "tmp/"},
            "expiration": {"days": 2},
        },
        {
            "id": "move-to-cheaper-storage",
            "status": "Enabled",
            "filter": everything,
            "transitions": [{"days": 90, "storage_class": "STANDARD_IA"}, {"days": 365, "storage_class": "GLACIER_IR"}],
        },
    ]
    aws.s3.BucketLifecycleConfiguration(
        f"{name}-lifecycle", bucket=bucket.id, rules=rules, **child, opts=pulumi.ResourceOptions(depends_on=[cors])
    )
    return bucket


def _dsn(key_id: str, secret: str, bucket: str, region: str, *, signed: bool) -> str:
    query = {"acl": "bucket-owner-full-control", "auth": "s3v4", "addressing_style": "virtual"}
    if signed:
        query["qs_auth"] = "true"
    else:
        query["domain"] = CUSTOM_DOMAIN
    return (
        f"s3://{quote(key_id, safe='')}:{quote(secret, safe='')}@{bucket}.s3.{region}.amazonaws.com/?{urlencode(query)}"
    )


def aws_environment(app: str, environment: str, region: str) -> dict[str, pulumi.Output[str]]:
    """One app environment: two buckets, an IAM user with one key, and the env."""
    account_id = aws.get_caller_identity_output().account_id
    buckets = {}
    for visibility in ("public", "private"):
        name = account_id.apply(lambda account, v=visibility: s3_bucket_name(app, environment, v, account))
        tags = {"media-storage:app": app, "media-storage:stack": environment, "media-storage:visibility": visibility}
        buckets[visibility] = _bucket(f"{app}-{visibility}", name, tags, public=visibility == "public", region=region)
    public, private = buckets["public"], buckets["private"]

    def access_policy(arns: list[str]) -> str:
        return json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {"Sid": "ListMediaBuckets", "Effect": "Allow", "Action": ["s3:ListBucket"], "Resource": arns},
                    {
                        "Sid": "ReadWriteMediaObjects",
                        "Effect": "Allow",
                        "Action": ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload"],
                        "Resource": [f"{arn}/*" for arn in arns],
                    },
                ],
            }
        )

    user = aws.iam.User(
        f"{app}-app-user",
        name=f"{app}-{environment}-media",
        tags={"media-storage:app": app, "media-storage:stack": environment},
    )
    aws.iam.UserPolicy(
        f"{app}-app-policy", user=user.name, policy=pulumi.Output.all(public.arn, private.arn).apply(access_policy)
    )
    key = aws.iam.AccessKey(
        f"{app}-app-key-{KEY_GENERATION}",
        user=user.name,
        opts=pulumi.ResourceOptions(additional_secret_outputs=["secret"]),
    )
    key_id, secret = pulumi.Output.secret(key.id), pulumi.Output.secret(key.secret)
    env: dict[str, pulumi.Output[str]] = {
        "MEDIA_STORAGE_BACKEND": pulumi.Output.from_input("s3"),
        "AWS_STORAGE_BUCKET_NAME": public.bucket,
        "AWS_PRIVATE_STORAGE_BUCKET_NAME": private.bucket,
        "AWS_S3_REGION_NAME": pulumi.Output.from_input(region),
        "AWS_S3_SIGNATURE_VERSION": pulumi.Output.from_input("s3v4"),
        "AWS_S3_ADDRESSING_STYLE": pulumi.Output.from_input("virtual"),
        "AWS_QUERYSTRING_EXPIRE": pulumi.Output.from_input(URL_EXPIRY_SECONDS),
        "AWS_S3_CUSTOM_DOMAIN": pulumi.Output.from_input(CUSTOM_DOMAIN),
        "AWS_ACCESS_KEY_ID": key_id,
        "AWS_SECRET_ACCESS_KEY": secret,
    }
    for variable, bucket, signed in (
        ("DEFAULT_STORAGE_DSN", public.bucket, False),
        ("PRIVATE_STORAGE_DSN", private.bucket, True),
    ):
        env[variable] = pulumi.Output.secret(
            pulumi.Output.all(key_id, secret, bucket).apply(
                lambda values, signed=signed: _dsn(*values, region, signed=signed)
            )
        )
    return env


def stack_program() -> None:
    """The hand-written counterpart of this repository's stack program on `Pulumi.dev.yaml`."""
    config = pulumi.Config("media-storage")
    env = aws_environment(config.require("app"), pulumi.get_stack(), pulumi.Config("aws").require("region"))
    pulumi.export("env", env)
    pulumi.export("publicBucketName", env["AWS_STORAGE_BUCKET_NAME"])
    pulumi.export("privateBucketName", env["AWS_PRIVATE_STORAGE_BUCKET_NAME"])


def composed_program(count: int, region: str = "eu-west-1") -> None:
    """`count` app environments in one program."""
    for index in range(count):
        pulumi.export(f"env{index}", aws_environment(f"app{index:03d}", "bench", region))
