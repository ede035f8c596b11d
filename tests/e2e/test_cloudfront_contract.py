"""The `dev-cdn` stack's CloudFront on moto, and the private links the Django helper signs.

Pulumi.dev-cdn.yaml is run under mocks (its RSA key pair is real: the mock runner generates
it) and applied to moto: buckets, origin access controls, public keys, key groups and
distributions (apply_aws.py; moto has no cache, origin request or response headers policy API,
so those are AWS managed ids or left out). The app gets the stack's env with the ids and domains
moto gave. A private link the helper's storage signs must verify, as CloudFront verifies it,
against the public key moto holds in the key group the private distribution trusts; a link
signed by another key, or used after its expiry, must not. moto serves no content through a
distribution, so what CloudFront then fetches from S3 is judged by the mock tests and the pack.
"""

from __future__ import annotations

import datetime
import time
from urllib.parse import parse_qs, urlsplit

import pytest
from botocore.signers import CloudFrontSigner
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from storages.backends.s3 import S3Storage

from media_storage import env_contract as names
from media_storage.django_storages import storages_from_env
from media_storage.testing import read_stack_config, reveal, run_program

from ..cloudfront_links import link_problem
from ..conftest import REPO_ROOT
from .apply_aws import AppliedAws, apply_to_moto
from .conftest import moto_client

DISTRIBUTION = "aws:cloudfront/distribution:Distribution"
PUBLIC_KEY = "aws:cloudfront/publicKey:PublicKey"


@pytest.fixture(scope="module")
def cdn(moto):
    run = run_program(REPO_ROOT, stack="dev-cdn", config=read_stack_config(REPO_ROOT, "dev-cdn")).raise_for_error()
    cloudfront = moto_client("cloudfront", moto.url)
    applied = apply_to_moto(run, moto_client("s3", moto.url), moto_client("iam", moto.url), cloudfront=cloudfront)
    env = dict(reveal(run.outputs["env"]))
    # The mocks' ids and domains are placeholders: the app gets the ones moto gave, as with the access key.
    public, private = (run.one(DISTRIBUTION, f"-{visibility}-cdn") for visibility in ("public", "private"))
    env[names.AWS_S3_CUSTOM_DOMAIN] = applied.distribution_domains[public.urn]
    env[names.AWS_PRIVATE_S3_CUSTOM_DOMAIN] = applied.distribution_domains[private.urn]
    env[names.AWS_CLOUDFRONT_KEY_ID] = applied.cloudfront_ids[run.one(PUBLIC_KEY).urn]
    ((key_id, secret),) = applied.access_keys.values()
    env[names.AWS_ACCESS_KEY_ID], env[names.AWS_SECRET_ACCESS_KEY] = key_id, secret
    return run, applied, env, cloudfront


def trusted_public_key(cloudfront, applied: AppliedAws, run) -> tuple[str, str]:
    """(key id, PEM) of the one key in the key group the private distribution trusts, as moto holds them."""
    private = run.one(DISTRIBUTION, "-private-cdn")
    config = cloudfront.get_distribution(Id=applied.cloudfront_ids[private.urn])["Distribution"]["DistributionConfig"]
    trusted = config["DefaultCacheBehavior"]["TrustedKeyGroups"]
    assert trusted["Enabled"] is True and trusted["Quantity"] == 1
    (group_id,) = trusted["Items"]
    (key_id,) = cloudfront.get_key_group(Id=group_id)["KeyGroup"]["KeyGroupConfig"]["Items"]
    pem = cloudfront.get_public_key(Id=key_id)["PublicKey"]["PublicKeyConfig"]["EncodedKey"]
    return key_id, pem


