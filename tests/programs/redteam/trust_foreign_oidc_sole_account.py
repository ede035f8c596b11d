"""Class 1 (trust, foreign identity provider) when the own account comes from the fallback: the media role
trusts `arn:aws:iam::999999999999:oidc-provider/...` (another account's EKS cluster) with an exact sub/aud.
The program sets no explicit provider; the stack config sets `aws:allowedAccountIds: ["123456789012"]`
(see STACK_CONFIG, pass it as `run_program(program, config=STACK_CONFIG)`: the result is the same without it).

Why it is dangerous: a workload in the attacker's cluster assumes the media role. Why it passed (before the fix, red-team review): with no
explicit `aws.Provider` and (offline) no resource ARN in the inputs, `own_accounts` falls back to "the single
account the program's role trusts name": here the attacker's OIDC provider account, which thereby becomes
"own". Setting `aws:allowedAccountIds` in stack config (the documented fix) does not help the offline check:
`run_program`/`media-storage check` never register the default provider, so `_allowed_by_providers` does not
see it (the real engine would). The corpus case trust_foreign_identity_provider only fails because it uses an
explicit provider.

Caught by: `iam-role-trust-own-accounts`, mandatory (never derive "own" from the very trust being judged;
read the default provider's config offline).
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


STACK_CONFIG = {"aws:allowedAccountIds": '["123456789012"]', "aws:region": "us-east-1"}
ISSUER = "oidc.eks.us-east-1.amazonaws.com/id/ATTACKER0123"


def program() -> None:
    secure_bucket("media")
    role = aws.iam.Role(
        "app",
        name="corp-app",
        tags={"media-storage:app": "shop"},
        assume_role_policy=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Principal": {"Federated": f"arn:aws:iam::999999999999:oidc-provider/{ISSUER}"},
                        "Action": "sts:AssumeRoleWithWebIdentity",
                        "Condition": {
                            "StringEquals": {
                                f"{ISSUER}:sub": "system:serviceaccount:shop:web",
                                f"{ISSUER}:aud": "sts.amazonaws.com",
                            }
                        },
                    }
                ],
            }
        ),
    )
    aws.iam.RolePolicy("app-media", role=role.id, policy=media_objects("corp-media"))
