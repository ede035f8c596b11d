"""The AWS exfiltration, takeover and data-loss policies (issue 12, classes 6 and 7): their settings,
the lines they draw, and that our own components pass them where their settings allow it."""

from __future__ import annotations

import json
import re

import pulumi
import pulumi_aws as aws
import pytest
from media_storage.policies.check import UsageError, effective_config, evaluate

from .doc_snippets import snippet
from .policy_support import check, found, only
from .test_redteam import MANIFEST, load_program


def test_the_documented_allowlists_are_the_config_a_secure_program_needs():
    config = json.loads(snippet("policy-config-allowlists"))
    assert config == MANIFEST["secure_raw_central_log_archive"]["config"]
    effective_config(config)  # valid for the pack's schemas
    program = load_program("secure_raw_central_log_archive")
    assert check(program, config=config).violations == []
    # Without them the archive and the temporary prefix fail closed, each saying which setting waives it.
    report = check(program)
    (archive,) = only(report, "s3-exports-stay-in-program", "mandatory")
    assert "allowedDestinationBuckets" in archive.message and "'corp-log-archive'" in archive.message
    (temporary,) = only(report, "s3-lifecycle-keeps-private-media", "mandatory")
    assert "temporaryPrefixes" in temporary.message and "uploads/tmp/" in temporary.message


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ({"s3-lifecycle-keeps-private-media": {"minimumDays": "30"}}, "minimumDays must be of type integer"),
        ({"s3-lifecycle-keeps-private-media": {"minimumDays": 0}}, "minimumDays"),
        ({"s3-lifecycle-keeps-noncurrent-versions": {"temporaryPrefixes": ["/tmp"]}}, "temporaryPrefixes"),
        ({"s3-lifecycle-keeps-private-media": {"temporaryPrefixes": [""]}}, "temporaryPrefixes"),
        ({"s3-exports-stay-in-program": {"allowedDestinationBuckets": ["Not_A_Bucket"]}}, "allowedDestinationBuckets"),
        ({"s3-replication-stays-in-program": {"trustedAccounts": ["12345"]}}, "trustedAccounts"),
    ],
)
def test_settings_are_validated(config, message):
    with pytest.raises(UsageError, match=message):
        effective_config(config)


def test_the_lifecycle_minimum_is_a_setting():
    program = load_program("lifecycle_expires_private_media")  # expires every object after 7 days
    assert not found(
        check(program, config={"s3-lifecycle-keeps-private-media": {"minimumDays": 7}}),
        "s3-lifecycle-keeps-private-media",
    )
    (violation,) = only(
        check(program, config={"s3-lifecycle-keeps-private-media": {"minimumDays": 8}}),
        "s3-lifecycle-keeps-private-media",
        "mandatory",
    )
    assert "after 7 days" in violation.message and "8 days or more" in violation.message


def _lifecycle(rule: dict, visibility: str = "private"):
    def program() -> None:
        bucket = aws.s3.BucketV2("media", bucket="corp-media", tags={"media-storage:visibility": visibility})
        aws.s3.BucketLifecycleConfiguration("media-lifecycle", bucket=bucket.id, rules=[{"status": "Enabled", **rule}])

    return program


@pytest.mark.parametrize(
    "rule",
    [
        {"id": "markers", "filter": {}, "expiration": {"expired_object_delete_marker": True}},
        {"id": "abort", "filter": {}, "abort_incomplete_multipart_upload": {"days_after_initiation": 1}},
        {"id": "colder", "filter": {}, "transitions": [{"days": 1, "storage_class": "GLACIER"}]},
        {"id": "temporary", "filter": {"prefix": "tmp/"}, "expiration": {"days": 1}},
        {"id": "nested-temporary", "filter": {"prefix": "tmp/thumbnails/"}, "expiration": {"days": 1}},
        {
            "id": "late",
            "filter": {},
            "expiration": {"days": 30},
            "noncurrent_version_expiration": {"noncurrent_days": 30},
        },
        {"id": "off", "status": "Disabled", "filter": {}, "expiration": {"days": 1}},
    ],
)
def test_lifecycle_rules_that_delete_no_media_pass(rule):
    report = check(_lifecycle(rule))
    assert not found(report, "s3-lifecycle-keeps-private-media")
    assert not found(report, "s3-lifecycle-keeps-noncurrent-versions")


