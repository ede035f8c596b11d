"""The keyless-trust policies: EKS Pod Identity and OIDC role trusts, Azure federated credentials."""

from __future__ import annotations

import json

import pulumi
import pulumi_aws as aws
import pulumi_azure_native as azure_native
import pytest
from media_storage.policies import workload_trust
from media_storage.policies.check import UsageError, evaluate

from media_storage.testing import run_program

from .policy_support import aws_storage, azure_storage, check, found, only

POD = "iam-pod-identity-trust-pinned"
OIDC = "iam-oidc-trust-exact"
FEDERATED = "azure-federated-credential-allowlisted"
TRUST = "iam-role-trust-own-accounts"
PROVIDER = "arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC"
ISSUER = "oidc.eks.eu-west-1.amazonaws.com/id/ABC"
AKS_ISSUER = "https://westeurope.oic.prod-aks.azure.com/11111111-1111-4111-8111-111111111111/cafe0123/"
WEB = {"issuer": AKS_ISSUER, "namespace": "shop", "service_account": "web"}
ALLOWLIST = {FEDERATED: {"allowedIssuers": [AKS_ISSUER], "allowedSubjects": ["system:serviceaccount:shop:web"]}}


def test_names_levels_and_config():
    levels = {p.name: p.enforcement_level.value for p in workload_trust.POLICIES}
    assert levels == {POD: "mandatory", OIDC: "mandatory", FEDERATED: "mandatory", TRUST: "mandatory"}
    (trust,) = [p for p in workload_trust.POLICIES if p.name == TRUST]
    assert trust.config_schema.properties["trustedAccounts"]["items"] == {"type": "string", "pattern": "^[0-9]{12}$"}
    (policy,) = [p for p in workload_trust.POLICIES if p.name == FEDERATED]
    schema = policy.config_schema.properties
    assert schema["allowedIssuers"]["default"] == [] and schema["allowedSubjects"]["default"] == []


def role(*statements):
    def program():
        aws.iam.Role(
            "workload", assume_role_policy=json.dumps({"Version": "2012-10-17", "Statement": list(statements)})
        )

    return program


def pod_statement(condition=None):
    statement = {
        "Effect": "Allow",
        "Principal": {"Service": "pods.eks.amazonaws.com"},
        "Action": ["sts:AssumeRole", "sts:TagSession"],
    }
    return {**statement, "Condition": condition} if condition is not None else statement


PINNED = {
    "aws:SourceAccount": "123456789012",
    "aws:RequestTag/kubernetes-namespace": "shop",
    "aws:RequestTag/kubernetes-service-account": "web",
}


# EKS Pod Identity


def test_the_components_pod_identity_trust_passes():
    report = check(
        aws_storage(
            credentials="role",
            role_trust={"eks_pod_identity": [{"cluster_name": "prod", "namespace": "shop", "service_account": "web"}]},
        )
    )
    assert found(report, POD) == []
    assert report.violations == []


def test_a_pod_identity_trust_without_conditions_is_a_violation():
    messages = [v.message for v in only(check(role(pod_statement())), POD, "mandatory")]
    assert messages == [
        "workload: statement (no Sid) lets EKS Pod Identity assume the role for any account; "
        "add StringEquals aws:SourceAccount with this account's id.",
        "workload: statement (no Sid) does not pin the session tag(s) kubernetes-namespace, "
        "kubernetes-service-account: any service account of the account's clusters could get the role; "
        "add StringEquals aws:RequestTag/<tag> with exact values.",
    ]


@pytest.mark.parametrize(
    "condition",
    [
        {"StringEquals": {k: v for k, v in PINNED.items() if k != "aws:SourceAccount"}},
        {"StringEquals": {**PINNED, "aws:SourceAccount": "*"}},
        {"StringLike": {**PINNED, "aws:SourceAccount": "1234567890*"}},
        {"StringNotEquals": PINNED},
        {"StringEqualsIfExists": PINNED},
        {"ForAllValues:StringEquals": PINNED},
    ],
    ids=["no-account", "wildcard", "like-wildcard", "negated", "if-exists", "for-all-values"],
)
def test_a_pod_identity_trust_not_pinned_to_the_account_is_a_violation(condition):
    messages = [v.message for v in only(check(role(pod_statement(condition))), POD, "mandatory")]
    assert any("for any account" in m for m in messages)


