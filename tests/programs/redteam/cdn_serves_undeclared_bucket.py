"""Class 4 (undeclared bucket by literal name): a CloudFront distribution with an origin access control serves
`corp-legacy-private.s3.us-east-1.amazonaws.com`, a bucket the program does not declare (private by the
pack's default), with no trusted key groups (unsigned requests).

Why it is dangerous: if the existing bucket's policy lets this account's distributions read (the common
`AWS:SourceArn arn:aws:cloudfront::<account>:distribution/*` form, or one added out of band), every private
object is served to the internet. Why it passed (before the fix, red-team review): `cloudfront-private-media-signed-links` only considers
origins that are buckets the program declares (`served_buckets(distribution, buckets)`); an origin domain
naming an undeclared bucket is neither judged as private media nor reported by
`s3-configures-declared-buckets` (which only reads `bucket` inputs of S3 resource types).

Caught by: `s3-configures-declared-buckets` or `cloudfront-private-media-signed-links`, mandatory (an origin
naming an undeclared bucket is private media served unsigned, or cannot be judged).
"""

import pulumi_aws as aws
from _baseline import ACCOUNT, app_role, secure_bucket


def program() -> None:
    aws.Provider("main", allowed_account_ids=[ACCOUNT], region="us-east-1")
    secure_bucket("media")
    app_role()
    oac = aws.cloudfront.OriginAccessControl(
        "legacy-oac",
        name="corp-legacy-oac",
        origin_access_control_origin_type="s3",
        signing_behavior="always",
        signing_protocol="sigv4",
    )
    aws.cloudfront.Distribution(
        "legacy-cdn",
        enabled=True,
        origins=[
            {
                "domain_name": "corp-legacy-private.s3.us-east-1.amazonaws.com",
                "origin_id": "legacy",
                "origin_access_control_id": oac.id,
            }
        ],
        default_cache_behavior={
            "target_origin_id": "legacy",
            "viewer_protocol_policy": "redirect-to-https",
            "allowed_methods": ["GET", "HEAD"],
            "cached_methods": ["GET", "HEAD"],
            "cache_policy_id": "658327ea-f89d-4fab-a63d-7e88639e58f6",
        },
        restrictions={"geo_restriction": {"restriction_type": "none"}},
        viewer_certificate={"cloudfront_default_certificate": True},
    )