def test_public_media_may_expire():
    report = check(_lifecycle({"filter": {}, "expiration": {"days": 1}}, visibility="public"))
    assert not found(report, "s3-lifecycle-keeps-private-media")


def test_our_components_pass_with_the_default_lifecycle(aws_run):
    report = evaluate(aws_run())
    assert not found(report, "s3-lifecycle-keeps-private-media")
    assert not found(report, "s3-lifecycle-keeps-noncurrent-versions")


def test_our_components_with_a_shorter_lifecycle_are_told_which_setting_to_change(aws_run):
    run = aws_run(lifecycle={"noncurrentVersionExpirationDays": 7, "temporaryPrefix": "uploads/tmp/"})
    report = evaluate(run)
    (noncurrent,) = only(report, "s3-lifecycle-keeps-noncurrent-versions", "advisory")
    assert "after 7 days" in noncurrent.message and "minimumDays" in noncurrent.message
    (temporary,) = only(report, "s3-lifecycle-keeps-private-media", "mandatory")
    assert "uploads/tmp/" in temporary.message and "temporaryPrefixes" in temporary.message
    config = {"s3-lifecycle-keeps-private-media": {"temporaryPrefixes": ["uploads/tmp/"]}}
    assert not found(evaluate(run, config), "s3-lifecycle-keeps-private-media")


def _replicated_to_account(account: str):
    def program() -> None:
        source = aws.s3.BucketV2("media", bucket="corp-media")
        replica = aws.s3.BucketV2("media-replica", bucket="corp-media-replica")
        aws.s3.BucketReplicationConfig(
            "media-replication",
            bucket=source.id,
            role="arn:aws:iam::210987654321:role/replication",
            rules=[{"status": "Enabled", "filter": {}, "destination": {"bucket": replica.arn, "account": account}}],
        )

    return program


def test_with_no_account_named_every_account_is_foreign_until_trusted():
    # Nothing names an account of the program: the pack does not guess the deploying account.
    program = _replicated_to_account("210987654321")
    violations = only(check(program), "s3-replication-stays-in-program", "mandatory")
    assert all("210987654321" in v.message and "trustedAccounts" in v.message for v in violations)
    trusted = {"s3-replication-stays-in-program": {"trustedAccounts": ["210987654321"]}}
    # The account is then own, but the replication role (it reads all the media) is not one the program creates.
    (role,) = found(check(program, config=trusted), "s3-replication-stays-in-program")
    assert "role/replication (a role the program does not create" in role.message
    trusted["s3-replication-stays-in-program"]["allowedPrincipals"] = ["arn:aws:iam::210987654321:role/replication"]
    assert not found(check(program, config=trusted), "s3-replication-stays-in-program")


def test_the_allowlist_of_destinations_waives_only_the_declaration():
    program = load_program("replication_to_undeclared_bucket")
    # The replication role is not created by the program (nor its account named): allowlisted.
    role = {"allowedPrincipals": ["arn:aws:iam::123456789012:role/replication"], "trustedAccounts": ["123456789012"]}
    config = {"s3-replication-stays-in-program": {"allowedDestinationBuckets": ["corp-dr-copy"], **role}}
    assert not found(check(program, config=config), "s3-replication-stays-in-program")
    other = {
        "s3-replication-stays-in-program": {
            "allowedDestinationBuckets": ["corp-something-else"],
            **role,
        }
    }
    assert found(check(program, config=other), "s3-replication-stays-in-program")


