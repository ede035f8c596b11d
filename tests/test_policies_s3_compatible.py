"""Each Spaces and R2 policy: its name and level, a compliant case, the violations it must catch,
and mutants of the project's two stacks (anonymous private bucket, full-access key, `*` CORS)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pulumi
import pulumi_cloudflare as cloudflare
import pulumi_digitalocean as digitalocean
import pytest
from media_storage.policies import ALL_POLICIES
from media_storage.policies.bucket_names import is_public_name

from media_storage.cloudflare import CloudflareMediaStorage, CloudflareMediaStorageArgs
from media_storage.digitalocean import DigitalOceanMediaStorage, DigitalOceanMediaStorageArgs
from media_storage.testing import read_stack_config

from .conftest import REPO_ROOT
from .policy_support import check, found, only

ACCOUNT = "0123456789abcdef0123456789abcdef"
PUBLIC_SPACE, PRIVATE_SPACE = "shop-dev-public-0123abcd", "shop-dev-private-0123abcd"
R2_ITEM_READ, R2_ITEM_WRITE = "6a018a9f2fc74eb6b293b0c548f38b39", "2efd5506f9c8494dacb1fa10a3e7d5b6"
R2_STORAGE_WRITE = "bf7481a1826f439697cb59a20b22293e"
LEVELS = {
    "spaces-acl-private": "mandatory",
    "spaces-anonymous-read-only-public-objects": "mandatory",
    "spaces-no-bucket-policy-with-scoped-key": "mandatory",
    "spaces-key-least-privilege": "mandatory",
    "spaces-cors-trusted-origins": "mandatory",
    "spaces-bucket-protected": "advisory",
    "r2-private-bucket-no-public-domain": "mandatory",
    "r2-token-least-privilege": "mandatory",
    "r2-cors-trusted-origins": "mandatory",
    "r2-bucket-protected": "advisory",
}


def test_names_and_levels():
    levels = {p.name: p.enforcement_level.value for p in ALL_POLICIES if p.name.startswith(("spaces-", "r2-"))}
    assert levels == LEVELS


@pytest.mark.parametrize(
    ("name", "public"),
    [
        ("shop-dev-public-0123abcd", True),
        ("shop-prod-eu-3f2a1b-public-89abcdef", True),
        ("shop-dev-private-0123abcd", False),
        ("public-media", False),  # not named by the components: private, the safe default
        ("shop-dev-public-0123abcd-old", False),
        ("shop-dev-public-XYZ", False),
    ],
)
def test_only_names_the_components_give_public_media_count_as_public(name, public):
    assert is_public_name(name) is public


def space(name: str, **kwargs: Any) -> digitalocean.SpacesBucket:
    return digitalocean.SpacesBucket(
        name.split("-")[2], name=name, region="ams3", opts=pulumi.ResourceOptions(protect=True), **kwargs
    )


def space_policy(target: digitalocean.SpacesBucket, *statements: Callable[[str], dict]) -> None:
    digitalocean.SpacesBucketPolicy(
        f"{target._name}-policy",
        bucket=target.name,
        region="ams3",
        policy=target.name.apply(
            lambda name: json.dumps({"Version": "2012-10-17", "Statement": [s(name) for s in statements]})
        ),
    )


def anonymous(action: Any = "s3:GetObject", resource: Callable[[str], Any] = lambda name: f"arn:aws:s3:::{name}/*"):
    return lambda name: {"Effect": "Allow", "Principal": "*", "Action": action, "Resource": resource(name)}


# --- the components ------------------------------------------------------------------------


def test_the_spaces_component_passes_every_policy():
    def program():
        DigitalOceanMediaStorage(
            "media",
            DigitalOceanMediaStorageArgs(
                app="shop", environment="test", region="ams3", cors_origins=("https://shop.example.com",)
            ),
        )

    assert check(program).violations == []


@pytest.mark.parametrize("custom_domain", [None, "media.shop.example.com"])
def test_the_r2_component_passes_every_policy(custom_domain):
    def program():
        CloudflareMediaStorage(
            "media",
            CloudflareMediaStorageArgs(
                app="shop",
                environment="test",
                account_id=ACCOUNT,
                cors_origins=("https://shop.example.com",),
                custom_domain=custom_domain,
                custom_domain_zone_id="fedcba9876543210fedcba9876543210" if custom_domain else None,
            ),
        )

    assert check(program).violations == []


# --- spaces-acl-private --------------------------------------------------------------------


@pytest.mark.parametrize("name", [PUBLIC_SPACE, PRIVATE_SPACE])
def test_a_public_read_acl_lets_anyone_list_any_space(name):
    [violation] = only(check(lambda: space(name, acl="public-read")), "spaces-acl-private", "mandatory")
    assert "'public-read'" in violation.message and "set acl to 'private'" in violation.message


# --- spaces-anonymous-read-only-public-objects -----------------------------------------------


def space_object(target: digitalocean.SpacesBucket | str, name: str, acl: str | None) -> None:
    bucket = target if isinstance(target, str) else target.name
    digitalocean.SpacesBucketObject(name, bucket=bucket, region="ams3", key=f"{name}.txt", content="x", acl=acl)


@pytest.mark.parametrize("target", [PRIVATE_SPACE, "public-media"], ids=["private", "not-named-as-public"])
def test_a_public_read_object_in_a_private_space(target):
    def program():
        space_object(space(target) if target == PRIVATE_SPACE else target, "invoice", "public-read")

    [violation] = only(check(program), "spaces-anonymous-read-only-public-objects", "mandatory")
    assert violation.resourceName == "invoice"
    assert "has the ACL 'public-read', but the Space is private; set acl to 'private'" in violation.message


def test_a_public_space_object_may_be_public_read_and_nothing_wider():
    def program():
        target = space(PUBLIC_SPACE)
        space_object(target, "avatar", "public-read")
        space_object(target, "draft", "private")
        space_object(target, "no-acl", None)
        space_object(space(PRIVATE_SPACE), "invoice", "private")
        space_object(target, "guestbook", "public-read-write")

    [violation] = only(check(program), "spaces-anonymous-read-only-public-objects", "mandatory")
    assert violation.resourceName == "guestbook"
    assert "may be 'public-read' (anyone reads them) or 'private', nothing wider" in violation.message
    assert [v for v in check(program).violations if v.resourceName != "guestbook"] == []


def test_anonymous_reads_of_a_private_space():
    def program():
        space_policy(space(PRIVATE_SPACE), anonymous())

    [violation] = only(check(program), "spaces-anonymous-read-only-public-objects", "mandatory")
    assert "is private" in violation.message


def test_a_space_not_named_as_public_media_counts_as_private():
    def program():
        space_policy(
            digitalocean.SpacesBucket(
                "media", name="public-media", region="ams3", opts=pulumi.ResourceOptions(protect=True)
            ),
            anonymous(),
        )

    assert found(check(program), "spaces-anonymous-read-only-public-objects")


@pytest.mark.parametrize(
    "statement",
    [
        anonymous(["s3:GetObject", "s3:ListBucket"]),
        anonymous("s3:*"),
        anonymous(resource=lambda name: "arn:aws:s3:::*"),
    ],
)
def test_anonymous_listing_or_more_on_a_public_space(statement):
    def program():
        space_policy(space(PUBLIC_SPACE), statement)

    only(check(program), "spaces-anonymous-read-only-public-objects", "mandatory")


def test_anonymous_object_reads_of_a_public_space_comply():
    def program():
        space_policy(space(PUBLIC_SPACE), anonymous())

    assert check(program).violations == []


# --- spaces-key-least-privilege ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("grants", "expected"),
    [
        ([{"bucket": "", "permission": "fullaccess"}], "holds 'fullaccess' access"),
        ([{"bucket": "someone-elses", "permission": "readwrite"}], "not a Space of this program"),
        ([], "has no grants"),
    ],
)
def test_full_access_or_foreign_keys(grants, expected):
    def program():
        space(PUBLIC_SPACE)
        digitalocean.SpacesKey("app", name="app", grants=grants)

    [violation] = only(check(program), "spaces-key-least-privilege", "mandatory")
    assert expected in violation.message


def test_a_key_scoped_to_the_programs_spaces_complies():
    def program():
        public, private = space(PUBLIC_SPACE), space(PRIVATE_SPACE)
        digitalocean.SpacesKey(
            "app",
            name="app",
            grants=[{"bucket": public.name, "permission": "readwrite"}, {"bucket": private.name, "permission": "read"}],
        )

    assert check(program).violations == []


# --- spaces-no-bucket-policy-with-scoped-key -------------------------------------------------


def scoped_key(*targets: digitalocean.SpacesBucket, permission: str = "readwrite") -> None:
    digitalocean.SpacesKey(
        "app", name="app", grants=[{"bucket": target.name, "permission": permission} for target in targets]
    )


@pytest.mark.parametrize("permission", ["readwrite", "read"])
@pytest.mark.parametrize("preview", [False, True], ids=["update", "preview"])
def test_a_bucket_policy_on_a_space_a_scoped_key_grants_cannot_deploy(permission, preview):
    def program():
        public, private = space(PUBLIC_SPACE), space(PRIVATE_SPACE)
        scoped_key(public, private, permission=permission)
        space_policy(public, anonymous())

    [violation] = only(check(program, preview=preview), "spaces-no-bucket-policy-with-scoped-key", "mandatory")
    assert violation.resourceName == "public-policy"
    assert violation.message.startswith("Space public")
    assert (
        "has a bucket policy and Spaces key app has a limited-access grant on it: DigitalOcean refuses a bucket "
        "policy on a Space a limited-access key uses, and such a key for a Space with a policy, so this cannot "
        "deploy. Remove the SpacesBucketPolicy and keep the key scoped; public media are readable by their "
        "object ACL: the app uploads them with public-read (the Django helper does, with "
        "AWS_DEFAULT_ACL=public-read)."
    ) in violation.message


def test_the_scoped_key_is_found_by_a_literal_name_too():
    def program():
        space(PUBLIC_SPACE)
        digitalocean.SpacesKey("app", name="app", grants=[{"bucket": PUBLIC_SPACE, "permission": "readwrite"}])
        digitalocean.SpacesBucketPolicy(
            "policy",
            bucket=PUBLIC_SPACE,
            region="ams3",
            policy=json.dumps({"Version": "2012-10-17", "Statement": [anonymous()(PUBLIC_SPACE)]}),
        )

    [violation] = only(check(program), "spaces-no-bucket-policy-with-scoped-key", "mandatory")
    assert violation.resourceName == "policy"


def test_a_bucket_policy_on_a_space_no_scoped_key_grants_is_not_this_policys_concern():
    def program():
        public, private = space(PUBLIC_SPACE), space(PRIVATE_SPACE)
        scoped_key(private)
        space_policy(public, anonymous())
        digitalocean.SpacesKey("admin", name="admin", grants=[{"bucket": "", "permission": "fullaccess"}])

    report = check(program)
    assert found(report, "spaces-no-bucket-policy-with-scoped-key") == []
    assert {v.policy for v in report.violations} == {"spaces-key-least-privilege"}  # the fullaccess key


def test_a_private_spaces_anonymous_policy_next_to_a_scoped_key_breaks_both_rules():
    def program():
        private = space(PRIVATE_SPACE)
        scoped_key(private)
        space_policy(private, anonymous())

    report = check(program)
    assert {(v.policy, v.resourceName) for v in report.violations} == {
        ("spaces-anonymous-read-only-public-objects", "private-policy"),
        ("spaces-no-bucket-policy-with-scoped-key", "private-policy"),
    }


# --- spaces-cors-trusted-origins, spaces-bucket-protected --------------------------------------


@pytest.mark.parametrize("origin", ["*", "https://*.example.com", "http://shop.example.com"])
def test_untrusted_spaces_cors_origins(origin):
    def program():
        target = space(PUBLIC_SPACE)
        digitalocean.SpacesBucketCorsConfiguration(
            "cors",
            bucket=target.name,
            region="ams3",
            cors_rules=[{"allowed_origins": [origin], "allowed_methods": ["GET"]}],
        )

    [violation] = only(check(program), "spaces-cors-trusted-origins", "mandatory")
    assert repr(origin) in violation.message


def test_an_unprotected_space():
    [violation] = only(
        check(lambda: digitalocean.SpacesBucket("media", name=PRIVATE_SPACE, region="ams3")),
        "spaces-bucket-protected",
        "advisory",
    )
    assert violation.resourceName == "media"


# --- R2 ------------------------------------------------------------------------------------


def r2_bucket(name: str, **kwargs: Any) -> cloudflare.R2Bucket:
    return cloudflare.R2Bucket(
        name.split("-")[2], account_id=ACCOUNT, name=name, opts=pulumi.ResourceOptions(protect=True), **kwargs
    )


def token(groups: list[str], resources: dict[str, Any]) -> None:
    cloudflare.AccountToken(
        "app",
        account_id=ACCOUNT,
        name="app",
        policies=[
            {"effect": "allow", "permission_groups": [{"id": g} for g in groups], "resources": json.dumps(resources)}
        ],
    )


def bucket_resource(name: str, account: str = ACCOUNT) -> str:
    return f"com.cloudflare.edge.r2.bucket.{account}_default_{name}"


@pytest.mark.parametrize("kind", ["managed", "custom"])
def test_a_private_r2_bucket_served_through_a_domain(kind):
    def program():
        target = r2_bucket("shop-dev-private-4567cdef")
        if kind == "managed":
            cloudflare.R2ManagedDomain("domain", account_id=ACCOUNT, bucket_name=target.name, enabled=True)
        else:
            cloudflare.R2CustomDomain(
                "domain",
                account_id=ACCOUNT,
                bucket_name=target.name,
                domain="files.example.com",
                zone_id="f" * 32,
                enabled=True,
            )

    [violation] = only(check(program), "r2-private-bucket-no-public-domain", "mandatory")
    assert violation.resourceName == "domain" and "remove the domain" in violation.message


def test_a_public_r2_bucket_or_a_disabled_domain_complies():
    def program():
        public, private = r2_bucket("shop-dev-public-4567cdef"), r2_bucket("shop-dev-private-4567cdef")
        cloudflare.R2ManagedDomain("public-domain", account_id=ACCOUNT, bucket_name=public.name, enabled=True)
        cloudflare.R2ManagedDomain("private-domain", account_id=ACCOUNT, bucket_name=private.name, enabled=False)

    assert check(program).violations == []


@pytest.mark.parametrize(
    ("groups", "resources", "expected"),
    [
        ([R2_STORAGE_WRITE], {f"com.cloudflare.api.account.{ACCOUNT}": "*"}, "R2 Storage Write is full access"),
        ([R2_ITEM_WRITE], {f"com.cloudflare.api.account.{ACCOUNT}": "*"}, "wider than one bucket"),
        ([R2_ITEM_WRITE], {bucket_resource("*"): "*"}, "wider than one bucket"),
        ([R2_ITEM_WRITE], {bucket_resource("other-bucket"): "*"}, "not a bucket of this program"),
        ([R2_ITEM_WRITE], {bucket_resource("shop-dev-public-4567cdef", "f" * 32): "*"}, "not this program's"),
        (
            [R2_ITEM_READ, "c8fed203ed3043cba015a93ad1616f1f"],
            {bucket_resource("shop-dev-public-4567cdef"): "*"},
            "not an R2 object permission",
        ),
    ],
)
def test_tokens_wider_than_the_programs_bucket_objects(groups, resources, expected):
    def program():
        r2_bucket("shop-dev-public-4567cdef")
        token(groups, resources)

    violations = only(check(program), "r2-token-least-privilege", "mandatory")
    assert any(expected in v.message for v in violations), [v.message for v in violations]


def test_a_token_for_the_objects_of_the_programs_buckets_complies_and_other_tokens_are_not_judged():
    def program():
        r2_bucket("shop-dev-public-4567cdef")
        token([R2_ITEM_READ, R2_ITEM_WRITE], {bucket_resource("shop-dev-public-4567cdef"): "*"})
        cloudflare.AccountToken(
            "dns",
            account_id=ACCOUNT,
            name="dns",
            policies=[
                {
                    "effect": "allow",
                    "permission_groups": [{"id": "4755a26eedb94da69e1066d98aa820be"}],
                    "resources": json.dumps({"com.cloudflare.api.account.zone.z": "*"}),
                }
            ],
        )

    assert check(program).violations == []


@pytest.mark.parametrize("origin", ["*", "https://*.example.com"])
def test_untrusted_r2_cors_origins(origin):
    def program():
        target = r2_bucket("shop-dev-public-4567cdef")
        cloudflare.R2BucketCors(
            "cors",
            account_id=ACCOUNT,
            bucket_name=target.name,
            rules=[{"allowed": {"origins": [origin], "methods": ["GET"]}}],
        )

    [violation] = only(check(program), "r2-cors-trusted-origins", "mandatory")
    assert repr(origin) in violation.message


def test_an_unprotected_r2_bucket():
    only(
        check(lambda: cloudflare.R2Bucket("media", account_id=ACCOUNT, name="media")), "r2-bucket-protected", "advisory"
    )


# --- mutants of the project's stacks ---------------------------------------------------------


def stack_args(stack: str, model: type) -> Any:
    """The component arguments of `Pulumi.<stack>.yaml`, as the stack program builds them."""
    values = {
        key.removeprefix("media-storage:"): value
        for key, value in read_stack_config(REPO_ROOT, stack).items()
        if key.startswith("media-storage:") and key != "media-storage:cloud"
    }
    return model.model_validate({**values, "environment": stack})


def _private_space_acl(acl: str) -> Callable[[pulumi.ResourceTransformationArgs], Any]:
    def transformation(args: pulumi.ResourceTransformationArgs) -> pulumi.ResourceTransformationResult | None:
        if args.type_ == "digitalocean:index/spacesBucket:SpacesBucket" and "-private-" in args.name:
            return pulumi.ResourceTransformationResult({**args.props, "acl": acl}, args.opts)
        return None

    return transformation


def spaces_mutant(mutation: str | None) -> Callable[[], None]:
    def program():
        opts = None
        if mutation == "anonymous private bucket":  # the private Space's own ACL, as a careless edit would set it
            opts = pulumi.ResourceOptions(transformations=[_private_space_acl("public-read")])
        storage = DigitalOceanMediaStorage("shop", stack_args("dev-digitalocean", DigitalOceanMediaStorageArgs), opts)
        private, public = storage.private_bucket.bucket_name, storage.public_bucket.bucket_name
        if mutation == "public object in the private bucket":
            digitalocean.SpacesBucketObject(
                "leak", bucket=private, region="ams3", key="a.pdf", content="a", acl="public-read"
            )
        elif mutation == "bucket policy next to the scoped key":  # the design DigitalOcean refuses
            digitalocean.SpacesBucketPolicy(
                "leak",
                bucket=public,
                region="ams3",
                policy=public.apply(
                    lambda name: json.dumps({"Version": "2012-10-17", "Statement": [anonymous()(name)]})
                ),
            )
        elif mutation == "full-access key":
            digitalocean.SpacesKey("admin", name="admin", grants=[{"bucket": "", "permission": "fullaccess"}])
        elif mutation == "* CORS":
            digitalocean.SpacesBucketCorsConfiguration(
                "leak",
                bucket=public,
                region="ams3",
                cors_rules=[{"allowed_origins": ["*"], "allowed_methods": ["GET"]}],
            )

    return program


def r2_mutant(mutation: str | None) -> Callable[[], None]:
    def program():
        args = stack_args("dev-cloudflare", CloudflareMediaStorageArgs)
        storage = CloudflareMediaStorage("shop", args)
        if mutation == "anonymous private bucket":
            cloudflare.R2ManagedDomain(
                "leak", account_id=args.account_id, bucket_name=storage.private_bucket.bucket_name, enabled=True
            )
        elif mutation == "full-access key":
            token([R2_STORAGE_WRITE], {f"com.cloudflare.api.account.{args.account_id}": "*"})
        elif mutation == "* CORS":
            cloudflare.R2BucketCors(
                "leak",
                account_id=args.account_id,
                bucket_name=storage.public_bucket.bucket_name,
                rules=[{"allowed": {"origins": ["*"], "methods": ["GET"]}}],
            )

    return program


SPACES_MUTATIONS = {
    "anonymous private bucket": ("spaces-acl-private", "shop-private-bucket"),
    "public object in the private bucket": ("spaces-anonymous-read-only-public-objects", "leak"),
    "bucket policy next to the scoped key": ("spaces-no-bucket-policy-with-scoped-key", "leak"),
    "full-access key": ("spaces-key-least-privilege", "admin"),
    "* CORS": ("spaces-cors-trusted-origins", "leak"),
}
R2_MUTATIONS = {
    "anonymous private bucket": ("r2-private-bucket-no-public-domain", "leak"),
    "full-access key": ("r2-token-least-privilege", "app"),
    "* CORS": ("r2-cors-trusted-origins", "leak"),
}


@pytest.mark.parametrize("mutant", [spaces_mutant, r2_mutant], ids=["dev-digitalocean", "dev-cloudflare"])
def test_the_unmutated_stacks_pass(mutant):
    assert check(mutant(None)).violations == []


@pytest.mark.parametrize(
    ("mutant", "mutation", "expected"),
    [
        *((spaces_mutant, mutation, expected) for mutation, expected in SPACES_MUTATIONS.items()),
        *((r2_mutant, mutation, expected) for mutation, expected in R2_MUTATIONS.items()),
    ],
    ids=[*(f"dev-digitalocean-{m}" for m in SPACES_MUTATIONS), *(f"dev-cloudflare-{m}" for m in R2_MUTATIONS)],
)
def test_each_mutant_of_a_stack_is_caught_by_its_policy_alone(mutant, mutation, expected):
    report = check(mutant(mutation))
    policy, resource = expected
    assert {(v.policy, v.enforcementLevel, v.resourceName) for v in report.violations} == {
        (policy, "mandatory", resource)
    }
