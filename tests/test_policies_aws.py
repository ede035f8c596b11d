"""Each AWS policy: its name and level, a compliant case and the violations it must catch."""

from __future__ import annotations

import json

import pulumi
import pulumi_aws as aws
import pytest

from .policy_support import (
    PRIVATE,
    PUBLIC,
    anonymous,
    aws_storage,
    bucket,
    bucket_policy,
    check,
    found,
    iam_document,
    only,
    protected,
    tls_deny,
)


@pytest.mark.parametrize("credentials", ["key", "role"])
def test_the_components_pass_every_policy(credentials):
    report = check(aws_storage(credentials=credentials, cors_origins=("https://shop.example.com",)))
    assert report.violations == []


# --- s3-private-bucket-blocks-public-access (mandatory) --------------------------------


def test_private_bucket_without_public_access_block():
    [violation] = only(check(lambda: bucket(tags=PRIVATE)), "s3-private-bucket-blocks-public-access", "mandatory")
    assert (violation.resourceType, violation.resourceName) == ("aws:s3/bucket:Bucket", "media")
    assert "no public access block" in violation.message


def test_untagged_bucket_counts_as_private():
    assert found(check(bucket), "s3-private-bucket-blocks-public-access")


def test_private_bucket_with_a_flag_off():
    def program():
        target = bucket(tags=PRIVATE)
        aws.s3.BucketPublicAccessBlock(
            "block",
            bucket=target.id,
            block_public_acls=True,
            ignore_public_acls=True,
            block_public_policy=False,
            restrict_public_buckets=True,
        )

    [violation] = found(check(program), "s3-private-bucket-blocks-public-access")
    assert violation.resourceName == "block" and "blockPublicPolicy" in violation.message


def test_public_bucket_may_allow_its_public_policy():
    assert not found(check(lambda: bucket(tags=PUBLIC)), "s3-private-bucket-blocks-public-access")


# --- s3-no-public-acls (mandatory) -----------------------------------------------------


@pytest.mark.parametrize(
    "program",
    [
        lambda: aws.s3.BucketAcl("acl", bucket=bucket().id, acl="public-read"),
        lambda: bucket(acl="public-read-write"),
        lambda: aws.s3.BucketObjectv2("object", bucket=bucket().id, key="a.txt", content="a", acl="public-read"),
        lambda: aws.s3.BucketAcl(
            "acl",
            bucket=bucket().id,
            access_control_policy={
                "owner": {"id": "owner"},
                "grants": [
                    {
                        "grantee": {"type": "Group", "uri": "http://acs.amazonaws.com/groups/global/AllUsers"},
                        "permission": "READ",
                    }
                ],
            },
        ),
        lambda: aws.s3.BucketAcl(
            "acl",
            bucket=bucket().id,
            access_control_policy={
                "owner": {"id": "owner"},
                "grants": [
                    {"grantee": {"type": "CanonicalUser", "id": "owner"}, "permission": "FULL_CONTROL"},
                    {"grantee": {"type": "CanonicalUser", "id": "someone-else"}, "permission": "FULL_CONTROL"},
                ],
            },
        ),
    ],
    ids=["canned-acl-resource", "inline-canned-acl", "object-acl", "grant-to-all-users", "grant-to-another-account"],
)
def test_public_acls(program):
    only(check(program), "s3-no-public-acls", "mandatory")


def test_private_acl_is_fine():
    assert not found(check(lambda: aws.s3.BucketAcl("acl", bucket=bucket().id, acl="private")), "s3-no-public-acls")

    def owner_only():
        aws.s3.BucketAcl(
            "acl",
            bucket=bucket().id,
            access_control_policy={
                "owner": {"id": "owner"},
                "grants": [{"grantee": {"type": "CanonicalUser", "id": "owner"}, "permission": "FULL_CONTROL"}],
            },
        )

    assert not found(check(owner_only), "s3-no-public-acls")


# --- s3-anonymous-read-only-public-objects (mandatory) ---------------------------------


@pytest.mark.parametrize(
    ("tags", "statement", "expected"),
    [
        (PRIVATE, anonymous(), "is private, but its policy grants anonymous access"),
        (None, anonymous(), "is private, but its policy grants anonymous access"),
        (PUBLIC, anonymous(action="s3:ListBucket", resource=lambda arn: arn), "grants anonymous ['s3:ListBucket']"),
        (PUBLIC, anonymous(action=["s3:GetObject", "s3:PutObject"]), "only s3:GetObject is allowed"),
        (PUBLIC, anonymous(action="s3:*"), "only s3:GetObject is allowed"),
        (PUBLIC, anonymous(resource=lambda arn: "arn:aws:s3:::someone-else/*"), "beyond its own objects"),
        (
            PUBLIC,
            lambda arn: {
                "Effect": "Allow",
                "Principal": {"AWS": "*"},
                "Action": "s3:PutObject",
                "Resource": f"{arn}/*",
            },
            "only s3:GetObject",
        ),
    ],
)
def test_anonymous_grants(tags, statement, expected):
    def program():
        bucket_policy(bucket(tags=tags), statement, tls_deny())

    [violation] = only(check(program), "s3-anonymous-read-only-public-objects", "mandatory")
    assert expected in violation.message
    assert violation.resourceName == "media"