def test_a_pod_identity_trust_pinned_by_source_arn_and_any_case_passes():
    condition = {
        "stringequals": {
            "AWS:SourceArn": "arn:aws:eks:eu-west-1:123456789012:cluster/prod",
            "aws:requesttag/KUBERNETES-namespace": "shop",
            "aws:RequestTag/kubernetes-service-account": ["web", "worker"],
        }
    }
    assert found(check(role(pod_statement(condition))), POD) == []


def test_a_pod_identity_trust_without_the_service_account_tag_is_a_violation():
    condition = {"StringEquals": {k: v for k, v in PINNED.items() if "service-account" not in k}}
    (violation,) = only(check(role(pod_statement(condition))), POD, "mandatory")
    assert "kubernetes-service-account" in violation.message and "kubernetes-namespace" not in violation.message


# OIDC (IRSA)


def oidc_statement(condition):
    return {
        "Effect": "Allow",
        "Principal": {"Federated": PROVIDER},
        "Action": "sts:AssumeRoleWithWebIdentity",
        "Condition": condition,
    }


def test_the_components_oidc_trust_passes_with_several_subjects():
    oidc = {"provider_arn": PROVIDER, "subjects": ["system:serviceaccount:shop:web", "system:serviceaccount:shop:w"]}
    assert check(aws_storage(credentials="role", role_trust={"oidc": oidc})).violations == []


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        (
            {"StringLike": {f"{ISSUER}:sub": "system:serviceaccount:*", f"{ISSUER}:aud": "sts.amazonaws.com"}},
            ["sub"],
        ),
        ({"StringEquals": {f"{ISSUER}:aud": "sts.amazonaws.com"}}, ["sub"]),
        ({"StringEquals": {f"{ISSUER}:sub": "system:serviceaccount:shop:web"}}, ["aud"]),
        ({}, ["sub", "aud"]),
    ],
    ids=["wildcard-subject", "no-subject", "no-audience", "nothing"],
)
def test_an_oidc_trust_without_exact_subject_or_audience_is_a_violation(condition, expected):
    messages = [v.message for v in only(check(role(oidc_statement(condition))), OIDC, "mandatory")]
    kinds = ["sub" if "any subject" in m else "aud" for m in messages]
    assert kinds == expected
    assert all(m.startswith("workload: statement (no Sid) ") for m in messages)


def test_an_exact_like_condition_counts_and_other_federated_principals_are_not_judged():
    exact = {"StringLike": {f"{ISSUER}:sub": "system:serviceaccount:shop:web", f"{ISSUER}:aud": "sts.amazonaws.com"}}
    saml = {
        "Effect": "Allow",
        "Principal": {"Federated": "arn:aws:iam::123456789012:saml-provider/corp"},
        "Action": "sts:AssumeRoleWithSAML",
    }
    assert found(check(role(oidc_statement(exact), saml)), OIDC) == []


def web_identity(provider, condition=None, action="sts:AssumeRoleWithWebIdentity"):
    statement = {"Effect": "Allow", "Principal": {"Federated": provider}, "Action": action}
    return {**statement, "Condition": condition} if condition else statement