def test_moto_holds_the_distributions_keys_and_origin_access_controls(cdn):
    run, applied, env, cloudfront = cdn
    distributions = cloudfront.list_distributions()["DistributionList"]["Items"]
    by_id = {d["Id"]: d for d in distributions}
    for visibility in ("public", "private"):
        resource = run.one(DISTRIBUTION, f"-{visibility}-cdn")
        held = cloudfront.get_distribution(Id=applied.cloudfront_ids[resource.urn])["Distribution"]
        config = held["DistributionConfig"]
        assert held["Id"] in by_id
        assert config["DefaultCacheBehavior"]["ViewerProtocolPolicy"] == "redirect-to-https"
        assert config["PriceClass"] == "PriceClass_100"
        assert config["ViewerCertificate"]["CloudFrontDefaultCertificate"] is True
        (origin,) = config["Origins"]["Items"]
        bucket = env[names.AWS_STORAGE_BUCKET_NAME if visibility == "public" else names.AWS_PRIVATE_STORAGE_BUCKET_NAME]
        assert origin["DomainName"] == f"{bucket}.s3.eu-west-1.amazonaws.com"
    public = cloudfront.get_distribution(Id=applied.cloudfront_ids[run.one(DISTRIBUTION, "-public-cdn").urn])
    assert public["Distribution"]["DistributionConfig"]["DefaultCacheBehavior"]["TrustedKeyGroups"]["Quantity"] == 0
    controls = cloudfront.list_origin_access_controls()["OriginAccessControlList"]["Items"]
    assert len(controls) == 2
    for control in controls:
        assert (control["SigningProtocol"], control["SigningBehavior"], control["OriginAccessControlOriginType"]) == (
            "sigv4",
            "always",
            "s3",
        )
    assert sorted(applied.skipped_resources) == sorted(
        ["tls:index/privateKey:PrivateKey"] + ["aws:cloudfront/responseHeadersPolicy:ResponseHeadersPolicy"] * 2
    )
    assert {s["Sid"] for s in applied.skipped_statements} == {"DenyInsecureTransport", "CloudFrontReadsObjects"}


def test_a_private_link_signed_by_the_helper_verifies_against_the_trusted_key(cdn):
    run, applied, env, cloudfront = cdn
    key_id, public_pem = trusted_public_key(cloudfront, applied, run)
    assert key_id == env[names.AWS_CLOUDFRONT_KEY_ID]
    private = S3Storage(**storages_from_env(env)["private"]["OPTIONS"])
    started = time.time()
    url = private.url("invoices/2026/a.pdf")
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc, parts.path) == (
        "https",
        env[names.AWS_PRIVATE_S3_CUSTOM_DOMAIN],
        "/invoices/2026/a.pdf",
    )
    assert link_problem(url, public_pem, key_id) is None
    # The link keeps the configured expiry (Pulumi.dev-cdn.yaml: urlExpirySeconds 900).
    expires = int(parse_qs(parts.query)["Expires"][0])
    assert started + 900 - 5 <= expires <= time.time() + 900 + 5
    assert link_problem(url, public_pem, key_id, now=expires + 1) == f"expired at {expires}"


def test_a_link_signed_by_another_key_does_not_verify(cdn):
    run, applied, env, cloudfront = cdn
    key_id, public_pem = trusted_public_key(cloudfront, applied, run)
    other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    signer = CloudFrontSigner(key_id, lambda message: other.sign(message, padding.PKCS1v15(), hashes.SHA1()))
    url = signer.generate_presigned_url(
        f"https://{env[names.AWS_PRIVATE_S3_CUSTOM_DOMAIN]}/invoices/2026/a.pdf", date_less_than=_in(900)
    )
    assert link_problem(url, public_pem, key_id) == "the signature does not verify against the public key"


def test_a_tampered_link_does_not_verify(cdn):
    run, applied, env, cloudfront = cdn
    key_id, public_pem = trusted_public_key(cloudfront, applied, run)
    url = S3Storage(**storages_from_env(env)["private"]["OPTIONS"]).url("invoices/2026/a.pdf")
    assert link_problem(url.replace("/a.pdf", "/b.pdf"), public_pem, key_id) is not None
    expires = parse_qs(urlsplit(url).query)["Expires"][0]
    later = url.replace(f"Expires={expires}", f"Expires={int(expires) + 3600}")
    assert link_problem(later, public_pem, key_id) == "the signature does not verify against the public key"


def test_public_links_go_through_the_public_distribution_unsigned(cdn):
    env = cdn[2]
    public = S3Storage(**storages_from_env(env)["default"]["OPTIONS"])
    assert public.url("photos/a.jpg") == f"https://{env[names.AWS_S3_CUSTOM_DOMAIN]}/photos/a.jpg"


def test_the_exported_key_is_the_private_half_of_the_trusted_public_key(cdn):
    run, applied, env, cloudfront = cdn
    _, public_pem = trusted_public_key(cloudfront, applied, run)
    key = serialization.load_pem_private_key(env[names.AWS_CLOUDFRONT_KEY].encode(), password=None)
    derived = key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    assert derived.decode().strip() == public_pem.strip()


def _in(seconds: int) -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC) + datetime.timedelta(seconds=seconds)