def test_anonymous_get_object_on_a_public_bucket_is_the_allowed_grant():
    def program():
        bucket_policy(bucket(tags=PUBLIC), anonymous(), tls_deny())

    assert not found(check(program), "s3-anonymous-read-only-public-objects")


@pytest.mark.parametrize(
    "condition",
    [
        {"StringEquals": {"aws:PrincipalOrgID": "o-abc123"}},
        {"StringEquals": {"aws:SourceVpce": "vpce-0123"}},
        {"StringEquals": {"aws:SourceVpc": "vpc-0123", "aws:PrincipalOrgID": "o-abc123"}},
    ],
    ids=["organization", "vpc-endpoint", "vpc-and-organization"],
)
def test_conditions_that_pin_no_account_leave_a_private_bucket_open(condition):
    # An organization or a network path is not an account the program owns (issue 12, class 5).
    def program():
        bucket_policy(bucket(tags=PRIVATE), anonymous(action="s3:GetObject", Condition=condition), tls_deny())

    [violation] = only(check(program), "s3-anonymous-read-only-public-objects", "mandatory")
    assert "aws:PrincipalOrgID or aws:SourceVpce pin no account" in violation.message


def test_star_principal_pinned_to_the_programs_own_account_is_not_anonymous():
    own = {"StringEquals": {"aws:PrincipalAccount": "123456789012"}}

    def program():
        pinned = aws.Provider("pinned", allowed_account_ids=["123456789012"])
        media = bucket(tags=PRIVATE, opts=pulumi.ResourceOptions(provider=pinned))
        bucket_policy(media, anonymous(action="s3:PutObject", Condition=own), tls_deny())

    report = check(program)
    assert not found(report, "s3-anonymous-read-only-public-objects")
    # Not anonymous, but every principal of the account, none created by the program: fail closed unless vouched for.
    (violation,) = only(report, "s3-no-foreign-principals", "mandatory")
    assert "every principal of account 123456789012" in violation.message
    allowed = {"s3-no-foreign-principals": {"allowedPrincipals": ["arn:aws:iam::123456789012:root"]}}
    assert not found(check(program, config=allowed), "s3-no-foreign-principals")


@pytest.mark.parametrize(
    "condition",
    [
        {"StringNotEquals": {"aws:SourceVpc": "vpc-nonexistent"}},
        {"Null": {"aws:SourceVpce": "true"}},
        {"StringLike": {"aws:PrincipalAccount": "*"}},
        {"StringEqualsIfExists": {"aws:PrincipalOrgID": "o-abc123"}},
        {"ForAllValues:StringEquals": {"aws:PrincipalOrgID": "o-abc123"}},
        ["not", "a", "condition"],
    ],
    ids=["negated", "null", "wildcard-value", "if-exists", "for-all-values", "malformed"],
)
def test_conditions_that_pin_nobody_leave_the_grant_anonymous(condition):
    def program():
        bucket_policy(bucket(tags=PUBLIC), anonymous(action="s3:PutObject", Condition=condition), tls_deny())

    [violation] = only(check(program), "s3-anonymous-read-only-public-objects", "mandatory")
    assert "only s3:GetObject is allowed" in violation.message


@pytest.mark.parametrize("action", ["s3:getobject", ["s3:GetObject", "S3:GetObject"]])
def test_action_names_are_compared_as_iam_compares_them(action):
    def program():
        bucket_policy(bucket(tags=PUBLIC), anonymous(action=action), tls_deny())

    assert not found(check(program), "s3-anonymous-read-only-public-objects")


# --- s3-no-foreign-principals (mandatory) ----------------------------------------------


def named(principal: dict, action="s3:GetObject", **extra):
    return lambda arn: {"Effect": "Allow", "Principal": principal, "Action": action, "Resource": f"{arn}/*", **extra}


FOREIGN_ROOT = {"AWS": "arn:aws:iam::999999999999:root"}


