"""Django + django-storages against moto, configured only by the env of the `local` stack.

The `local` stack's config (Pulumi.local.yaml) with its emulator endpoint moved to this
session's moto port is run under mocks; its resources are applied to moto (apply_aws.py);
the app gets the env the stack exports, with the access key moto issued for the stack's
IAM user. What moto cannot judge (public access block, policy conditions, CORS origins,
anonymous writes, presigned signatures and expiry) stays with the mock tests and the pack.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import pytest
from botocore.exceptions import ClientError
from django.core.files.base import ContentFile
from django_storage_url import get_storage
from furl import furl

from media_storage import env_contract as names
from media_storage.testing import ProgramRun, read_stack_config, reveal, run_program

from ..conftest import REPO_ROOT
from .apply_aws import AppliedAws, apply_to_moto
from .conftest import moto_client
from .django_app import assert_app_round_trip, django_project
from .emulators import fetch, plain

LOCAL_STACK = "local"


def local_stack_config(endpoint: str) -> dict[str, Any]:
    """Pulumi.local.yaml's config, with its emulator address replaced by `endpoint`."""
    config = read_stack_config(REPO_ROOT, LOCAL_STACK)
    configured = config["media-storage:endpointUrl"]
    return json.loads(json.dumps(config).replace(configured, endpoint))


@dataclass
class Deployment:
    """A stack applied to moto, and the env its app runs with."""

    run: ProgramRun
    applied: AppliedAws
    env: dict[str, str]


def deploy(config: dict[str, Any], moto_url: str, *, stack: str = LOCAL_STACK) -> Deployment:
    """Run `stack` with `config` under mocks, apply it to moto, and fill the env with moto's key."""
    run = run_program(REPO_ROOT, stack=stack, config=config).raise_for_error()
    applied = apply_to_moto(
        run,
        moto_client("s3", moto_url),
        moto_client("iam", moto_url),
        secretsmanager=moto_client("secretsmanager", moto_url),
        ssm=moto_client("ssm", moto_url),
    )
    env = dict(reveal(run.outputs["env"]))
    if applied.secret_arns:
        # The mocks' ARN is a placeholder: the tooling gets the ARN of the secret moto holds.
        ((arn),) = applied.secret_arns.values()
        env[names.AWS_MEDIA_CREDENTIALS_SECRET_ARN] = arn
    if applied.access_keys and names.AWS_ACCESS_KEY_ID in env:
        ((key_id, secret),) = applied.access_keys.values()
        env[names.AWS_ACCESS_KEY_ID], env[names.AWS_SECRET_ACCESS_KEY] = key_id, secret
    return Deployment(run, applied, env)


@pytest.fixture(scope="module")
def local(moto) -> Deployment:
    return deploy(local_stack_config(moto.url), moto.url)


@pytest.fixture
def foreign_bucket(moto) -> str:
    """A bucket of someone else in the same account, with one object."""
    s3 = moto_client("s3", moto.url)
    name = f"foreign-{time.monotonic_ns()}"
    s3.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
    s3.put_object(Bucket=name, Key="secret.txt", Body=b"not yours")
    return name


def test_the_local_stack_points_the_provider_and_the_app_at_the_same_emulator():
    config = read_stack_config(REPO_ROOT, LOCAL_STACK)
    endpoint = config["media-storage:endpointUrl"]
    assert urlsplit(endpoint).hostname == "127.0.0.1"
    (endpoints,) = config["aws:endpoints"]
    assert endpoints == {"s3": endpoint, "iam": endpoint, "sts": endpoint}
    assert config["aws:s3UsePathStyle"] is True
    assert config["aws:skipCredentialsValidation"] is True
    assert config["aws:skipRequestingAccountId"] is True
    # `make local-up` starts moto where the stack file expects it.
    makefile = (REPO_ROOT / "Makefile").read_text()
    assert f"override MOTO_PORT := {urlsplit(endpoint).port}\n" in makefile


