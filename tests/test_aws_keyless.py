"""AWS without keys in stack outputs: EKS Pod Identity, several IRSA subjects, keys kept in a secret store."""

from __future__ import annotations

import hashlib
import json

import pytest

from media_storage import env_contract as names
from media_storage.django_storages import MediaStorageEnvError, storages_from_env
from media_storage.testing import Secret, reveal

from .conftest import aws_config
from .test_stack_config import problems

ROLE = "aws:iam/role:Role"
ACCESS_KEY = "aws:iam/accessKey:AccessKey"
ASSOCIATION = "aws:eks/podIdentityAssociation:PodIdentityAssociation"
SECRET = "aws:secretsmanager/secret:Secret"
SECRET_VERSION = "aws:secretsmanager/secretVersion:SecretVersion"
PARAMETER = "aws:ssm/parameter:Parameter"
PROVIDER = "arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC123"
ISSUER = "oidc.eks.eu-west-1.amazonaws.com/id/ABC123"
TAGS = {"media-storage:app": "shop", "media-storage:stack": "dev"}
WEB = {"clusterName": "prod", "namespace": "shop", "serviceAccount": "web"}
WORKER = {"clusterName": "prod", "namespace": "shop", "serviceAccount": "worker"}
KEYS = {names.AWS_ACCESS_KEY_ID, names.AWS_SECRET_ACCESS_KEY, names.DEFAULT_STORAGE_DSN, names.PRIVATE_STORAGE_DSN}


def trust_statements(run):
    return json.loads(run.one(ROLE).get("assumeRolePolicy"))["Statement"]


def pod_identity_run(aws_run, *service_accounts):
    return aws_run(credentials="role", roleTrust={"eksPodIdentity": list(service_accounts)})


# EKS Pod Identity


def test_pod_identity_trusts_the_eks_pods_service_for_this_account_and_each_service_account(aws_run):
    run = pod_identity_run(aws_run, WEB, WORKER)
    statements = trust_statements(run)
    assert statements == [
        {
            "Sid": f"AssumedByEksPodIdentity{index}",
            "Effect": "Allow",
            "Principal": {"Service": "pods.eks.amazonaws.com"},
            "Action": ["sts:AssumeRole", "sts:TagSession"],
            "Condition": {
                "StringEquals": {
                    "aws:SourceAccount": "123456789012",
                    "aws:RequestTag/eks-cluster-name": "prod",
                    "aws:RequestTag/kubernetes-namespace": "shop",
                    "aws:RequestTag/kubernetes-service-account": account,
                }
            },
        }
        for index, account in enumerate(["web", "worker"])
    ]


def test_pod_identity_creates_one_association_per_service_account_on_the_role(aws_run):
    run = pod_identity_run(aws_run, WEB, WORKER)
    role = run.one(ROLE)
    associations = run.of_type(ASSOCIATION)
    assert [(a.get("clusterName"), a.get("namespace"), a.get("serviceAccount")) for a in associations] == [
        ("prod", "shop", "web"),
        ("prod", "shop", "worker"),
    ]
    for association in associations:
        assert association.get("roleArn") == "arn:aws:iam::123456789012:role/shop-dev-media"
        assert association.property_dependencies["roleArn"] == (role.urn,)
        assert association.get("disableSessionTags") is False  # the trust's conditions read the session tags
        assert association.get("tags") == TAGS
        assert association.parent == role.parent  # a child of the AppRole component, like the role


def test_pod_identity_env_carries_the_role_and_no_keys(aws_run):
    run = pod_identity_run(aws_run, WEB)
    env = run.outputs["env"]
    assert env[names.AWS_ROLE_ARN] == "arn:aws:iam::123456789012:role/shop-dev-media"
    assert not KEYS & set(env)
    assert not [value for value in env.values() if isinstance(value, Secret)]
    assert run.of_type(ACCESS_KEY) == [] and run.of_type(SECRET) == []