@pytest.mark.parametrize(
    ("statement", "expected"),
    [
        (web_identity("cognito-identity.amazonaws.com"), ["cognito-identity.amazonaws.com:aud", ":amr"]),
        (
            web_identity(
                "cognito-identity.amazonaws.com",
                {
                    "StringEquals": {"cognito-identity.amazonaws.com:aud": "us-east-1:pool"},
                    "ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": "unauthenticated"},
                },
            ),
            ["unauthenticated guests"],
        ),
        (web_identity("accounts.google.com"), ["accounts.google.com:aud", "accounts.google.com:sub"]),
        (web_identity("graph.facebook.com"), ["graph.facebook.com:app_id", "graph.facebook.com:id"]),
        (web_identity("www.amazon.com"), ["www.amazon.com:app_id", "www.amazon.com:user_id"]),
        (web_identity(PROVIDER, action="sts:AssumeRole*"), [f"{ISSUER.lower()}:sub", f"{ISSUER.lower()}:aud"]),
        (web_identity(PROVIDER, action="sts:*"), [f"{ISSUER.lower()}:sub", f"{ISSUER.lower()}:aud"]),
    ],
    ids=["cognito-any-pool", "cognito-guests", "google", "facebook", "amazon", "action-pattern", "sts-star"],
)
def test_a_web_identity_trust_without_its_pins_is_a_violation(statement, expected):
    messages = " ".join(v.message for v in only(check(role(statement)), OIDC, "mandatory"))
    assert all(e in messages for e in expected), messages


def test_a_cognito_trust_of_one_pool_for_authenticated_identities_passes():
    condition = {
        "StringEquals": {"cognito-identity.amazonaws.com:aud": "us-east-1:pool"},
        "ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": "authenticated"},
    }
    assert found(check(role(web_identity("cognito-identity.amazonaws.com", condition))), OIDC) == []


def test_an_unknown_trust_in_a_preview_is_not_judged():
    def program():
        other = aws.iam.Role("other", assume_role_policy=json.dumps({"Version": "2012-10-17", "Statement": []}))
        aws.iam.Role(
            "workload",
            assume_role_policy=other.arn.apply(
                lambda _: json.dumps({"Version": "2012-10-17", "Statement": [pod_statement()]})
            ),
        )

    assert found(check(program, preview=True), POD) == []
    assert found(check(program), POD) != []


# Azure federated credentials


def test_the_components_federated_credential_passes_with_the_allowlist():
    program = azure_storage(credentials="identity", workload_identity=[WEB])
    assert check(program, config=ALLOWLIST).violations == []


def test_without_an_allowlist_every_federated_credential_is_a_violation():
    violations = only(check(azure_storage(credentials="identity", workload_identity=[WEB])), FEDERATED, "mandatory")
    assert [v.message.split(": ", 1)[1].split(" ", 1)[0] for v in violations] == ["issuer", "subject"]
    assert AKS_ISSUER in violations[0].message


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"issuer": "https://token.actions.githubusercontent.com"}, "is not in allowedIssuers"),
        ({"subject": "system:serviceaccount:shop:admin"}, "is not in allowedSubjects"),
        ({"audiences": ["api://AzureADTokenExchange", "https://example.com"]}, "must be exactly"),
    ],
)
def test_a_federated_credential_outside_the_allowlist_is_a_violation(change, expected):
    settings = {
        "issuer": AKS_ISSUER,
        "subject": "system:serviceaccount:shop:web",
        "audiences": ["api://AzureADTokenExchange"],
        **change,
    }

    def program():
        azure_native.managedidentity.FederatedIdentityCredential(
            "credential", resource_name_="identity", resource_group_name="rg", **settings
        )

    (violation,) = only(check(program, config=ALLOWLIST), FEDERATED, "mandatory")
    assert expected in violation.message


def test_the_allowlist_config_is_checked_as_a_setting_of_the_policy():
    run = run_program(azure_storage(credentials="identity", workload_identity=[WEB])).raise_for_error()
    with pytest.raises(UsageError, match="has no setting 'allowedIssuer'"):
        evaluate(run, {FEDERATED: {"allowedIssuer": [AKS_ISSUER]}})