def test_the_local_stack_exports_the_emulator_endpoint(local, moto):
    assert local.env[names.AWS_S3_ENDPOINT_URL] == moto.url
    assert local.env[names.AWS_S3_ADDRESSING_STYLE] == "path"
    assert names.DEFAULT_STORAGE_DSN not in local.env  # a DSN cannot carry an endpoint


def test_moto_accepts_and_holds_the_documents_the_components_generate(local, moto):
    s3 = moto_client("s3", moto.url)
    public, private = local.env[names.AWS_STORAGE_BUCKET_NAME], local.env[names.AWS_PRIVATE_STORAGE_BUCKET_NAME]
    assert set(local.applied.buckets) == {public, private}
    policy = json.loads(s3.get_bucket_policy(Bucket=public)["Policy"])
    assert [(st["Effect"], st["Principal"], st["Action"]) for st in policy["Statement"]] == [
        ("Allow", "*", "s3:GetObject")
    ]
    with pytest.raises(ClientError, match="NoSuchBucketPolicy"):
        s3.get_bucket_policy(Bucket=private)
    block = s3.get_public_access_block(Bucket=private)["PublicAccessBlockConfiguration"]
    assert all(block.values()) and len(block) == 4
    assert s3.get_bucket_versioning(Bucket=private)["Status"] == "Enabled"
    assert s3.get_bucket_ownership_controls(Bucket=public)["OwnershipControls"]["Rules"] == [
        {"ObjectOwnership": "BucketOwnerEnforced"}
    ]
    (cors,) = s3.get_bucket_cors(Bucket=public)["CORSRules"]
    assert cors["AllowedOrigins"] == ["http://localhost:8000"]
    for bucket in (public, private):
        rules = s3.get_bucket_lifecycle_configuration(Bucket=bucket)["Rules"]
        assert any("AbortIncompleteMultipartUpload" in rule for rule in rules)
        encryption = s3.get_bucket_encryption(Bucket=bucket)["ServerSideEncryptionConfiguration"]
        assert encryption["Rules"][0]["ApplyServerSideEncryptionByDefault"]["SSEAlgorithm"] == "AES256"
    user = local.run.one("aws:iam/user:User").inputs["name"]
    iam = moto_client("iam", moto.url)
    (policy_name,) = iam.list_user_policies(UserName=user)["PolicyNames"]
    document = iam.get_user_policy(UserName=user, PolicyName=policy_name)["PolicyDocument"]
    assert {arn for st in document["Statement"] for arn in st["Resource"]} == {
        f"arn:aws:s3:::{public}",
        f"arn:aws:s3:::{private}",
        f"arn:aws:s3:::{public}/*",
        f"arn:aws:s3:::{private}/*",
    }


@pytest.mark.parametrize("alias", ["default", "private"])
def test_the_app_saves_opens_lists_and_deletes_with_its_own_key(local, moto_auth, alias):
    with moto_auth.enforced(), django_project(local.env) as storages:
        assert_app_round_trip(storages[alias])


def test_a_public_file_is_served_to_anyone(local, moto_auth):
    with moto_auth.enforced(), django_project(local.env) as storages:
        name = storages["default"].save("avatars/public.txt", ContentFile(b"for everyone"))
        url = storages["default"].url(name)
    assert url.startswith(f"{local.env[names.AWS_S3_ENDPOINT_URL]}/{local.env[names.AWS_STORAGE_BUCKET_NAME]}/")
    assert "Signature" not in url
    # moto answers anonymous requests with a 500 while IAM is enforced: lifted here.
    assert fetch(url) == (200, b"for everyone")


def test_a_private_file_is_served_only_through_its_signed_link(local, moto_auth):
    with moto_auth.enforced(), django_project(local.env) as storages:
        name = storages["private"].save("invoices/private.txt", ContentFile(b"only for you"))
        url = storages["private"].url(name)
    assert "X-Amz-Signature=" in url
    assert f"X-Amz-Expires={local.env[names.AWS_QUERYSTRING_EXPIRE]}" in url
    assert fetch(plain(url))[0] == 403
    assert fetch(url) == (200, b"only for you")
    # moto checks neither presigned signatures nor their expiry; the mock tests pin the expiry.