def test_ecs_and_pod_identity_together_keep_each_statement_pinned(aws_run):
    run = aws_run(credentials="role", roleTrust={"services": ["ecs-tasks.amazonaws.com"], "eksPodIdentity": [WEB]})
    assert [s["Sid"] for s in trust_statements(run)] == ["AssumedByServices", "AssumedByEksPodIdentity0"]
    assert all(s["Condition"]["StringEquals"]["aws:SourceAccount"] == "123456789012" for s in trust_statements(run))


# IRSA (OIDC): several exact subjects, a configurable audience


def test_oidc_trust_admits_several_exact_subjects_and_the_configured_audience(aws_run):
    subjects = ["system:serviceaccount:shop:web", "system:serviceaccount:shop:worker"]
    run = aws_run(
        credentials="role",
        roleTrust={"oidc": {"providerArn": PROVIDER, "subjects": subjects, "audience": "sts.example.internal"}},
    )
    (statement,) = trust_statements(run)
    assert statement["Condition"] == {
        "StringEquals": {f"{ISSUER}:sub": subjects, f"{ISSUER}:aud": "sts.example.internal"}
    }


def test_oidc_subject_is_an_alias_and_keeps_the_document_of_existing_roles(aws_run):
    one = {"providerArn": PROVIDER, "subject": "system:serviceaccount:shop:web"}
    alias = trust_statements(aws_run(credentials="role", roleTrust={"oidc": one}))
    listed = trust_statements(
        aws_run(credentials="role", roleTrust={"oidc": {**one, "subject": None, "subjects": [one["subject"]]}})
    )
    assert alias == listed
    assert alias[0]["Condition"]["StringEquals"] == {
        f"{ISSUER}:sub": "system:serviceaccount:shop:web",
        f"{ISSUER}:aud": "sts.amazonaws.com",
    }


@pytest.mark.parametrize(
    ("trust", "expected"),
    [
        (
            {"oidc": {"providerArn": PROVIDER, "subjects": ["system:serviceaccount:shop:*"]}},
            "media-storage:roleTrust.oidc.subjects: name exactly one subject per entry; wildcards would let "
            'other workloads in; got ["system:serviceaccount:shop:*"]',
        ),
        (
            {"oidc": {"providerArn": PROVIDER, "subject": "system:serviceaccount:shop:web", "subjects": ["a"]}},
            "media-storage:roleTrust.oidc: name the allowed subjects with exactly one of subject (one) or subjects "
            f'(a list); got {{"providerArn": "{PROVIDER}", "subject": "system:serviceaccount:shop:web", '
            '"subjects": ["a"]}',
        ),
        (
            {"oidc": {"providerArn": PROVIDER}},
            "media-storage:roleTrust.oidc: name the allowed subjects with exactly one of subject (one) or subjects "
            f'(a list); got {{"providerArn": "{PROVIDER}"}}',
        ),
        (
            {"oidc": {"providerArn": PROVIDER, "subjects": ["a", "a"]}},
            'media-storage:roleTrust.oidc.subjects: each subject may be listed once; got ["a", "a"]',
        ),
        (
            {"oidc": {"providerArn": PROVIDER, "subject": "a", "audience": "*"}},
            "media-storage:roleTrust.oidc.audience: name exactly one audience; wildcards would let other "
            "workloads in; got '*'",
        ),
        (
            {"eksPodIdentity": [WEB, WEB]},
            "media-storage:roleTrust.eksPodIdentity: each cluster, namespace and service account may be listed once; "
            f"got {json.dumps([WEB, WEB])}",
        ),
        (
            {"eksPodIdentity": [{**WEB, "serviceAccount": "Web_App"}]},
            "media-storage:roleTrust.eksPodIdentity[0].serviceAccount: expected a Kubernetes name: lowercase "
            "letters, digits, - and ., starting and ending with a letter or digit; got 'Web_App'",
        ),
        (
            {"eksPodIdentity": [{"clusterName": "prod", "namespace": "shop"}]},
            "media-storage:roleTrust.eksPodIdentity[0].serviceAccount: required",
        ),
    ],
)
def test_trust_mistakes_get_one_clear_message(run_stack, trust, expected):
    assert problems(run_stack(aws_config(credentials="role", roleTrust=trust))) == [expected]