@pytest.mark.parametrize(
    ("tags", "statement", "expected"),
    [
        (PRIVATE, named(FOREIGN_ROOT), "lets AWS account 999999999999 in"),
        (PUBLIC, named(FOREIGN_ROOT, action="s3:PutObject"), "lets AWS account 999999999999 in"),
        (PRIVATE, named({"AWS": ["999999999999"]}), "lets AWS account 999999999999 in"),
        (
            PRIVATE,
            anonymous(Condition={"StringEquals": {"aws:PrincipalAccount": "999999999999"}}),
            "lets AWS account 999999999999 in",
        ),
        (
            PUBLIC,
            anonymous(
                action="s3:PutObject",
                Condition={"ArnEquals": {"aws:PrincipalArn": "arn:aws:iam::999999999999:role/uploader"}},
            ),
            "lets AWS account 999999999999 in",
        ),
        (PRIVATE, named({"Service": "cloudfront.amazonaws.com"}), "on private media"),
        (PUBLIC, named({"Service": "logging.s3.amazonaws.com"}, action="s3:PutObject"), "grants Service:"),
        (PRIVATE, named({"CanonicalUser": "79a59df900b949e55d96a1e698fbaced"}), "on private media"),
    ],
)
def test_foreign_principals(tags, statement, expected):
    def program():
        bucket_policy(bucket(tags=tags), statement, tls_deny())

    violations = only(check(program), "s3-no-foreign-principals", "mandatory")
    assert any(expected in v.message for v in violations), [v.message for v in violations]


def test_trusted_accounts_come_from_the_policy_config():
    def program():
        bucket_policy(bucket(tags=PRIVATE), named(FOREIGN_ROOT), tls_deny())

    trusted = {"s3-no-foreign-principals": {"enforcementLevel": "mandatory", "trustedAccounts": ["999999999999"]}}
    assert found(check(program), "s3-no-foreign-principals")
    # The account is now own, but its root (every principal of it) is still not one the program creates.
    (violation,) = found(check(program, config=trusted), "s3-no-foreign-principals")
    assert "the whole account 999999999999" in violation.message
    trusted["s3-no-foreign-principals"]["allowedPrincipals"] = [FOREIGN_ROOT["AWS"]]
    assert not found(check(program, config=trusted), "s3-no-foreign-principals")


def test_a_service_may_read_public_media():
    def program():
        bucket_policy(bucket(tags=PUBLIC), named({"Service": "cloudfront.amazonaws.com"}), tls_deny())

    assert not found(check(program), "s3-no-foreign-principals")


def test_inline_bucket_policy_is_judged_too():
    def program():
        doc = {"Version": "2012-10-17", "Statement": [anonymous()("arn:aws:s3:::media-bucket")]}
        bucket(tags=PRIVATE, policy=json.dumps(doc))

    assert found(check(program), "s3-anonymous-read-only-public-objects")


# --- s3-deny-insecure-transport (mandatory) --------------------------------------------


def test_bucket_without_a_policy_allows_plain_http():
    [violation] = only(check(lambda: bucket(tags=PUBLIC)), "s3-deny-insecure-transport", "mandatory")
    assert "does not deny requests without TLS" in violation.message


def test_tls_deny_must_cover_the_bucket_and_its_objects():
    def program():
        bucket_policy(bucket(tags=PRIVATE), tls_deny(lambda arn: [f"{arn}/*"]))

    assert found(check(program), "s3-deny-insecure-transport")


@pytest.mark.parametrize(
    "condition",
    [
        {"Bool": {"aws:SecureTransport": "false"}, "StringEquals": {"aws:PrincipalAccount": "000000000000"}},
        {"Bool": {"aws:SecureTransport": "false", "aws:MultiFactorAuthPresent": "false"}},
        {"Bool": {"aws:SecureTransport": "true"}},
        {"NumericLessThan": {"s3:TlsVersion": "1.2"}},
    ],
    ids=["extra-operator", "extra-key", "inverted", "other-key"],
)
def test_a_deny_narrowed_or_changed_by_its_condition_is_not_the_tls_only_deny(condition):
    def program():
        bucket_policy(bucket(tags=PRIVATE), lambda arn: {**tls_deny()(arn), "Condition": condition})

    assert found(check(program), "s3-deny-insecure-transport")


@pytest.mark.parametrize(
    "variant",
    [
        {"Principal": {"AWS": ["*"]}},
        {"Condition": {"Bool": {"aws:SecureTransport": ["false"]}}},
        {"Condition": {"bool": {"aws:securetransport": False}}},
        {"Action": "S3:*"},
    ],
    ids=["principal-list", "value-list", "lowercase-boolean", "uppercase-action"],
)
def test_every_valid_spelling_of_the_tls_only_deny_complies(variant):
    def program():
        bucket_policy(bucket(tags=PRIVATE), lambda arn: {**tls_deny()(arn), **variant})

    assert not found(check(program), "s3-deny-insecure-transport")