def test_the_app_key_cannot_touch_another_bucket(local, moto_auth, foreign_bucket):
    elsewhere = dict(local.env, **{names.AWS_STORAGE_BUCKET_NAME: foreign_bucket})
    with moto_auth.enforced(), django_project(elsewhere) as storages:
        storage = storages["default"]
        for attempt in (
            lambda: storage.save("planted.txt", ContentFile(b"x")),
            lambda: storage.open("secret.txt").read(),
            lambda: storage.listdir(""),
        ):
            with pytest.raises(ClientError, match=r"AccessDenied|403"):
                attempt()


def test_the_app_key_cannot_change_bucket_policies_or_access_blocks(local, moto, moto_auth):
    app = moto_client("s3", moto.url, local.env[names.AWS_ACCESS_KEY_ID], local.env[names.AWS_SECRET_ACCESS_KEY])
    private = local.env[names.AWS_PRIVATE_STORAGE_BUCKET_NAME]
    public = local.env[names.AWS_STORAGE_BUCKET_NAME]
    anyone_reads = {
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": f"arn:aws:s3:::{private}/*"}
        ],
    }
    with moto_auth.enforced():
        for attempt in (
            lambda: app.put_bucket_policy(Bucket=private, Policy=json.dumps(anyone_reads)),
            lambda: app.delete_bucket_policy(Bucket=public),
            lambda: app.delete_public_access_block(Bucket=private),
            lambda: app.put_bucket_cors(
                Bucket=public,
                CORSConfiguration={"CORSRules": [{"AllowedOrigins": ["*"], "AllowedMethods": ["GET"]}]},
            ),
            lambda: app.create_bucket(Bucket="app-made", CreateBucketConfiguration={"LocationConstraint": "eu-west-1"}),
        ):
            with pytest.raises(ClientError) as raised:
                attempt()
            assert raised.value.response["Error"]["Code"] == "AccessDenied"


def test_the_dsns_configure_working_storages_where_the_endpoint_can_be_given(local, moto, moto_auth):
    """A DSN names the AWS host (https://BUCKET.s3.REGION.amazonaws.com), not an endpoint:

    django-storage-url cannot express moto's address, so the stack exports no DSN with
    `endpointUrl`. The same stack without it exports DSNs; their storages, with only the
    endpoint moved to moto, must work with the buckets and key this stack created.
    """
    config = local_stack_config(moto.url)
    del config["media-storage:endpointUrl"], config["media-storage:requireTls"]
    env = reveal(run_program(REPO_ROOT, stack=LOCAL_STACK, config=config).raise_for_error().outputs["env"])
    for dsn_name, bucket_name, signed in (
        (names.DEFAULT_STORAGE_DSN, names.AWS_STORAGE_BUCKET_NAME, False),
        (names.PRIVATE_STORAGE_DSN, names.AWS_PRIVATE_STORAGE_BUCKET_NAME, True),
    ):
        dsn = furl(env[dsn_name])
        dsn.username = local.env[names.AWS_ACCESS_KEY_ID]
        dsn.password = local.env[names.AWS_SECRET_ACCESS_KEY]
        storage = get_storage(dsn.url)
        assert storage.bucket_name == local.env[bucket_name]
        storage.endpoint_url = moto.url  # the one thing the DSN cannot say
        with moto_auth.enforced():
            name = storage.save("dsn/hello.txt", ContentFile(b"via dsn"))
            with storage.open(name) as stored:
                assert stored.read() == b"via dsn"
            url = storage.url(name)
        assert ("X-Amz-Signature=" in url) is signed
        assert fetch(url) == (200, b"via dsn")
        assert fetch(plain(url))[0] == (403 if signed else 200)
        with moto_auth.enforced():
            storage.delete(name)
            assert not storage.exists(name)


# Role mode: the workload's platform (ECS, EKS) hands boto3 the role's temporary credentials;
# here they come from STS on moto, through the environment variables boto3's default chain reads.


@pytest.fixture(scope="module")
def role_stack(moto) -> Deployment:
    config = local_stack_config(moto.url)
    config["media-storage:credentials"] = "role"
    config["media-storage:roleTrust"] = {"principals": ["arn:aws:iam::123456789012:root"]}
    config.pop("media-storage:accessKeyGenerations", None)
    return deploy(config, moto.url, stack="local-role")


@pytest.fixture
def assumed_role(role_stack, moto, monkeypatch) -> None:
    """The role's session credentials in the process environment, as a task role would provide them."""
    credentials = moto_client("sts", moto.url).assume_role(
        RoleArn=role_stack.env[names.AWS_ROLE_ARN], RoleSessionName="django"
    )["Credentials"]
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", credentials["AccessKeyId"])
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", credentials["SecretAccessKey"])
    monkeypatch.setenv("AWS_SESSION_TOKEN", credentials["SessionToken"])


def test_role_mode_exports_the_role_moto_holds_and_no_keys(role_stack, moto):
    (role,) = role_stack.applied.roles
    assert moto_client("iam", moto.url).get_role(RoleName=role)["Role"]["Arn"] == role_stack.env[names.AWS_ROLE_ARN]
    assert names.AWS_ACCESS_KEY_ID not in role_stack.env
    assert names.AWS_SECRET_ACCESS_KEY not in role_stack.env


@pytest.mark.usefixtures("assumed_role")
@pytest.mark.parametrize("alias", ["default", "private"])
def test_role_mode_the_app_works_with_the_role_it_assumed(role_stack, moto_auth, alias):
    with moto_auth.enforced(), django_project(role_stack.env) as storages:
        storage = storages[alias]
        name = storage.save("contract/role.txt", ContentFile(b"as the role"))
        assert storage.exists(name)
        with storage.open(name) as stored:
            assert stored.read() == b"as the role"
        storage.delete(name)
        assert not storage.exists(name)


@pytest.mark.usefixtures("assumed_role")
def test_role_mode_the_role_cannot_touch_another_bucket(role_stack, moto_auth, local):
    # The key-mode stack's public bucket: same account, not this app's.
    elsewhere = dict(role_stack.env, **{names.AWS_STORAGE_BUCKET_NAME: local.env[names.AWS_STORAGE_BUCKET_NAME]})
    with moto_auth.enforced(), django_project(elsewhere) as storages, pytest.raises(ClientError) as raised:
        storages["default"].save("planted.txt", ContentFile(b"x"))
    assert raised.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403  # the HEAD before the upload


# Key mode with `keyDelivery: [secretsManager]`: the env carries the secret's ARN, no key. A
# deployer (not the app) reads the secret and injects the key into the app's environment, as an
# ECS task definition's `secrets` or External Secrets do.


@pytest.fixture(scope="module")
def secret_stack(moto) -> Deployment:
    config = local_stack_config(moto.url)
    config["media-storage:keyDelivery"] = ["secretsManager"]
    return deploy(config, moto.url, stack="local-secret")


@dataclass
class Deployer:
    """A deploy tooling identity that may read the app's secret and nothing else."""

    key_id: str
    secret: str


@pytest.fixture(scope="module")
def deployer(secret_stack, moto) -> Deployer:
    iam = moto_client("iam", moto.url)
    name = "shop-local-secret-deployer"
    iam.create_user(UserName=name)
    iam.put_user_policy(
        UserName=name,
        PolicyName="read-app-key",
        PolicyDocument=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Action": "secretsmanager:GetSecretValue",
                        # moto judges Secrets Manager calls against resource `*` only; a real
                        # deployer's policy names the secret (docs/configuration.md).
                        "Resource": "*",
                    }
                ],
            }
        ),
    )
    key = iam.create_access_key(UserName=name)["AccessKey"]
    return Deployer(key["AccessKeyId"], key["SecretAccessKey"])


def inject_from_secret(env: dict[str, str], deployer: Deployer, moto_url: str) -> dict[str, str]:
    """What the platform does at deploy time: read the secret the env names, put its keys in the app's env."""
    secrets = moto_client("secretsmanager", moto_url, deployer.key_id, deployer.secret)
    stored = json.loads(secrets.get_secret_value(SecretId=env[names.AWS_MEDIA_CREDENTIALS_SECRET_ARN])["SecretString"])
    return {**env, **{name: stored[name] for name in (names.AWS_ACCESS_KEY_ID, names.AWS_SECRET_ACCESS_KEY)}}


def test_secret_delivery_exports_the_secret_and_no_key(secret_stack, moto):
    env = secret_stack.env
    assert names.AWS_ACCESS_KEY_ID not in env and names.AWS_SECRET_ACCESS_KEY not in env
    assert names.DEFAULT_STORAGE_DSN not in env and names.PRIVATE_STORAGE_DSN not in env
    described = moto_client("secretsmanager", moto.url).describe_secret(
        SecretId=env[names.AWS_MEDIA_CREDENTIALS_SECRET_ARN]
    )
    assert described["Name"] == "media-storage/shop/local-secret/app-key"
    assert "KmsKeyId" not in described  # the AWS-managed key
    assert {tag["Key"]: tag["Value"] for tag in described["Tags"]} == {
        "media-storage:app": "shop",
        "media-storage:stack": "local-secret",
    }


@pytest.mark.parametrize("alias", ["default", "private"])
def test_secret_delivery_the_app_works_with_the_key_the_deployer_injected(
    secret_stack, deployer, moto, moto_auth, alias
):
    with moto_auth.enforced():
        app_env = inject_from_secret(secret_stack.env, deployer, moto.url)
        with django_project(app_env) as storages:
            assert_app_round_trip(storages[alias])
    ((issued_id, _),) = secret_stack.applied.access_keys.values()
    assert app_env[names.AWS_ACCESS_KEY_ID] == issued_id  # the app's own key, not the deployer's


def test_secret_delivery_the_app_key_cannot_read_the_secret_nor_the_deployer_the_buckets(
    secret_stack, deployer, moto, moto_auth
):
    ((key_id, secret),) = secret_stack.applied.access_keys.values()
    app_secrets = moto_client("secretsmanager", moto.url, key_id, secret)
    deployer_s3 = moto_client("s3", moto.url, deployer.key_id, deployer.secret)
    with moto_auth.enforced():
        with pytest.raises(ClientError) as raised:
            app_secrets.get_secret_value(SecretId=secret_stack.env[names.AWS_MEDIA_CREDENTIALS_SECRET_ARN])
        # moto answers in XML, which botocore's JSON parser reads as a bare 403.
        assert raised.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403
        assert "is not authorized to perform: secretsmanager:GetSecretValue" in str(raised.value)
        with pytest.raises(ClientError) as raised:
            deployer_s3.list_objects_v2(Bucket=secret_stack.env[names.AWS_PRIVATE_STORAGE_BUCKET_NAME])
        assert raised.value.response["Error"]["Code"] == "AccessDenied"


def test_ssm_delivery_holds_the_key_the_app_works_with(moto, moto_auth):
    config = local_stack_config(moto.url)
    config["media-storage:keyDelivery"] = ["ssm"]
    deployment = deploy(config, moto.url, stack="local-ssm")
    prefix = deployment.env[names.AWS_MEDIA_CREDENTIALS_SSM_PREFIX]
    assert prefix == "/media-storage/shop/local-ssm"
    assert names.AWS_ACCESS_KEY_ID not in deployment.env
    ssm = moto_client("ssm", moto.url)
    parameters = ssm.get_parameters_by_path(Path=prefix, WithDecryption=True)["Parameters"]
    assert {p["Type"] for p in parameters} == {"SecureString"}
    injected = {p["Name"].rsplit("/", 1)[1]: p["Value"] for p in parameters}
    assert set(injected) == {names.AWS_ACCESS_KEY_ID, names.AWS_SECRET_ACCESS_KEY}
    with moto_auth.enforced(), django_project({**deployment.env, **injected}) as storages:
        assert_app_round_trip(storages["private"])
