"""Other ways into a bucket than its own endpoint and policy: access points, the account-wide public
access block, and the website endpoint (issue 12, class 6).

An access point has its own policy and public access block, and S3 lets a request through an
access point when both the access point's and the bucket's policies allow it; a bucket policy
that delegates to access points (the pattern AWS recommends) leaves the access point's policy as
the only gate. So access point policies are judged like bucket policies, and none may let in
anyone: media is read anonymously through the bucket's own policy, never through an access
point. The account's public access block is the net under every bucket of the account, the
ones outside the program too.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pulumi_policy import (
    EnforcementLevel,
    PolicyConfigSchema,
    ReportViolation,
    StackValidationArgs,
    StackValidationPolicy,
)

from .aws_accounts import ALLOWED_PRINCIPALS_SCHEMA, TRUSTED_ACCOUNTS_SCHEMA, own_accounts, undeclared_principals
from .aws_s3 import ACCESS_POINT_TYPES, BUCKET_TYPES, WEBSITE_TYPES, blocks, bucket_label, flags_off
from .aws_statements import principals
from .resources import UNKNOWN, as_list, is_public, json_document, prop, statements
from .stack_index import stack_index

ACCESS_POINT_POLICY_TYPES = ("aws:s3control/accessPointPolicy:AccessPointPolicy",)
MULTI_REGION_ACCESS_POINT_TYPES = ("aws:s3control/multiRegionAccessPoint:MultiRegionAccessPoint",)
MULTI_REGION_POLICY_TYPES = ("aws:s3control/multiRegionAccessPointPolicy:MultiRegionAccessPointPolicy",)
OBJECT_LAMBDA_POLICY_TYPES = ("aws:s3control/objectLambdaAccessPointPolicy:ObjectLambdaAccessPointPolicy",)
ACCOUNT_BLOCK_TYPES = ("aws:s3/accountPublicAccessBlock:AccountPublicAccessBlock",)


class AccessPoint:
    """An access point with what it opens: the media it reaches and whether that media is public."""

    def __init__(self, resource: Any, bucket: Any | None, bucket_name: Any) -> None:
        self.resource, self.bucket, self.bucket_name = resource, bucket, bucket_name

    @property
    def target(self) -> str:
        if self.bucket is not None:
            return bucket_label(self.bucket)
        if isinstance(self.bucket_name, str):
            return f"bucket {self.bucket_name!r} (not declared, judged as private media)"
        return "media the pack cannot name (judged as private)"

    @property
    def public(self) -> bool:
        return self.bucket is not None and is_public(self.bucket.props) is True


def _access_points(args: StackValidationArgs) -> list[AccessPoint]:
    index = stack_index(args)
    found = []
    for resource in index.of_types(*ACCESS_POINT_TYPES):
        bucket = index.linked(resource, "bucket", BUCKET_TYPES, "bucket")
        found.append(AccessPoint(resource, bucket, prop(resource.props, "bucket")))
    return found


def _access_point_of(args: StackValidationArgs, policy: Any, points: list[AccessPoint]) -> AccessPoint | None:
    """The access point an `AccessPointPolicy` names by `accessPointArn` (by dependency or by its name)."""
    dependencies = {id(d) for d in policy.property_dependencies.get("accessPointArn", [])}
    arn = prop(policy.props, "accessPointArn")
    name = arn.rsplit("accesspoint/", 1)[-1] if isinstance(arn, str) and "accesspoint/" in arn else None
    return next(
        (p for p in points if id(p.resource) in dependencies or (name and prop(p.resource.props, "name") == name)),
        None,
    )


def _policies(args: StackValidationArgs) -> Iterator[tuple[Any, AccessPoint | None, Any]]:
    """(resource reported on, access point or None, policy document) of every access point policy."""
    points = _access_points(args)
    for point in points:
        if prop(point.resource.props, "policy") is not None:
            yield point.resource, point, prop(point.resource.props, "policy")
    for policy in stack_index(args).of_types(*ACCESS_POINT_POLICY_TYPES):
        yield policy, _access_point_of(args, policy, points), prop(policy.props, "policy")
    for policy in stack_index(args).of_types(*MULTI_REGION_POLICY_TYPES):
        yield policy, None, prop(policy.props, "details", "policy")
    # An Object Lambda access point serves what a supporting access point reads, transformed: judged as private.
    for policy in stack_index(args).of_types(*OBJECT_LAMBDA_POLICY_TYPES):
        yield policy, None, prop(policy.props, "policy")


def _check_access_points(args: StackValidationArgs, report: ReportViolation) -> None:
    own = own_accounts(args, args.get_config().get("trustedAccounts", []))
    _check_access_point_settings(args, report, own)
    _check_access_point_policies(args, report, own, args.get_config().get("allowedPrincipals", []))


def _check_access_point_settings(args: StackValidationArgs, report: ReportViolation, own: set[str]) -> None:
    for point in _access_points(args):
        resource = point.resource
        off = flags_off(resource.props, "publicAccessBlockConfiguration", default=True)
        if off:
            report(
                f"Access point {resource.name} on {point.target} leaves {', '.join(off)} of its public access block "
                "off: leave publicAccessBlockConfiguration out (all true) or set every flag to true.",
                resource.urn,
            )
        for key in ("accountId", "bucketAccountId"):
            account = prop(resource.props, key)
            if isinstance(account, str) and account not in own:
                report(
                    f"Access point {resource.name} on {point.target} has {key} {account}, which is not one of the "
                    "program's own accounts: an access point of another account lets that account decide who reads "
                    "the media. Create it in your account, or list the account in trustedAccounts if it is yours.",
                    resource.urn,
                )
    for resource in stack_index(args).of_types(*MULTI_REGION_ACCESS_POINT_TYPES):
        for region in blocks(prop(resource.props, "details", "regions", default=[])):
            account = region.get("bucketAccountId") if isinstance(region, dict) else None
            if isinstance(account, str) and account not in own:
                report(
                    f"Multi-Region Access Point {resource.name} routes requests to bucket {region.get('bucket')!r} of "
                    f"AWS account {account}, which is not one of the program's own accounts: whoever holds it receives "
                    "the media written and serves what is read through the access point. Route only to buckets of "
                    "your accounts, or list the account in trustedAccounts if it is yours.",
                    resource.urn,
                )
        block = prop(resource.props, "details", "publicAccessBlock", default={})
        off = flags_off(block, default=True)
        if off:
            report(
                f"Multi-Region Access Point {resource.name} leaves {', '.join(off)} of its public access block off: "
                "leave publicAccessBlock out (all true) or set every flag to true.",
                resource.urn,
            )


def _check_access_point_policies(
    args: StackValidationArgs, report: ReportViolation, own: set[str], allowed: list[str]
) -> None:
    for resource, point, source in _policies(args):
        target = point.target if point is not None else "media the pack cannot name (judged as private)"
        if source is UNKNOWN:
            continue
        for statement in statements(json_document(source) or {}):
            if statement.get("Effect") != "Allow":
                continue
            who = principals(statement)
            actions = as_list(statement.get("Action")) or "NotAction"
            if who.anonymous:
                report(
                    f"The policy of {resource.name} grants anonymous {actions} through an access point to {target}: "
                    "media is never read anonymously through an access point (public media is read through its "
                    "bucket's policy); name the principals.",
                    resource.urn,
                )
            for account in sorted(who.accounts - own):
                report(
                    f"The policy of {resource.name} lets AWS account {account} into {target} through an access point, "
                    "which is not one of the program's own accounts: remove the grant, or list the account in "
                    "trustedAccounts if it is yours.",
                    resource.urn,
                )
            if point is None or not point.public:
                for subject, fix in undeclared_principals(args, who, own, allowed):
                    report(
                        f"The policy of {resource.name} lets {subject} into {target} through an access point: {fix}.",
                        resource.urn,
                    )
                for other in who.others:
                    report(
                        f"The policy of {resource.name} grants {other} {actions} on {target} through an access point: "
                        "remove the grant.",
                        resource.urn,
                    )


access_points_private = StackValidationPolicy(
    name="s3-access-points-private",
    description=(
        "Access points (aws.s3.AccessPoint with its policy, aws.s3control.AccessPointPolicy, Multi-Region and Object "
        "Lambda Access Point policies) on media keep their public access block fully on, belong to (and a Multi-Region "
        "Access Point routes only to buckets of) one of the program's own accounts, and their policies grant "
        'nothing to "*" (not pinned to an own account), to '
        "other accounts, or to service or federated principals on private media; on private media, principals of "
        "own accounts are roles or users the program creates (or listed in allowedPrincipals), not the account root "
        'or a "*" pinned only by aws:PrincipalAccount. List your other accounts in trustedAccounts.'
    ),
    enforcement_level=EnforcementLevel.MANDATORY,
    config_schema=PolicyConfigSchema(
        properties={"trustedAccounts": TRUSTED_ACCOUNTS_SCHEMA, "allowedPrincipals": ALLOWED_PRINCIPALS_SCHEMA}
    ),
    validate=_check_access_points,
)


def _check_account_block(args: StackValidationArgs, report: ReportViolation) -> None:
    buckets = stack_index(args).of_types(*BUCKET_TYPES)
    # Anonymous reads of a public bucket need the account to allow public policies as well.
    public_media = any(is_public(bucket.props) is True for bucket in buckets)
    for block in stack_index(args).of_types(*ACCOUNT_BLOCK_TYPES):
        off = flags_off(block.props)  # each flag is off unless set
        if public_media:
            off = [flag for flag in off if flag in ("blockPublicAcls", "ignorePublicAcls")]
        if off:
            reason = (
                "; the program's public buckets need only blockPublicPolicy and restrictPublicBuckets off"
                if public_media
                else ", and the program declares no public bucket that would need any off"
            )
            report(
                f"The account public access block {block.name} leaves {', '.join(off)} off, which exposes every "
                f"bucket of the account the program does not declare{reason}: set them to true.",
                block.urn,
            )


account_blocks_public_access = StackValidationPolicy(
    name="s3-account-blocks-public-access",
    description=(
        "An AccountPublicAccessBlock (its flags default to false) sets blockPublicAcls and ignorePublicAcls true, and "
        "blockPublicPolicy and restrictPublicBuckets true unless the program declares a bucket tagged "
        "media-storage:visibility=public: it guards every bucket of the account, those outside the program too."
    ),
    enforcement_level=EnforcementLevel.MANDATORY,
    validate=_check_account_block,
)


def _check_website(args: StackValidationArgs, report: ReportViolation) -> None:
    index = stack_index(args)
    for bucket in index.of_types(*BUCKET_TYPES):
        if is_public(bucket.props) is not False:
            continue
        inline = [key for key in ("website", "websites") if prop(bucket.props, key) not in (None, "", [], {})]
        configurations = [r.name for r in index.attached(bucket, WEBSITE_TYPES, "bucket", BUCKET_TYPES, "bucket")]
        for name in inline + configurations:
            report(
                f"{bucket_label(bucket)} is private but has a website configuration ({name}): the website endpoint "
                "serves anonymous plain-http requests. Remove it; serve private media through signed links.",
                bucket.urn,
            )
    for resource in index.of_types(*WEBSITE_TYPES):
        name = prop(resource.props, "bucket")
        if isinstance(name, str) and index.linked(resource, "bucket", BUCKET_TYPES, "bucket") is None:
            report(
                f"{resource.name} hosts a website on bucket {name!r}, which the program does not declare and the "
                "pack judges as private media: remove it, or declare the bucket tagged "
                "media-storage:visibility=public.",
                resource.urn,
            )


private_bucket_no_website = StackValidationPolicy(
    name="s3-private-bucket-no-website",
    description=(
        "Do not host a website (BucketWebsiteConfiguration, the Bucket's inline website) on a private bucket: the "
        "website endpoint answers anonymous plain-http requests. It serves only what a public policy or ACL "
        "opens, which the mandatory policies refuse, so this is advisory. Remove it."
    ),
    enforcement_level=EnforcementLevel.ADVISORY,
    validate=_check_website,
)

POLICIES = [access_points_private, account_blocks_public_access, private_bucket_no_website]
