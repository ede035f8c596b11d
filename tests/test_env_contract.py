"""The `env` stack output: exactly the contract's variables, credentials as Pulumi secrets."""

from __future__ import annotations

import pytest

from media_storage import env_contract as names
from media_storage.testing import UNKNOWN, Secret, reveal

ALWAYS = {
    names.MEDIA_STORAGE_BACKEND,
    names.AWS_STORAGE_BUCKET_NAME,
    names.AWS_PRIVATE_STORAGE_BUCKET_NAME,
    names.AWS_S3_REGION_NAME,
    names.AWS_S3_SIGNATURE_VERSION,
    names.AWS_S3_ADDRESSING_STYLE,
    names.AWS_QUERYSTRING_EXPIRE,
}
KEY_MODE = {
    names.AWS_ACCESS_KEY_ID,
    names.AWS_SECRET_ACCESS_KEY,
    names.DEFAULT_STORAGE_DSN,
    names.PRIVATE_STORAGE_DSN,
}
SECRETS = {variable.name for variable in names.AWS_VARIABLES if variable.secret}


def test_key_mode_env(aws_run):
    run = aws_run()
    env = run.outputs["env"]
    assert set(env) == ALWAYS | KEY_MODE
    plain = reveal(env)
    assert plain[names.MEDIA_STORAGE_BACKEND] == "s3"
    assert plain[names.AWS_STORAGE_BUCKET_NAME] == run.outputs["publicBucketName"]
    assert plain[names.AWS_PRIVATE_STORAGE_BUCKET_NAME] == run.outputs["privateBucketName"]
    assert plain[names.AWS_S3_REGION_NAME] == "eu-west-1"
    assert plain[names.AWS_S3_SIGNATURE_VERSION] == "s3v4"
    assert plain[names.AWS_S3_ADDRESSING_STYLE] == "virtual"
    assert plain[names.AWS_QUERYSTRING_EXPIRE] == "3600"
    assert plain[names.AWS_ACCESS_KEY_ID].startswith("AKIA")
    assert all(isinstance(value, str) for value in plain.values())


def test_each_credential_is_a_secret_and_nothing_else_is(aws_run):
    env = aws_run().outputs["env"]
    assert {name for name, value in env.items() if isinstance(value, Secret)} == SECRETS & set(env)
    assert SECRETS & set(env) == KEY_MODE


def test_no_secret_appears_in_a_non_secret_output(aws_run):
    run = aws_run()
    secrets = {reveal(v) for v in run.outputs["env"].values() if isinstance(v, Secret)}
    secret_key = reveal(run.outputs["env"][names.AWS_SECRET_ACCESS_KEY])

    def plain_strings(value):
        if isinstance(value, Secret):
            return
        if isinstance(value, dict):
            for item in value.values():
                yield from plain_strings(item)
        elif isinstance(value, str):
            yield value

    exposed = list(plain_strings(run.outputs))
    assert not secrets & set(exposed)
    assert not any(secret_key in text for text in exposed)


def test_role_mode_exports_the_role_and_no_keys(aws_run):
    run = aws_run(credentials="role")
    env = run.outputs["env"]
    assert set(env) == ALWAYS | {names.AWS_ROLE_ARN}
    assert env[names.AWS_ROLE_ARN] == "arn:aws:iam::123456789012:role/shop-dev-media"


def test_url_expiry_is_exported_in_seconds(aws_run):
    assert aws_run(urlExpirySeconds=900).outputs["env"][names.AWS_QUERYSTRING_EXPIRE] == "900"


def test_endpoint_override_switches_to_path_style_and_drops_the_dsns(aws_run):
    env = aws_run(endpointUrl="http://127.0.0.1:5000", requireTls=False).outputs["env"]
    assert env[names.AWS_S3_ENDPOINT_URL] == "http://127.0.0.1:5000"
    assert env[names.AWS_S3_ADDRESSING_STYLE] == "path"
    assert names.DEFAULT_STORAGE_DSN not in env and names.PRIVATE_STORAGE_DSN not in env


def test_custom_domain_is_exported_for_the_public_storage_only(aws_run):
    env = reveal(aws_run(customDomain="media.shop.example.com").outputs["env"])
    assert env[names.AWS_S3_CUSTOM_DOMAIN] == "media.shop.example.com"
    assert "domain=media.shop.example.com" in env[names.DEFAULT_STORAGE_DSN]
    assert "media.shop.example.com" not in env[names.PRIVATE_STORAGE_DSN]


def test_optional_variables_are_absent_unless_configured(aws_run):
    env = aws_run().outputs["env"]
    assert names.AWS_S3_ENDPOINT_URL not in env
    assert names.AWS_S3_CUSTOM_DOMAIN not in env


def test_every_contract_variable_is_documented_and_every_exported_one_is_in_the_contract(aws_run):
    contract = {variable.name for variable in names.AWS_VARIABLES}
    runs = [
        aws_run(customDomain="media.shop.example.com"),
        aws_run(credentials="role", endpointUrl="http://127.0.0.1:5000", requireTls=False),
        aws_run(keyDelivery=["secretsManager", "ssm"]),
        aws_run(cdn={"privateDelivery": True}),
    ]
    exported = set().union(*(run.outputs["env"] for run in runs))
    assert exported == contract


def test_only_the_spaces_contract_sets_an_object_acl(aws_run):
    # AWS buckets disable ACLs (an upload with one fails); R2 has no ACLs; on Spaces the public
    # objects are public by theirs.
    def names_of(variables):
        return {variable.name for variable in variables}

    assert names.AWS_DEFAULT_ACL in names_of(names.SPACES_VARIABLES)
    assert names.AWS_DEFAULT_ACL not in names_of(names.AWS_VARIABLES) | names_of(names.R2_VARIABLES)
    assert names.AWS_DEFAULT_ACL not in names_of(names.AZURE_VARIABLES) | names_of(names.APP_VARIABLES)
    for settings in ({}, {"credentials": "role"}, {"customDomain": "media.shop.example.com"}):
        assert names.AWS_DEFAULT_ACL not in aws_run(**settings).outputs["env"]


@pytest.mark.parametrize("credentials", ["key", "role"])
def test_a_preview_with_unknown_values_keeps_secrets_secret(aws_run, credentials):
    env = aws_run(preview=True, credentials=credentials, cdn={"privateDelivery": True}).outputs["env"]
    assert env[names.AWS_CLOUDFRONT_KEY] == Secret(UNKNOWN)
    for name in SECRETS & set(env):
        assert isinstance(env[name], Secret), name
    if credentials == "key":
        assert env[names.AWS_SECRET_ACCESS_KEY] == Secret(UNKNOWN)