def test_configuration_computed_from_a_bucket_but_naming_another_is_not_credited_to_it():
    def program():
        target = bucket(tags=PRIVATE)
        elsewhere = target.id.apply(lambda _: "elsewhere")
        aws.s3.BucketPolicy(
            "policy",
            bucket=elsewhere,
            policy=json.dumps({"Version": "2012-10-17", "Statement": [tls_deny()("arn:aws:s3:::media-bucket")]}),
        )
        aws.s3.BucketPublicAccessBlock(
            "block",
            bucket=elsewhere,
            block_public_acls=True,
            ignore_public_acls=True,
            block_public_policy=True,
            restrict_public_buckets=True,
        )

    report = check(program)
    assert found(report, "s3-deny-insecure-transport")
    assert found(report, "s3-private-bucket-blocks-public-access")


def test_tls_deny_on_bucket_and_objects_complies():
    assert not found(check(lambda: bucket_policy(bucket(tags=PRIVATE), tls_deny())), "s3-deny-insecure-transport")


# --- s3-cors-trusted-origins (mandatory) -----------------------------------------------


@pytest.mark.parametrize("origin", ["*", "https://*.example.com", "http://shop.example.com", "null"])
def test_untrusted_cors_origins(origin):
    def program():
        aws.s3.BucketCorsConfiguration(
            "cors", bucket=bucket().id, cors_rules=[{"allowed_origins": [origin], "allowed_methods": ["GET"]}]
        )

    [violation] = only(check(program), "s3-cors-trusted-origins", "mandatory")
    assert violation.resourceName == "cors" and repr(origin) in violation.message


def test_named_and_local_origins_are_trusted():
    def program():
        origins = ["https://shop.example.com", "http://localhost:3000", "http://127.0.0.1:8000"]
        aws.s3.BucketCorsConfiguration(
            "cors", bucket=bucket().id, cors_rules=[{"allowed_origins": origins, "allowed_methods": ["GET"]}]
        )

    assert not found(check(program), "s3-cors-trusted-origins")


# --- iam-s3-least-privilege (mandatory) ------------------------------------------------

ALLOW = {"Effect": "Allow"}