def test_at_most_twenty_service_accounts(run_stack):
    accounts = [{**WEB, "serviceAccount": f"sa-{i}"} for i in range(21)]
    (problem,) = problems(run_stack(aws_config(credentials="role", roleTrust={"eksPodIdentity": accounts})))
    assert problem.startswith("media-storage:roleTrust.eksPodIdentity: list at most 20 service accounts; got")


# Key mode, keys delivered to a secret store


def mock_key(generation):
    """The (id, secret) the mocks issue for the AccessKey of one generation (a function of its name)."""
    token = hashlib.sha256(f"{ACCESS_KEY}/shop-app-key-{generation}".encode()).hexdigest()
    return "AKIA" + token[:16].upper(), f"{token[16:28]}/{token[28:40]}+{token[40:54]}"


def test_secrets_manager_delivery_keeps_the_newest_key_in_a_tagged_secret(aws_run):
    run = aws_run(keyDelivery=["secretsManager"], accessKeyGenerations=["2026-05", "2026-11"])
    secret = run.one(SECRET)
    assert secret.get("name") == "media-storage/shop/dev/app-key"
    assert secret.get("tags") == TAGS
    assert "kmsKeyId" not in secret.inputs  # the AWS-managed key aws/secretsmanager
    version = run.one(SECRET_VERSION)
    assert isinstance(version.inputs["secretString"], Secret)
    assert "secretString" in version.request.additionalSecretOutputs
    assert version.property_dependencies["secretId"] == (secret.urn,)
    key_id, secret_key = mock_key("2026-11")
    assert json.loads(version.get("secretString")) == {"AWS_ACCESS_KEY_ID": key_id, "AWS_SECRET_ACCESS_KEY": secret_key}
    newest = run.one(ACCESS_KEY, "2026-11")
    assert set(version.property_dependencies["secretString"]) == {newest.urn}


def test_secrets_manager_delivery_exports_the_arn_and_no_key(aws_run):
    env = aws_run(keyDelivery=["secretsManager"]).outputs["env"]
    assert env[names.AWS_MEDIA_CREDENTIALS_SECRET_ARN].startswith(
        "arn:aws:secretsmanager:eu-west-1:123456789012:secret:media-storage/shop/dev/app-key-"
    )
    assert not KEYS & set(env)
    assert names.AWS_MEDIA_CREDENTIALS_SSM_PREFIX not in env
    assert not [value for value in env.values() if isinstance(value, Secret)]
    assert all(isinstance(value, str) for value in env.values())


def test_ssm_delivery_keeps_the_key_in_two_secure_string_parameters(aws_run):
    run = aws_run(keyDelivery=["ssm"])
    parameters = {p.get("name"): p for p in run.of_type(PARAMETER)}
    assert set(parameters) == {
        "/media-storage/shop/dev/AWS_ACCESS_KEY_ID",
        "/media-storage/shop/dev/AWS_SECRET_ACCESS_KEY",
    }
    for parameter in parameters.values():
        assert parameter.get("type") == "SecureString"
        assert "keyId" not in parameter.inputs  # the AWS-managed key aws/ssm
        assert isinstance(parameter.inputs["value"], Secret)
        assert "value" in parameter.request.additionalSecretOutputs
        assert parameter.get("tags") == TAGS
    key_id, secret_key = mock_key("1")
    assert parameters["/media-storage/shop/dev/AWS_ACCESS_KEY_ID"].get("value") == key_id
    assert parameters["/media-storage/shop/dev/AWS_SECRET_ACCESS_KEY"].get("value") == secret_key
    env = run.outputs["env"]
    assert env[names.AWS_MEDIA_CREDENTIALS_SSM_PREFIX] == "/media-storage/shop/dev"
    assert not KEYS & set(env) and names.AWS_MEDIA_CREDENTIALS_SECRET_ARN not in env


