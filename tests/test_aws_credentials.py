"""The app's IAM credentials: exactly what django-storages needs on its two buckets."""

from __future__ import annotations

import json

from media_storage.naming import is_valid_iam_name

BUCKET = "aws:s3/bucket:Bucket"
USER = "aws:iam/user:User"
USER_POLICY = "aws:iam/userPolicy:UserPolicy"
ACCESS_KEY = "aws:iam/accessKey:AccessKey"
ROLE = "aws:iam/role:Role"
ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy"


def bucket_arns(run):
    return [f"arn:aws:s3:::{run.one(BUCKET, f'shop-{v}-').get('bucket')}" for v in ("public", "private")]


def expected_access_policy(arns):
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "ListMediaBuckets",
                "Effect": "Allow",
                "Action": ["s3:ListBucket"],
                "Resource": arns,
            },
            {
                "Sid": "ReadWriteMediaObjects",
                "Effect": "Allow",
                "Action": [
                    "s3:GetObject",
                    "s3:PutObject",
                    "s3:DeleteObject",
                    "s3:AbortMultipartUpload",
                ],
                "Resource": [f"{arn}/*" for arn in arns],
            },
        ],
    }


def test_key_mode_creates_a_user_with_an_inline_policy_on_the_two_buckets_only(aws_run):
    run = aws_run()
    user = run.one(USER)
    assert is_valid_iam_name(user.get("name"))
    assert user.get("name") == "shop-dev-media"
    assert user.get("tags") == {"media-storage:app": "shop", "media-storage:stack": "dev"}
    policy = run.one(USER_POLICY)
    assert json.loads(policy.get("policy")) == expected_access_policy(bucket_arns(run))
    assert policy.get("user") == "shop-dev-media"
    assert run.of_type(ROLE) == [] and run.of_type(ROLE_POLICY) == []
    assert not [r for r in run.resources if r.type.startswith("aws:iam/") and "Attachment" in r.type]


def test_key_mode_creates_one_access_key_whose_secret_is_marked_secret(aws_run):
    key = aws_run().one(ACCESS_KEY)
    assert key.get("user") == "shop-dev-media"
    assert "secret" in key.request.additionalSecretOutputs


def test_two_key_generations_give_two_keys_and_export_the_newest(aws_run):
    run = aws_run(accessKeyGenerations=["2026-05", "2026-11"])
    keys = run.of_type(ACCESS_KEY)
    assert sorted(k.name for k in keys) == ["shop-app-key-2026-05", "shop-app-key-2026-11"]
    one_key = aws_run(accessKeyGenerations=["2026-11"])
    assert run.outputs["env"]["AWS_ACCESS_KEY_ID"] == one_key.outputs["env"]["AWS_ACCESS_KEY_ID"]


def test_role_mode_defaults_to_ecs_tasks_of_this_account(aws_run):
    run = aws_run(credentials="role")
    role = run.one(ROLE)
    assert role.get("name") == "shop-dev-media"
    assert json.loads(role.get("assumeRolePolicy")) == {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "AssumedByServices",
                "Effect": "Allow",
                "Principal": {"Service": ["ecs-tasks.amazonaws.com"]},
                "Action": "sts:AssumeRole",
                "Condition": {"StringEquals": {"aws:SourceAccount": "123456789012"}},
            }
        ],
    }
    assert json.loads(run.one(ROLE_POLICY).get("policy")) == expected_access_policy(bucket_arns(run))
    assert run.of_type(USER) == [] and run.of_type(ACCESS_KEY) == []


def test_role_mode_trusts_exactly_the_configured_principals_and_service_account(aws_run):
    provider = "arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC123"
    run = aws_run(
        credentials="role",
        roleTrust={
            "principals": ["arn:aws:iam::210987654321:role/deployer"],
            "oidc": {"providerArn": provider, "subject": "system:serviceaccount:web:django"},
        },
    )
    statements = json.loads(run.one(ROLE).get("assumeRolePolicy"))["Statement"]
    assert [s["Principal"] for s in statements] == [
        {"AWS": ["arn:aws:iam::210987654321:role/deployer"]},
        {"Federated": provider},
    ]
    issuer = "oidc.eks.eu-west-1.amazonaws.com/id/ABC123"
    assert statements[1]["Action"] == "sts:AssumeRoleWithWebIdentity"
    assert statements[1]["Condition"] == {
        "StringEquals": {
            f"{issuer}:sub": "system:serviceaccount:web:django",
            f"{issuer}:aud": "sts.amazonaws.com",
        }
    }