@pytest.mark.parametrize(
    ("setting", "value"),
    [
        ("allowedIssuers", "http://cluster.example.com/"),  # not https
        ("allowedIssuers", "https://*.oic.prod-aks.azure.com/"),  # Entra compares exactly: no wildcards
        ("allowedSubjects", "system:serviceaccount:shop:*"),
        ("allowedSubjects", "system:serviceaccount:shop:web "),
    ],
)
def test_allowlist_items_must_be_exact_values(setting, value):
    run = run_program(azure_storage(credentials="identity", workload_identity=[WEB])).raise_for_error()
    with pytest.raises(UsageError, match=rf"{setting}\[0\] must match"):
        evaluate(run, {FEDERATED: {setting: [value]}})


# --- iam-role-trust-own-accounts (mandatory) -------------------------------------------

S3_READ = json.dumps({"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::m/*"}]})


def media_role(*statements, allowed_accounts=None, inline=S3_READ):
    """A role holding S3 reads, trusting `statements`, in a program whose provider allows `allowed_accounts`."""

    def program():
        opts = None
        if allowed_accounts is not None:
            opts = pulumi.ResourceOptions(provider=aws.Provider("p", allowed_account_ids=allowed_accounts))
        aws.iam.Role(
            "app",
            assume_role_policy=json.dumps({"Statement": list(statements)}),
            inline_policies=[{"name": "media", "policy": inline}] if inline else None,
            opts=opts,
        )

    return program


def service(name="ecs-tasks.amazonaws.com", account=None):
    statement = {"Effect": "Allow", "Principal": {"Service": name}, "Action": "sts:AssumeRole"}
    if account:
        statement["Condition"] = {"StringEquals": {"aws:SourceAccount": account}}
    return statement


def aws_principal(value, **extra):
    return {"Effect": "Allow", "Principal": {"AWS": value}, "Action": "sts:AssumeRole", **extra}


@pytest.mark.parametrize(
    "program",
    [
        media_role(service(account="123456789012")),  # the components' role mode: the deploying account
        media_role(service(account="123456789012"), allowed_accounts=["123456789012"]),
        media_role(aws_principal("*"), inline=None),  # reaches no media: not this pack's business
        media_role({**aws_principal("*"), "Effect": "Deny"}),
    ],
    ids=["deploying-account", "allowed-account", "no-media", "deny"],
)
def test_trusts_of_the_programs_own_accounts_pass(program):
    assert not found(check(program), TRUST)


OWN_CI = "arn:aws:iam::123456789012:role/ci"
STAR_PINNED_TO_OWN = aws_principal("*", Condition={"StringEquals": {"aws:PrincipalAccount": "123456789012"}})


@pytest.mark.parametrize(
    ("statement", "expected", "allowed"),
    [
        (aws_principal(OWN_CI), f"lets {OWN_CI} (a role the program does not create", OWN_CI),
        (aws_principal("123456789012"), "the whole account 123456789012", "arn:aws:iam::123456789012:root"),
        (STAR_PINNED_TO_OWN, "every principal of account 123456789012", "arn:aws:iam::123456789012:root"),
        (
            aws_principal("arn:aws:sts::123456789012:assumed-role/ci/build"),
            "a session of the role ci, which the program does not create",
            "arn:aws:sts::123456789012:assumed-role/ci/build",
        ),
    ],
    ids=["undeclared-role", "own-root", "star-pinned-to-own", "assumed-role"],
)
def test_own_account_principals_the_program_does_not_create_fail_unless_allowlisted(statement, expected, allowed):
    # Who may act as them cannot be judged (issue 12, "fail closed"): an own account is no longer enough.
    program = media_role(statement, allowed_accounts=["123456789012"])
    messages = [v.message for v in only(check(program), TRUST, "mandatory")]
    assert any(expected in m and "allowedPrincipals" in m for m in messages), messages
    assert not found(check(program, config={TRUST: {"allowedPrincipals": [allowed]}}), TRUST)


