"""Derived names satisfy S3's and IAM's rules for every valid app slug and stack name."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from media_storage.naming import (
    environment_label,
    is_valid_iam_name,
    is_valid_s3_bucket_name,
    s3_bucket_name,
    scoped_name,
)

slugs = st.from_regex(r"[a-z][a-z0-9-]{2,31}", fullmatch=True)
stack_names = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}", fullmatch=True)
accounts = st.from_regex(r"[0-9]{12}", fullmatch=True)
LONGEST_SLUG = "a" + "b-" * 15 + "c"  # 32 characters
LONGEST_STACK = "Production.Europe_West-" + "x" * 77  # 100 characters


@settings(max_examples=400)
@given(app=slugs, stack=stack_names, account=accounts)
def test_bucket_and_iam_names_are_valid_for_every_slug_and_stack(app, stack, account):
    for visibility in ("public", "private"):
        assert is_valid_s3_bucket_name(s3_bucket_name(app, stack, visibility, account))
    assert is_valid_iam_name(scoped_name(app, stack, "media"))


def test_longest_slug_and_stack_fit():
    assert len(LONGEST_SLUG) == 32 and len(LONGEST_STACK) == 100
    for visibility in ("public", "private"):
        name = s3_bucket_name(LONGEST_SLUG, LONGEST_STACK, visibility, "123456789012")
        assert is_valid_s3_bucket_name(name), name
        assert len(name) <= 63
    assert len(scoped_name(LONGEST_SLUG, LONGEST_STACK, "media")) <= 64


def test_reserved_s3_prefixes_are_avoided():
    for app in ("sthree", "sthree-media", "amzn-s3-demo", "amzn-s3-demo-x"):
        name = s3_bucket_name(app, "dev", "public", "123456789012")
        assert is_valid_s3_bucket_name(name), name
        assert name.startswith(f"ms-{app}-")
    # Runs of hyphens collapse, so `xn--` (punycode) never starts a name.
    assert s3_bucket_name("xn--shop", "dev", "public", "1").startswith("xn-shop-dev-public-")
    assert s3_bucket_name("sthreex", "dev", "public", "1").startswith("sthreex-dev-public-")


def test_names_are_stable_and_readable():
    assert s3_bucket_name("shop", "prod", "public", "123456789012") == s3_bucket_name(
        "shop", "prod", "public", "123456789012"
    )
    assert s3_bucket_name("shop", "prod", "private", "123456789012").startswith("shop-prod-private-")
    assert scoped_name("shop", "prod", "media") == "shop-prod-media"


@given(app=slugs, stack=stack_names)
def test_different_accounts_never_share_a_bucket_name(app, stack):
    assert s3_bucket_name(app, stack, "public", "111111111111") != s3_bucket_name(app, stack, "public", "222222222222")


@given(stack=stack_names, other=stack_names)
def test_different_stacks_get_different_names(stack, other):
    if stack != other:
        assert s3_bucket_name(LONGEST_SLUG, stack, "public", "1") != s3_bucket_name(LONGEST_SLUG, other, "public", "1")
        assert scoped_name(LONGEST_SLUG, stack, "media") != scoped_name(LONGEST_SLUG, other, "media")


def test_environment_label_shortens_with_a_digest():
    long_a, long_b = "staging-europe-west-a", "staging-europe-west-b"
    assert environment_label(long_a, 12) != environment_label(long_b, 12)
    assert len(environment_label(long_a, 12)) == 12
    assert environment_label("prod-eu", 20) == "prod-eu"
    assert environment_label("Prod_EU", 20).startswith("prod-eu-")
    assert environment_label("prod_eu", 20) != environment_label("prod-eu", 20)
    assert environment_label("Prod", 20) != environment_label("prod", 20)