def test_delivery_to_a_store_and_the_output_keeps_both(aws_run):
    run = aws_run(keyDelivery=["secretsManager", "output"])
    env = run.outputs["env"]
    assert set(env) >= KEYS
    assert {name for name, value in env.items() if isinstance(value, Secret)} == KEYS
    stored = json.loads(run.one(SECRET_VERSION).get("secretString"))
    plain = reveal(env)
    assert stored == {key: plain[key] for key in (names.AWS_ACCESS_KEY_ID, names.AWS_SECRET_ACCESS_KEY)}


def test_the_default_delivery_is_the_output_and_creates_no_store(aws_run):
    run = aws_run()
    assert set(run.outputs["env"]) >= KEYS
    assert run.of_type(SECRET) == [] and run.of_type(PARAMETER) == []


def test_a_preview_keeps_the_stored_key_secret(aws_run):
    run = aws_run(preview=True, keyDelivery=["secretsManager", "ssm"])
    assert isinstance(run.one(SECRET_VERSION).inputs["secretString"], Secret)
    assert all(isinstance(p.inputs["value"], Secret) for p in run.of_type(PARAMETER))


@pytest.mark.parametrize(
    ("settings_", "expected"),
    [
        (
            {"credentials": "role", "keyDelivery": ["secretsManager"]},
            'media-storage:keyDelivery: only applies with credentials: key (a role has no keys); got ["secretsManager"]',
        ),
        (
            {"keyDelivery": ["vault"]},
            "media-storage:keyDelivery[0]: Input should be 'output', 'secretsManager' or 'ssm'; got 'vault'",
        ),
        ({"keyDelivery": []}, "media-storage:keyDelivery: name at least one of output, secretsManager or ssm; got []"),
        (
            {"keyDelivery": ["ssm", "ssm"]},
            'media-storage:keyDelivery: each place may be listed once; got ["ssm", "ssm"]',
        ),
        (
            {"keyDelivery": "secretsManager"},
            "media-storage:keyDelivery: expected a list (YAML or JSON); got 'secretsManager'",
        ),
    ],
)
def test_key_delivery_mistakes_get_one_clear_message(run_stack, settings_, expected):
    assert problems(run_stack(aws_config(**settings_))) == [expected]


def test_the_eks_example_stack_gives_its_two_service_accounts_the_role_and_no_keys(run_stack):
    run = run_stack(None, stack="eks").raise_for_error()
    assert [a.get("serviceAccount") for a in run.of_type(ASSOCIATION)] == ["web", "worker"]
    assert [s["Sid"] for s in trust_statements(run)] == ["AssumedByEksPodIdentity0", "AssumedByEksPodIdentity1"]
    assert not KEYS & set(run.outputs["env"]) and run.of_type(ACCESS_KEY) == []


def test_the_helper_says_where_a_stored_key_must_come_from(aws_run):
    env = reveal(aws_run(keyDelivery=["secretsManager"]).outputs["env"])
    with pytest.raises(MediaStorageEnvError) as raised:
        storages_from_env(env)
    assert raised.value.problems == [
        "AWS_ACCESS_KEY_ID: not set; the stack keeps the app's key in the store AWS_MEDIA_CREDENTIALS_SECRET_ARN "
        "names: inject AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY from it (e.g. an ECS task definition's secrets, "
        "External Secrets)"
    ]
    injected = {**env, names.AWS_ACCESS_KEY_ID: "AKIAINJECTED", names.AWS_SECRET_ACCESS_KEY: "injected/secret"}
    options = storages_from_env(injected)["private"]["OPTIONS"]
    assert (options["access_key"], options["secret_key"]) == ("AKIAINJECTED", "injected/secret")