def test_a_role_the_program_creates_may_be_trusted_and_its_own_trust_is_judged():
    def program(ci_trust):
        provider = pulumi.ResourceOptions(provider=aws.Provider("p", allowed_account_ids=["123456789012"]))
        ci = aws.iam.Role("ci", name="ci", assume_role_policy=json.dumps({"Statement": [ci_trust]}), opts=provider)
        aws.iam.Role(
            "app",
            assume_role_policy=ci.arn.apply(lambda arn: json.dumps({"Statement": [aws_principal(arn)]})),
            inline_policies=[{"name": "media", "policy": S3_READ}],
            opts=provider,
        )

    assert not found(check(lambda: program(service(account="123456789012"))), TRUST)
    messages = [v.message for v in found(check(lambda: program(aws_principal("*"))), TRUST)]
    assert messages and all(m.startswith("Role ci reaches media") for m in messages), messages


@pytest.mark.parametrize(
    ("program", "expected"),
    [
        (media_role(aws_principal("*")), 'lets anyone ("*") assume it'),
        (media_role(aws_principal("arn:aws:iam::999999999999:root")), "account 999999999999"),
        (media_role(service()), "on behalf of any account; add StringEquals aws:SourceAccount"),
        (
            media_role(service(account="999999999999"), allowed_accounts=["123456789012"]),
            "on behalf of account(s) 999999999999",
        ),
        (
            # Two different accounts pinned and no other evidence: neither is taken for the deployer's.
            media_role(service(account="123456789012"), service("lambda.amazonaws.com", "999999999999")),
            "on behalf of account(s)",
        ),
        (
            media_role(aws_principal("*", Condition={"StringEquals": {"aws:SourceVpce": "vpce-1"}})),
            "aws:SourceVpce pin none",
        ),
    ],
    ids=["anyone", "foreign-root", "service-unpinned", "service-foreign", "two-pins", "vpce"],
)
def test_trusts_beyond_the_programs_own_accounts_fail(program, expected):
    violations = only(check(program), TRUST, "mandatory")
    assert any(expected in v.message for v in violations), [v.message for v in violations]


def root_allowed(*accounts):
    """The TRUST config vouching for the whole of `accounts` (their roots are principals the program does not create)."""
    return {TRUST: {"allowedPrincipals": [f"arn:aws:iam::{account}:root" for account in accounts]}}


def test_trusted_accounts_extend_the_own_accounts():
    program = media_role(aws_principal("arn:aws:iam::999999999999:root"))
    config = {TRUST: {"trustedAccounts": ["999999999999"]}}
    assert any("not one of the program's own accounts" in v.message for v in found(check(program), TRUST))
    # An own account's root is still every principal of it, which the program does not create.
    messages = [v.message for v in found(check(program, config=config), TRUST)]
    assert len(messages) == 1 and "the whole account 999999999999" in messages[0], messages
    config[TRUST]["allowedPrincipals"] = ["arn:aws:iam::999999999999:root"]
    assert not found(check(program, config=config), TRUST)


def test_an_unknown_trust_in_a_preview_passes():
    def program():
        user = aws.iam.User("ci")
        aws.iam.Role(
            "app",
            tags={"media-storage:app": "shop"},
            assume_role_policy=user.arn.apply(lambda arn: json.dumps({"Statement": [aws_principal(arn)]})),
        )

    assert not found(check(program, preview=True), TRUST)


def test_an_arn_computed_from_a_resource_of_the_program_names_an_own_account():
    def program():
        policy = aws.iam.Policy("media", policy=S3_READ)
        role = aws.iam.Role("app", assume_role_policy=json.dumps({"Statement": [aws_principal("123456789012")]}))
        aws.iam.RolePolicyAttachment("app-media", role=role.name, policy_arn=policy.arn)

    assert [v.message for v in found(check(program), TRUST) if "own accounts" in v.message] == []
    assert not found(check(program, config=root_allowed("123456789012")), TRUST)


def test_the_stacks_allowed_accounts_count_offline_for_the_default_provider():
    # The mocks never register the default provider; the check gives it the stack's aws: config.
    program = media_role(
        aws_principal("arn:aws:iam::123456789012:root"), aws_principal("arn:aws:iam::210987654321:root")
    )
    stack_config = {"aws:allowedAccountIds": '["123456789012", "210987654321"]', "aws:region": "eu-west-1"}
    assert found(check(program), TRUST)
    allowed = root_allowed("123456789012", "210987654321")
    for preview in (False, True):
        assert not found(evaluate(run_program(program, config=stack_config, preview=preview), allowed), TRUST)