def test_an_access_point_policy_on_an_access_point_the_program_does_not_declare_is_judged_as_private():
    def program() -> None:
        aws.s3control.AccessPointPolicy(
            "elsewhere",
            access_point_arn="arn:aws:s3:us-east-1:123456789012:accesspoint/elsewhere",
            policy=json.dumps(
                {
                    "Statement": [
                        {
                            "Effect": "Allow",
                            "Principal": {"Service": "lambda.amazonaws.com"},
                            "Action": "s3:GetObject",
                            "Resource": "*",
                        }
                    ]
                }
            ),
        )

    (violation,) = only(check(program), "s3-access-points-private", "mandatory")
    assert "Service:lambda.amazonaws.com" in violation.message and "remove the grant" in violation.message


@pytest.mark.parametrize("creates_the_role", [True, False], ids=["created", "not-created"])
def test_an_access_point_with_its_default_block_and_an_own_principal_passes(creates_the_role):
    def program() -> None:
        aws.Provider("main", allowed_account_ids=["123456789012"])
        if creates_the_role:
            aws.iam.Role("app", name="app", assume_role_policy=json.dumps({"Statement": []}))
        bucket = aws.s3.BucketV2("media", bucket="corp-media")
        aws.s3.AccessPoint(
            "media-app",
            bucket=bucket.id,
            policy=json.dumps(
                {
                    "Statement": [
                        {
                            "Effect": "Allow",
                            "Principal": {"AWS": "arn:aws:iam::123456789012:role/app"},
                            "Action": "s3:GetObject",
                            "Resource": "*",
                        }
                    ]
                }
            ),
        )

    violations = [v.message for v in found(check(program), "s3-access-points-private")]
    if creates_the_role:
        assert violations == []
    else:  # an own-account role the program does not create: who may act as it cannot be judged
        assert len(violations) == 1 and "a role the program does not create" in violations[0], violations
        allowed = {"s3-access-points-private": {"allowedPrincipals": ["arn:aws:iam::123456789012:role/app"]}}
        assert not found(check(program, config=allowed), "s3-access-points-private")


def test_one_resource_per_configuration_passes_and_inline_plus_resource_fails():
    def program() -> None:
        bucket = aws.s3.Bucket(
            "media",
            bucket="corp-media",
            cors_rules=[{"allowed_methods": ["GET"], "allowed_origins": ["https://shop.example.com"]}],
        )
        aws.s3.BucketVersioning("media-versioning", bucket=bucket.id, versioning_configuration={"status": "Enabled"})

    assert not found(check(program), "s3-one-configuration-per-bucket")

    def twice() -> None:
        bucket = aws.s3.Bucket(
            "media",
            bucket="corp-media",
            cors_rules=[{"allowed_methods": ["GET"], "allowed_origins": ["https://shop.example.com"]}],
        )
        aws.s3.BucketCorsConfiguration(
            "media-cors",
            bucket=bucket.id,
            cors_rules=[{"allowed_methods": ["GET"], "allowed_origins": ["https://shop.example.com"]}],
        )

    (violation,) = only(check(twice), "s3-one-configuration-per-bucket", "mandatory")
    assert "media (corsRules), media-cors" in violation.message and "Merge them" in violation.message


def test_two_configurations_of_a_bucket_the_program_does_not_declare_are_reported_once():
    def program() -> None:
        for name in ("a", "b"):
            aws.s3.BucketPublicAccessBlock(
                f"block-{name}",
                bucket="corp-elsewhere",
                block_public_acls=True,
                ignore_public_acls=True,
                block_public_policy=True,
                restrict_public_buckets=True,
            )

    (violation,) = only(check(program), "s3-one-configuration-per-bucket", "mandatory")
    assert "Bucket 'corp-elsewhere'" in violation.message and "block-a, block-b" in violation.message


def test_the_deprecated_bucketv2_inline_versioning_and_encryption_count_as_configured():
    def program() -> None:
        aws.s3.BucketV2(
            "media",
            bucket="corp-media",
            versionings=[{"enabled": True}],
            server_side_encryption_configurations=[
                {"rules": [{"apply_server_side_encryption_by_defaults": [{"sse_algorithm": "AES256"}]}]}
            ],
        )

    report = check(program)
    assert not found(report, "s3-private-bucket-versioning")
    assert not found(report, "s3-default-encryption")
    assert not found(report, "s3-encryption-key-own-account")