@pytest.mark.parametrize(
    ("statement", "expected"),
    [
        ({**ALLOW, "Action": "s3:*", "Resource": "arn:aws:s3:::media-bucket/*"}, "wildcard actions ['s3:*']"),
        ({**ALLOW, "Action": ["s3:Get*"], "Resource": "arn:aws:s3:::media-bucket/*"}, "wildcard actions ['s3:Get*']"),
        ({**ALLOW, "Action": "*", "Resource": "arn:aws:s3:::media-bucket"}, "wildcard actions ['*']"),
        ({**ALLOW, "Action": "s3:GetObject", "Resource": "*"}, "applies to '*'"),
        ({**ALLOW, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::media-*/*"}, "not to named media buckets"),
        (
            {**ALLOW, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::other-team/*"},
            "'other-team', which is not a media bucket",
        ),
        ({**ALLOW, "NotAction": "s3:DeleteBucket", "Resource": "arn:aws:s3:::media-bucket"}, "NotAction"),
        ({**ALLOW, "Action": "s3:GetObject", "NotResource": "arn:aws:s3:::media-bucket/*"}, "NotResource"),
    ],
)
def test_wide_s3_grants(statement, expected):
    def program():
        bucket()
        user = aws.iam.User("app", name="app")
        aws.iam.UserPolicy("app-policy", user=user.name, policy=iam_document(statement))

    violations = only(check(program), "iam-s3-least-privilege", "mandatory")
    assert {v.resourceName for v in violations} == {"app-policy"}
    assert [v.message for v in violations if "escalate privileges" not in v.message] == [
        next(v.message for v in violations if expected in v.message)
    ]
    # "*" and NotAction grant IAM actions too: the user, which reaches media, could escalate.
    assert len(violations) == (2 if expected in ("wildcard actions ['*']", "NotAction") else 1)


@pytest.mark.parametrize("kind", ["role-policy", "inline-role-policy", "managed-policy", "group-policy"])
def test_every_kind_of_policy_document_is_judged(kind):
    wide = iam_document({**ALLOW, "Action": "s3:*", "Resource": "*"})
    trust = iam_document(
        {"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole"}
    )

    def program():
        if kind == "role-policy":
            aws.iam.RolePolicy("doc", role=aws.iam.Role("role", assume_role_policy=trust).name, policy=wide)
        elif kind == "inline-role-policy":
            aws.iam.Role("doc", assume_role_policy=trust, inline_policies=[{"name": "media", "policy": wide}])
        elif kind == "managed-policy":
            aws.iam.Policy("doc", policy=wide)
        else:
            aws.iam.GroupPolicy("doc", group=aws.iam.Group("group").name, policy=wide)

    assert {v.resourceName for v in found(check(program), "iam-s3-least-privilege")} == {"doc"}


def test_aws_managed_policy_on_the_media_role():
    trust = iam_document(
        {"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole"}
    )

    def program():
        role = aws.iam.Role("role", name="shop-media", assume_role_policy=trust, tags={"media-storage:app": "shop"})
        aws.iam.RolePolicyAttachment(
            "s3-full-access", role=role.name, policy_arn="arn:aws:iam::aws:policy/AmazonS3FullAccess"
        )

    [violation] = found(check(program), "iam-s3-least-privilege")
    assert violation.resourceName == "s3-full-access" and "AmazonS3FullAccess" in violation.message


S3_FULL_ACCESS = "arn:aws:iam::aws:policy/AmazonS3FullAccess"
MEDIA_TAGS = {"media-storage:app": "shop"}


@pytest.mark.parametrize(
    "route",
    ["policy-attachment", "group-membership", "user-group-membership", "role-managed-arns", "role-exclusive"],
)
def test_aws_managed_policies_reach_the_media_app_by_every_route(route):
    trust = iam_document(
        {"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole"}
    )

    def program():
        user = aws.iam.User("app", name="shop-media", tags=MEDIA_TAGS)
        if route == "policy-attachment":
            aws.iam.PolicyAttachment("grant", users=[user.name], policy_arn=S3_FULL_ACCESS)
        elif route in ("group-membership", "user-group-membership"):
            group = aws.iam.Group("team", name="team")
            aws.iam.GroupPolicyAttachment("grant", group=group.name, policy_arn=S3_FULL_ACCESS)
            if route == "group-membership":
                aws.iam.GroupMembership("members", group=group.name, users=[user.name])
            else:
                aws.iam.UserGroupMembership("members", user=user.name, groups=[group.name])
        elif route == "role-managed-arns":
            aws.iam.Role("grant", assume_role_policy=trust, managed_policy_arns=[S3_FULL_ACCESS], tags=MEDIA_TAGS)
        else:
            role = aws.iam.Role("role", name="shop-role", assume_role_policy=trust, tags=MEDIA_TAGS)
            aws.iam.RolePolicyAttachmentsExclusive("grant", role_name=role.name, policy_arns=[S3_FULL_ACCESS])

    violations = only(check(program), "iam-s3-least-privilege", "mandatory")
    assert {v.resourceName for v in violations} == {"grant"}
    assert all("AmazonS3FullAccess" in v.message for v in violations)


def test_any_principal_holding_a_managed_policy_the_program_does_not_declare_fails():
    # Untagged principals count too (issue 12, class 2): AmazonS3FullAccess reaches every bucket.
    def program():
        aws.iam.User("app", name="shop-media", tags=MEDIA_TAGS)
        group = aws.iam.Group("admins", name="admins")
        aws.iam.GroupPolicyAttachment("grant", group=group.name, policy_arn=S3_FULL_ACCESS)
        role = aws.iam.Role("ops", assume_role_policy=iam_document({"Effect": "Deny", "Action": "sts:AssumeRole"}))
        aws.iam.RolePolicyAttachment("legacy", role=role.name, policy_arn="arn:aws:iam::123456789012:policy/legacy")

    violations = only(check(program), "iam-s3-least-privilege", "mandatory")
    assert {(v.resourceName, "does not declare" in v.message) for v in violations} == {
        ("grant", True),
        ("legacy", True),
    }
    allowed = {"iam-s3-least-privilege": {"allowedManagedPolicies": [S3_FULL_ACCESS]}}
    assert [v.resourceName for v in found(check(program, config=allowed), "iam-s3-least-privilege")] == ["legacy"]


def test_a_managed_policy_the_program_declares_is_judged_by_its_document():
    def program():
        bucket()
        user = aws.iam.User("app", name="app")
        policy = aws.iam.Policy(
            "media", policy=iam_document({**ALLOW, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::media-bucket/*"})
        )
        aws.iam.UserPolicyAttachment("media", user=user.name, policy_arn=policy.arn)

    assert not found(check(program), "iam-s3-least-privilege")


def test_a_wildcard_in_the_service_name_is_a_wildcard_s3_grant():
    def program():
        bucket()
        user = aws.iam.User("app", name="app")
        aws.iam.UserPolicy(
            "app-policy", user=user.name, policy=iam_document({**ALLOW, "Action": "s?:*", "Resource": "*"})
        )

    [violation, *_] = found(check(program), "iam-s3-least-privilege")
    assert "wildcard actions ['s?:*']" in violation.message


def test_an_auto_named_bucket_does_not_open_foreign_buckets():
    def program():
        bucket()
        aws.s3.Bucket("auto", tags=PUBLIC)  # no bucket name: the provider auto-names it
        user = aws.iam.User("app", name="app")
        foreign = {**ALLOW, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::someone-elses-bucket/*"}
        aws.iam.UserPolicy("app-policy", user=user.name, policy=iam_document(foreign))

    [violation] = found(check(program), "iam-s3-least-privilege")
    assert "'someone-elses-bucket', which is not a media bucket" in violation.message


def test_grants_on_an_auto_named_bucket_comply():
    def program():
        auto = aws.s3.Bucket("auto", tags=PUBLIC)
        user = aws.iam.User("app", name="app")
        aws.iam.UserPolicy(
            "app-policy",
            user=user.name,
            policy=auto.arn.apply(
                lambda arn: iam_document({**ALLOW, "Action": "s3:GetObject", "Resource": f"{arn}/*"})
            ),
        )

    assert not found(check(program), "iam-s3-least-privilege")


def test_documents_without_s3_grants_are_not_judged():
    def program():
        user = aws.iam.User("app", name="app")
        aws.iam.UserPolicy("queue", user=user.name, policy=iam_document({**ALLOW, "Action": "sqs:*", "Resource": "*"}))

    assert not found(check(program), "iam-s3-least-privilege")


def test_named_actions_on_program_buckets_comply():
    def program():
        bucket()
        user = aws.iam.User("app", name="app")
        exact = {
            **ALLOW,
            "Action": ["s3:GetObject", "s3:PutObject"],
            "Resource": ["arn:aws:s3:::media-bucket/uploads/*"],
        }
        aws.iam.UserPolicy("app-policy", user=user.name, policy=iam_document(exact))

    assert not found(check(program), "iam-s3-least-privilege")


# --- advisory ---------------------------------------------------------------------------


def test_acls_not_disabled():
    assert only(check(bucket), "s3-acls-disabled", "advisory")

    def preferred():
        aws.s3.BucketOwnershipControls("own", bucket=bucket().id, rule={"object_ownership": "BucketOwnerPreferred"})

    assert found(check(preferred), "s3-acls-disabled")


def test_default_encryption_missing_and_inline():
    assert only(check(bucket), "s3-default-encryption", "advisory")
    inline = {"rule": {"apply_server_side_encryption_by_default": {"sse_algorithm": "AES256"}}}
    assert not found(check(lambda: bucket(server_side_encryption_configuration=inline)), "s3-default-encryption")


def abort_after(days):
    def program():
        rule = {
            "id": "abort",
            "status": "Enabled",
            "filter": {},
            "abort_incomplete_multipart_upload": {"days_after_initiation": days},
        }
        aws.s3.BucketLifecycleConfiguration("lifecycle", bucket=bucket().id, rules=[rule])

    return program


def test_abort_incomplete_uploads_with_its_configured_maximum():
    assert only(check(bucket), "s3-abort-incomplete-uploads", "advisory")
    assert found(check(abort_after(30)), "s3-abort-incomplete-uploads")
    assert not found(check(abort_after(7)), "s3-abort-incomplete-uploads")
    assert not found(
        check(abort_after(30), config={"s3-abort-incomplete-uploads": {"maximumDays": 30}}),
        "s3-abort-incomplete-uploads",
    )


def test_a_prefix_rule_does_not_cover_the_bucket():
    def program():
        rule = {
            "id": "tmp",
            "status": "Enabled",
            "filter": {"prefix": "tmp/"},
            "abort_incomplete_multipart_upload": {"days_after_initiation": 1},
        }
        aws.s3.BucketLifecycleConfiguration("lifecycle", bucket=bucket().id, rules=[rule])

    assert found(check(program), "s3-abort-incomplete-uploads")


def test_private_bucket_versioning():
    assert only(check(lambda: bucket(tags=PRIVATE)), "s3-private-bucket-versioning", "advisory")
    assert not found(check(lambda: bucket(tags=PUBLIC)), "s3-private-bucket-versioning")
    assert found(check(aws_storage(versioning={"private": False})), "s3-private-bucket-versioning")


def test_unprotected_bucket():
    [violation] = only(check(bucket), "s3-bucket-protected", "advisory")
    assert violation.resourceName == "media"
    assert not found(check(lambda: bucket(opts=protected())), "s3-bucket-protected")
    assert found(check(aws_storage(protect=False)), "s3-bucket-protected")


# --- iam-s3-least-privilege: bucket control and privilege escalation (issue 12, class 3) --


def user_with(*documents: dict, tags: dict | None = None):
    def program():
        bucket()
        user = aws.iam.User("app", name="app", tags=tags)
        for position, document in enumerate(documents):
            aws.iam.UserPolicy(f"doc{position}", user=user.name, policy=iam_document(document))

    return program


MEDIA_READ = {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::media-bucket/*"}


@pytest.mark.parametrize(
    "action", ["s3:PutBucketPolicy", "S3:putBucketAcl", "s3:PutObjectAcl", "s3:DeleteBucket", "s3:PutBucketWebsite"]
)
def test_bucket_control_actions_named_explicitly_fail(action):
    statement = {"Effect": "Allow", "Action": [action], "Resource": "arn:aws:s3:::media-bucket"}
    [violation] = only(check(user_with(statement)), "iam-s3-least-privilege", "mandatory")
    assert action in violation.message and "remove them" in violation.message


@pytest.mark.parametrize(
    ("statement", "expected"),
    [
        ({"Effect": "Allow", "Action": "iam:CreateAccessKey", "Resource": "*"}, "iam:CreateAccessKey"),
        ({"Effect": "Allow", "Action": "iam:Attach*", "Resource": "*"}, "iam:Attach*"),
        ({"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*"}, "sts:AssumeRole"),
        ({"Effect": "Allow", "NotAction": "s3:*", "Resource": "*"}, "NotAction"),
    ],
)
def test_a_media_user_may_not_escalate(statement, expected):
    violations = only(check(user_with(MEDIA_READ, statement)), "iam-s3-least-privilege", "mandatory")
    assert any(expected in v.message and "escalate privileges" in v.message for v in violations)


@pytest.mark.parametrize(
    "program",
    [
        # A deployer that holds no media access is not the media pack's business.
        user_with({"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*"}),
        # Starting a service as a role needs iam:PassRole as well.
        user_with({"Effect": "Allow", "Action": ["ecs:RunTask", "ec2:RunInstances"], "Resource": "*"}),
        # Assuming one named role is judged by that role's trust.
        user_with(MEDIA_READ, {"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "arn:aws:iam::1:role/r"}),
        user_with(MEDIA_READ, {"Effect": "Deny", "Action": "iam:*", "Resource": "*"}),
    ],
    ids=["no-media", "start-services-without-pass-role", "named-role", "deny"],
)
def test_iam_actions_that_escalate_nothing_toward_media_pass(program):
    assert not found(check(program), "iam-s3-least-privilege")


@pytest.mark.parametrize(
    "statement",
    [
        {"Effect": "Allow", "Action": "iam:*", "Resource": "*"},
        {"Effect": "Allow", "Action": "iam:PutRolePermissionsBoundary", "Resource": "*"},
        {"Effect": "Allow", "Action": "lambda:UpdateFunctionCode", "Resource": "*"},
        {"Effect": "Allow", "Action": "ssm:SendCommand", "Resource": "*"},
        {"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "arn:aws:iam::*:role/*"},
    ],
    ids=["iam-star", "boundary", "lambda-code", "ssm", "assume-any-role"],
)
def test_a_way_to_escalate_reaches_media_by_itself(statement):
    # No S3 grant needed: whoever holds it can give itself media access.
    violations = only(check(user_with(statement)), "iam-s3-least-privilege", "mandatory")
    assert any("escalate privileges" in v.message for v in violations)


@pytest.mark.parametrize(
    "action", ["s3:DeleteObjectVersion", "s3:DeleteBucketOwnershipControls", "s3:PutBucketNotification"]
)
def test_more_bucket_control_actions_fail(action):
    statement = {"Effect": "Allow", "Action": [action], "Resource": "arn:aws:s3:::media-bucket/*"}
    [violation] = only(check(user_with(statement)), "iam-s3-least-privilege", "mandatory")
    assert action in violation.message


def test_an_aws_managed_arn_never_names_a_declared_policy_of_the_same_name():
    def program():
        harmless = {"Effect": "Allow", "Action": "cloudwatch:PutMetricData", "Resource": "*"}
        aws.iam.Policy("decoy", name="AdministratorAccess", policy=iam_document(harmless))
        user = aws.iam.User("ci", name="ci")
        aws.iam.UserPolicyAttachment(
            "ci-admin", user=user.name, policy_arn="arn:aws:iam::aws:policy/AdministratorAccess"
        )

    violations = only(check(program), "iam-s3-least-privilege", "mandatory")
    assert any("arn:aws:iam::aws:policy/AdministratorAccess" in v.message for v in violations)


def test_memberships_of_users_or_groups_the_program_does_not_create_fail_near_media():
    def program():
        bucket()
        group = aws.iam.Group("editors", name="editors")
        aws.iam.GroupPolicy("editors-media", group=group.name, policy=iam_document(MEDIA_READ))
        aws.iam.GroupMembership("editors-members", group=group.name, users=["contractor"])

    [violation] = only(check(program), "iam-s3-least-privilege", "mandatory")
    assert "contractor" in violation.message and "Create the users in the program" in violation.message


def test_a_policy_document_that_is_not_json_fails_closed():
    def program():
        user = aws.iam.User("app", name="app")
        aws.iam.UserPolicy("doc", user=user.name, policy='{"Statement": [{"Effect": "Allow",},]}')

    [violation] = only(check(program), "iam-s3-least-privilege", "mandatory")
    assert "not JSON the pack can read" in violation.message


@pytest.mark.parametrize(
    ("condition", "anonymous"),
    [
        ({"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::123456789012:role/app-*"}}, False),
        ({"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/app"}}, True),
        ({"StringEquals": {"s3:DataAccessPointAccount": "123456789012"}}, False),
        ({"StringEquals": {"aws:PrincipalAccount": "${aws:PrincipalAccount}"}}, True),
    ],
    ids=["arn-pattern-own-account", "arn-pattern-any-account", "access-point-account", "policy-variable"],
)
def test_what_pins_a_star_principal_to_an_account(condition, anonymous):
    from media_storage.policies.aws_statements import principals

    statement = {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Condition": condition}
    assert principals(statement).anonymous is anonymous


def test_a_star_held_only_by_the_source_account_is_every_service_of_the_account():
    from media_storage.policies.aws_statements import principals

    condition = {"StringEquals": {"aws:SourceAccount": "123456789012"}}
    who = principals({"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Condition": condition})
    assert not who.anonymous and any("every service principal" in other for other in who.others)


# --- s3-configures-declared-buckets (mandatory, issue 12 class 4) -----------------------


def test_configuring_declared_buckets_by_reference_or_literal_name_passes():
    def program():
        target = bucket(tags=PRIVATE)
        aws.s3.BucketVersioningV2("by-ref", bucket=target.id, versioning_configuration={"status": "Enabled"})
        aws.s3.BucketOwnershipControls(
            "by-name", bucket="media-bucket", rule={"object_ownership": "BucketOwnerEnforced"}
        )

    assert not found(check(program), "s3-configures-declared-buckets")
    assert not found(check(program, preview=True), "s3-configures-declared-buckets")


def test_configuring_an_undeclared_bucket_fails_unless_allowlisted():
    def program():
        bucket(tags=PRIVATE)
        aws.s3.BucketPolicy("other", bucket="logs-bucket", policy=iam_document(anonymous()("arn:aws:s3:::logs-bucket")))

    report = check(program)
    [violation] = only(report, "s3-configures-declared-buckets", "mandatory")
    assert "'logs-bucket', which the program does not declare" in violation.message
    assert "allowedUndeclaredBuckets" in violation.message
    [anonymous_grant] = [v for v in found(report, "s3-anonymous-read-only-public-objects") if v.resourceName == "other"]
    assert "judges as private media" in anonymous_grant.message
    allowed = {"s3-configures-declared-buckets": {"allowedUndeclaredBuckets": ["logs-bucket"]}}
    report = check(program, config=allowed)
    assert not found(report, "s3-configures-declared-buckets")
    assert any(v.resourceName == "other" for v in found(report, "s3-anonymous-read-only-public-objects"))


def test_grants_to_principals_the_program_does_not_create_fail_when_they_may_reach_media():
    media = iam_document({**ALLOW, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::media-bucket/*"})
    logs = iam_document({**ALLOW, "Action": "logs:PutLogEvents", "Resource": "*"})

    def program():
        bucket()
        aws.iam.Role("app", name="app", assume_role_policy=iam_document({"Effect": "Deny", "Action": "sts:*"}))
        aws.iam.RolePolicy("own-by-name", role="app", policy=media)
        aws.iam.RolePolicy("foreign-logs", role="someone-elses", policy=logs)
        aws.iam.RolePolicy("foreign-media", role="someone-elses", policy=media)

    [violation] = only(check(program), "iam-s3-least-privilege", "mandatory")
    assert violation.resourceName == "foreign-media"
    assert "role(s) someone-elses, which the program does not create" in violation.message


@pytest.mark.parametrize(
    ("account", "creates_the_role", "expected"),
    [("999999999999", False, True), ("123456789012", False, True), ("123456789012", True, False)],
    ids=["foreign", "own-not-created", "own-created"],
)
def test_s3_access_grants_to_another_account_or_an_undeclared_principal_fail(account, creates_the_role, expected):
    def program():
        main = aws.Provider("main", allowed_account_ids=["123456789012"])
        if creates_the_role:
            reader_trust = iam_document({"Effect": "Deny", "Action": "sts:*"})
            aws.iam.Role(
                "reader", name="reader", assume_role_policy=reader_trust, opts=pulumi.ResourceOptions(provider=main)
            )
        aws.s3control.AccessGrant(
            "read",
            access_grants_location_id="default",
            permission="READ",
            grantee={"grantee_type": "IAM", "grantee_identifier": f"arn:aws:iam::{account}:role/reader"},
            opts=pulumi.ResourceOptions(provider=main),
        )

    assert bool(found(check(program), "s3-no-foreign-principals")) is expected