def test_an_iam_arn_in_a_tag_or_a_document_naming_a_created_role_makes_no_account_own():
    foreign_app = "arn:aws:iam::999999999999:role/app"

    def program():
        aws.iam.Role(
            "app",
            name="app",
            tags={"peer": foreign_app},
            assume_role_policy={"Statement": [aws_principal(foreign_app)]},
            inline_policies=[{"name": "media", "policy": S3_READ}],
        )

    assert any("999999999999" in v.message for v in found(check(program), TRUST))


def test_a_provider_no_resource_uses_vouches_for_no_account():
    def program():
        aws.Provider("partner", allowed_account_ids=["999999999999"])
        media_role(aws_principal("arn:aws:iam::999999999999:root"))()

    assert found(check(program), TRUST)


def test_the_account_of_a_trusted_identity_provider_is_never_own_once_arns_are_known():
    foreign = "arn:aws:iam::999999999999:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/X"
    exact = {
        "StringEquals": {
            "oidc.eks.eu-west-1.amazonaws.com/id/X:sub": "a",
            "oidc.eks.eu-west-1.amazonaws.com/id/X:aud": "b",
        }
    }
    statement = {
        "Effect": "Allow",
        "Principal": {"Federated": foreign},
        "Action": "sts:AssumeRoleWithWebIdentity",
        "Condition": exact,
    }
    assert any("999999999999" in v.message for v in found(check(media_role(statement)), TRUST))
    # A first preview knows no ARN: the single account the trusts name cannot be judged yet.
    assert not found(check(media_role(statement), preview=True), TRUST)


@pytest.mark.parametrize(
    ("authorization", "principal", "expected"),
    [("NONE", None, True), ("AWS_IAM", "*", True), ("AWS_IAM", "123456789012", False)],
    ids=["open-url", "permission-for-anyone", "iam-auth-own-account"],
)
def test_a_function_running_as_a_media_role_may_not_be_invoked_by_anyone(authorization, principal, expected):
    def program():
        role = aws.iam.Role(
            "fn", assume_role_policy=json.dumps({"Statement": [service("lambda.amazonaws.com", "123456789012")]})
        )
        aws.iam.RolePolicy("fn-media", role=role.id, policy=S3_READ)
        function = aws.lambda_.Function("proxy", role=role.arn, runtime="python3.12", handler="index.handler")
        aws.lambda_.FunctionUrl("proxy-url", function_name=function.name, authorization_type=authorization)
        if principal:
            aws.lambda_.Permission(
                "invoke", function=function.name, action="lambda:InvokeFunction", principal=principal
            )

    for preview in (False, True):
        violations = [v for v in found(check(program, preview=preview), TRUST) if "Function proxy" in v.message]
        assert bool(violations) is expected


def test_the_components_role_trusting_a_principal_it_does_not_create_asks_for_the_allowlist():
    deployer = "arn:aws:iam::123456789012:role/ci-deployer"
    program = aws_storage(credentials="role", role_trust={"principals": [deployer]})
    (violation,) = only(check(program), TRUST, "mandatory")
    assert deployer in violation.message and "allowedPrincipals" in violation.message
    for preview in (False, True):
        report = check(program, config={TRUST: {"allowedPrincipals": [deployer]}}, preview=preview)
        assert report.violations == []


def test_the_documented_principal_allowlists_are_the_config_a_secure_program_needs():
    from .doc_snippets import snippet
    from .test_redteam import MANIFEST, load_program

    config = json.loads(snippet("policy-config-principals"))
    assert config == MANIFEST["secure_raw_allowlisted_principals"]["config"]
    program = load_program("secure_raw_allowlisted_principals")
    assert check(program, config=config).violations == []
    assert {v.policy for v in check(program).violations} == {"s3-no-foreign-principals", TRUST}