def test_a_disabled_replication_rule_or_inventory_sends_nothing():
    def program() -> None:
        bucket = aws.s3.BucketV2("media", bucket="corp-media")
        aws.s3.BucketReplicationConfig(
            "media-replication",
            bucket=bucket.id,
            role="arn:aws:iam::123456789012:role/replication",
            rules=[{"status": "Disabled", "filter": {}, "destination": {"bucket": "arn:aws:s3:::corp-dr-copy"}}],
        )
        aws.s3.Inventory(
            "media-inventory",
            bucket=bucket.id,
            enabled=False,
            included_object_versions="Current",
            schedule={"frequency": "Weekly"},
            destination={"bucket": {"bucket_arn": "arn:aws:s3:::inventory-collector", "format": "CSV"}},
        )

    report = check(program)
    assert not found(report, "s3-replication-stays-in-program")
    assert not found(report, "s3-exports-stay-in-program")


def test_a_key_the_program_creates_encrypts_media_without_naming_an_account():
    def program() -> None:
        key = aws.kms.Key("media-key", enable_key_rotation=True)
        bucket = aws.s3.BucketV2("media", bucket="corp-media")
        aws.s3.BucketServerSideEncryptionConfiguration(
            "media-encryption",
            bucket=bucket.id,
            rules=[
                {"apply_server_side_encryption_by_default": {"sse_algorithm": "aws:kms", "kms_master_key_id": key.arn}}
            ],
        )

    assert not found(check(program), "s3-encryption-key-own-account")


@pytest.mark.parametrize("preview", [False, True], ids=["update", "preview"])
def test_an_alias_of_a_key_the_program_creates_and_the_aws_managed_key_pass(preview):
    def program() -> None:
        aws.Provider("main", allowed_account_ids=["123456789012"])
        key = aws.kms.Key("media-key", enable_key_rotation=True)
        alias = aws.kms.Alias("media-key-alias", name="alias/media", target_key_id=key.key_id)
        for name, key_id in (("by-arn", alias.arn), ("by-name", "alias/media"), ("managed", "alias/aws/s3")):
            bucket = aws.s3.BucketV2(name, bucket=f"corp-{name}")
            aws.s3.BucketServerSideEncryptionConfigurationV2(
                f"{name}-encryption",
                bucket=bucket.id,
                rules=[
                    {
                        "apply_server_side_encryption_by_default": {
                            "sse_algorithm": "aws:kms",
                            "kms_master_key_id": key_id,
                        }
                    }
                ],
            )

    assert not found(check(program, preview=preview), "s3-encryption-key-own-account")


def test_a_kms_key_the_program_does_not_create_fails_closed_unless_allowlisted():
    arn = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"

    def program() -> None:
        opts = pulumi.ResourceOptions(provider=aws.Provider("main", allowed_account_ids=["123456789012"]))
        bucket = aws.s3.BucketV2("media", bucket="corp-media", opts=opts)
        aws.s3.BucketServerSideEncryptionConfigurationV2(
            "media-encryption",
            bucket=bucket.id,
            rules=[
                {"apply_server_side_encryption_by_default": {"sse_algorithm": "aws:kms:dsse", "kms_master_key_id": arn}}
            ],
        )

    (violation,) = only(check(program), "s3-encryption-key-own-account", "mandatory")
    assert "which the program does not create" in violation.message and "allowedKmsKeys" in violation.message
    config = {"s3-encryption-key-own-account": {"allowedKmsKeys": [arn]}}
    assert not found(check(program, config=config), "s3-encryption-key-own-account")
    with pytest.raises(UsageError, match=re.escape("allowedKmsKeys[0] must match")):
        effective_config({"s3-encryption-key-own-account": {"allowedKmsKeys": ["arn:aws:kms:*"]}})
