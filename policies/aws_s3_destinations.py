"""Where a bucket's data may go: replication, inventory and analytics exports, access logs, and the
key that encrypts it (issue 12, class 6).

Each of these copies media, its key names or the requests made to it (access logs hold every
request's URI, presigned query strings included) into another bucket, or hands the media's
encryption to a KMS key. A destination is acceptable only when the pack can judge it: a bucket
the program declares, private when what it receives is private, in one of the program's own
accounts (`aws_accounts`); anything else is exfiltration or a takeover (a foreign key's owner can
make the media unreadable), so these policies are mandatory. A destination the program cannot
declare (a central log archive) is listed in `allowedDestinationBuckets`, its account in
`trustedAccounts`.
"""

from __future__ import annotations

import re
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
from .aws_s3 import (
    ANALYTICS_TYPES,
    BUCKET_TYPES,
    ENCRYPTION_TYPES,
    INVENTORY_TYPES,
    LOGGING_TYPES,
    REPLICATION_TYPES,
    blocks,
    bucket_label,
)
from .aws_statements import Principals, account_of, principals
from .resources import UNKNOWN, is_public, json_document, prop, statements
from .stack_index import stack_index

KEY_TYPES = ("aws:kms/key:Key",)
KEY_POLICY_TYPES = ("aws:kms/keyPolicy:KeyPolicy",)
ALIAS_TYPE = "aws:kms/alias:Alias"
DISTRIBUTION_TYPE = "aws:cloudfront/distribution:Distribution"
LOG_DELIVERY_DESTINATION_TYPE = "aws:cloudwatch/logDeliveryDestination:LogDeliveryDestination"
S3_DOMAIN = re.compile(r"(?P<bucket>[a-z0-9.-]+)\.s3([.-][a-z0-9-]+)*\.amazonaws\.com(\.cn)?")
"""A bucket's domain name, as CloudFront's standard logging (v1) names its log bucket."""

DESTINATION_BUCKETS_SCHEMA = {
    "type": "array",
    "items": {"type": "string", "pattern": "^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$"},
    "default": [],
    "description": (
        "Names of buckets the program does not declare that may receive data of its buckets (e.g. an "
        "organisation's log archive); their accounts must still be own or in trustedAccounts."
    ),
}


class Source:
    """A bucket whose data goes somewhere: declared (`bucket`) or only named by a configuration; or
    another resource whose logs record requests for media (`label` names it)."""

    def __init__(self, bucket: Any | None, name: Any, via: Any, label: str | None = None) -> None:
        self.bucket, self.name, self.via, self._label = bucket, name, via, label

    @property
    def label(self) -> str:
        if self._label is not None:
            return self._label
        return bucket_label(self.bucket) if self.bucket is not None else f"Bucket {self.name!r}"

    @property
    def kind(self) -> str:
        """What makes its data private, for a message."""
        return "records requests for media" if self._label is not None else "is private"

    @property
    def public(self) -> bool | None:
        """Public only when tagged so; a bucket the program does not declare is judged as private."""
        return is_public(self.bucket.props) if self.bucket is not None else False


def _sources(args: StackValidationArgs, types: tuple[str, ...], inline: tuple[str, ...] = ()) -> Iterator[Source]:
    """Each configuration of `types` with the bucket it configures, then each bucket with an inline
    argument `inline` (the configuration is then the bucket itself)."""
    index = stack_index(args)
    for resource in index.of_types(*types):
        bucket = index.linked(resource, "bucket", BUCKET_TYPES, "bucket")
        name = prop(resource.props, "bucket") if bucket is None else prop(bucket.props, "bucket")
        if bucket is None and not isinstance(name, str):
            continue  # not known yet (a preview)
        yield Source(bucket, name, resource)
    if inline:
        for bucket in index.of_types(*BUCKET_TYPES):
            if any(prop(bucket.props, key) is not None for key in inline):
                yield Source(bucket, prop(bucket.props, "bucket"), bucket)


def _destination(args: StackValidationArgs, resource: Any, key: str, value: Any) -> Any | None:
    """The declared bucket that `value` (a bucket name or ARN inside `resource`'s input `key`) names;
    None if the program declares none such."""
    candidates = stack_index(args).candidates(BUCKET_TYPES, "bucket")
    name = value.split(":::", 1)[-1] if value.startswith("arn:") else value
    found = candidates.first_named(name)
    if found is not None:
        return found
    # A bucket without a known name (auto-named) that the input was computed from.
    unnamed = [
        d
        for d in resource.property_dependencies.get(key, [])
        if d in candidates and not isinstance(candidates.name_of(d), str)
    ]
    # Two such buckets: the riskier reading (a public one) is the one judged.
    return next((d for d in unnamed if is_public(d.props)), unnamed[0] if unnamed else None)


def _report_public_destination(report: ReportViolation, source: Source, what: str, target: Any) -> None:
    report(
        f"{source.label} {source.kind}, but sends its {what} to {bucket_label(target)}, which is public: "
        "send it to a private bucket.",
        source.via.urn,
    )


def _judge_destination(
    args: StackValidationArgs,
    report: ReportViolation,
    source: Source,
    *,
    what: str,
    key: str,
    bucket_value: Any,
    account_value: Any,
) -> None:
    """Report a destination outside the program, public while the source is private, or in an account
    that is not the program's."""
    config = args.get_config()
    own = own_accounts(args, config.get("trustedAccounts", []))
    allowed = set(config.get("allowedDestinationBuckets", []))
    urn = source.via.urn
    if bucket_value is UNKNOWN and source.public is False:
        # A first preview: the destination's name is not known yet, the buckets it is computed from are.
        candidates = stack_index(args).candidates(BUCKET_TYPES, "bucket")
        computed = [
            d for d in source.via.property_dependencies.get(key, []) if d in candidates and d is not source.bucket
        ]
        target = next((d for d in computed if is_public(d.props)), None)
        if target is not None:
            _report_public_destination(report, source, what, target)
    if isinstance(bucket_value, str):
        target = _destination(args, source.via, key, bucket_value)
        name = bucket_value.split(":::", 1)[-1]
        if target is None and name not in allowed:
            report(
                f"{source.label} sends its {what} to bucket {name!r}, which the program does not declare, so the "
                "pack cannot judge who reads it: send it to a private bucket the program declares, or list the "
                "bucket in allowedDestinationBuckets if it is yours.",
                urn,
            )
        elif target is not None and source.public is False and is_public(target.props):
            _report_public_destination(report, source, what, target)
        arn_account = account_of(bucket_value) if bucket_value.startswith("arn:") else None
        if arn_account and not arn_account.startswith("unknown:") and arn_account not in own:
            report(
                f"{source.label} sends its {what} to {bucket_value}, in AWS account {arn_account}, which is not one "
                "of the program's own accounts: send it to a bucket of your account, or list the account in "
                "trustedAccounts if it is yours.",
                urn,
            )
    if isinstance(account_value, str) and account_value not in own:
        report(
            f"{source.label} sends its {what} to AWS account {account_value}, which is not one of the program's own "
            "accounts (the providers' allowedAccountIds, accounts of ARNs of resources it creates, trustedAccounts): "
            "send it to your own account, or list the account in trustedAccounts if it is yours.",
            urn,
        )


# --- replication -------------------------------------------------------------------------------


def _report_replication_role(args: StackValidationArgs, report: ReportViolation, source: Source, role: Any) -> None:
    """The role S3 replicates private media as reads all of it: one the program does not create cannot be judged."""
    if not isinstance(role, str):
        return
    config = args.get_config()
    own = own_accounts(args, config.get("trustedAccounts", []))
    named = Principals(named=[role])
    for subject, fix in undeclared_principals(args, named, own, config.get("allowedPrincipals", [])):
        report(
            f"{source.label} is private and replicates as the role {subject}, which holds read access to all of its "
            f"media: {fix}.",
            source.via.urn,
        )
    if account_of(role) not in own:
        report(
            f"{source.label} is private and replicates as the role {role} of AWS account "
            f"{account_of(role).removeprefix('unknown:')}, which is not one of the program's own accounts: use a role "
            "of your account the program creates, or list the account in trustedAccounts if it is yours.",
            source.via.urn,
        )


def _check_replication(args: StackValidationArgs, report: ReportViolation) -> None:
    inline = ("replicationConfiguration", "replicationConfigurations")
    for source in _sources(args, REPLICATION_TYPES, inline):
        if source.public is not False:
            continue  # public media may be copied anywhere; unknown visibility waits for the update
        if source.via is source.bucket:
            key = next(k for k in inline if prop(source.bucket.props, k) is not None)
            rules = blocks(prop(source.bucket.props, key), "rules")
            roles = blocks(prop(source.bucket.props, key), "role")
        else:
            key = "rules"
            rules = blocks(prop(source.via.props, "rules"))
            roles = [prop(source.via.props, "role")]
        # A disabled rule copies nothing; enabling it is judged on that update.
        enabled = [rule for rule in rules if not (isinstance(rule, dict) and rule.get("status") == "Disabled")]
        for role in roles if enabled else []:
            _report_replication_role(args, report, source, role)
        for destination in blocks(enabled, ("destination", "destinations")):
            if destination is UNKNOWN:  # a first preview: judged by the buckets it is computed from
                _judge_destination(
                    args, report, source, what="replicas", key=key, bucket_value=UNKNOWN, account_value=None
                )
            if not isinstance(destination, dict):
                continue
            account = destination.get("account", destination.get("accountId"))
            target = destination.get("bucket")
            _judge_destination(
                args, report, source, what="replicas", key=key, bucket_value=target, account_value=account
            )


replication_stays_in_program = StackValidationPolicy(
    name="s3-replication-stays-in-program",
    description=(
        "Replicate a private bucket (BucketReplicationConfig, or the Bucket's inline replicationConfiguration) only "
        "to a private bucket the program declares, in one of its own accounts: a replica elsewhere is a copy of the "
        "media nobody judges. List a bucket that is yours but not declared in allowedDestinationBuckets, and its "
        "account in trustedAccounts. The replication role (it reads all the media) is one the program creates, or "
        "listed in allowedPrincipals."
    ),
    enforcement_level=EnforcementLevel.MANDATORY,
    config_schema=PolicyConfigSchema(
        properties={
            "trustedAccounts": TRUSTED_ACCOUNTS_SCHEMA,
            "allowedDestinationBuckets": DESTINATION_BUCKETS_SCHEMA,
            "allowedPrincipals": ALLOWED_PRINCIPALS_SCHEMA,
        }
    ),
    validate=_check_replication,
)


# --- inventory, analytics exports, access logs --------------------------------------------------


def _check_exports(args: StackValidationArgs, report: ReportViolation) -> None:
    for source in _sources(args, INVENTORY_TYPES):
        if prop(source.via.props, "enabled") is False:
            continue  # delivers nothing; enabling it is judged on that update
        for destination in blocks(prop(source.via.props, "destination"), "bucket"):
            if isinstance(destination, dict):
                bucket, account = destination.get("bucketArn"), destination.get("accountId")
                _judge_destination(
                    args,
                    report,
                    source,
                    what="inventory",
                    key="destination",
                    bucket_value=bucket,
                    account_value=account,
                )
    for source in _sources(args, ANALYTICS_TYPES):
        path = ("dataExport", "destination", "s3BucketDestination")
        for destination in blocks(prop(source.via.props, "storageClassAnalysis"), *path):
            if isinstance(destination, dict):
                bucket, account = destination.get("bucketArn"), destination.get("bucketAccountId")
                _judge_destination(
                    args,
                    report,
                    source,
                    what="analytics export",
                    key="storageClassAnalysis",
                    bucket_value=bucket,
                    account_value=account,
                )
    _check_access_logs(args, report)
    _check_request_logs(args, report)


def _check_access_logs(args: StackValidationArgs, report: ReportViolation) -> None:
    for source in _sources(args, LOGGING_TYPES, ("logging", "loggings")):
        if source.via is source.bucket:
            for key in ("logging", "loggings"):
                for logging in blocks(prop(source.bucket.props, key)):
                    if isinstance(logging, dict):
                        target = logging.get("targetBucket")
                        _judge_destination(
                            args, report, source, what="access logs", key=key, bucket_value=target, account_value=None
                        )
        else:
            target = prop(source.via.props, "targetBucket")
            _judge_destination(
                args, report, source, what="access logs", key="targetBucket", bucket_value=target, account_value=None
            )
            for grant in blocks(prop(source.via.props, "targetGrants", default=[])):
                grantee = grant.get("grantee") if isinstance(grant, dict) else None
                if isinstance(grantee, dict):
                    who = grantee.get("uri") or grantee.get("id") or grantee.get("emailAddress") or grantee.get("type")
                    report(
                        f"{source.label}: {source.via.name} grants {who} {grant.get('permission')} on the access log "
                        "objects it delivers (targetGrants), which hold every request's URI, presigned links "
                        "included; the pack cannot judge that grantee: remove targetGrants and let the log bucket's "
                        "owner (ACLs disabled) and its policy decide who reads the logs.",
                        source.via.urn,
                    )


def _check_request_logs(args: StackValidationArgs, report: ReportViolation) -> None:
    """CloudFront standard logging (v1, `loggingConfig.bucket`) and CloudWatch Logs deliveries into S3: both
    record every request for media, signed links included, so their bucket is judged as a private bucket's."""
    index = stack_index(args)
    for distribution in index.of_types(DISTRIBUTION_TYPE):
        domain = prop(distribution.props, "loggingConfig", "bucket")
        if isinstance(domain, str):
            source = Source(None, None, distribution, label=f"Distribution {distribution.name}")
            match = S3_DOMAIN.fullmatch(domain)
            target = match.group("bucket") if match else domain
            _judge_destination(
                args, report, source, what="access logs", key="loggingConfig", bucket_value=target, account_value=None
            )
    for destination in index.of_types(LOG_DELIVERY_DESTINATION_TYPE):
        arn = prop(destination.props, "deliveryDestinationConfiguration", "destinationResourceArn")
        if isinstance(arn, str) and arn.startswith("arn:aws") and ":s3:::" in arn:
            source = Source(None, None, destination, label=f"Log delivery destination {destination.name}")
            _judge_destination(
                args,
                report,
                source,
                what="delivered logs",
                key="deliveryDestinationConfiguration",
                bucket_value=arn,
                account_value=None,
            )


exports_stay_in_program = StackValidationPolicy(
    name="s3-exports-stay-in-program",
    description=(
        "Send a bucket's inventory (Inventory), analytics export (AnalyticsConfiguration) and access logs "
        "(BucketLogging, or the Bucket's inline logging), and CloudFront's logs (loggingConfig, or a CloudWatch Logs "
        "delivery destination in S3) only to a bucket the program declares, private when the bucket is (always for "
        "CloudFront's), in one of its own accounts: inventories list every key and access logs hold every request's "
        "URI, presigned links included; no targetGrants on delivered logs. List a bucket that is yours but not "
        "declared in allowedDestinationBuckets, "
        "its account in trustedAccounts."
    ),
    enforcement_level=EnforcementLevel.MANDATORY,
    config_schema=PolicyConfigSchema(
        properties={"trustedAccounts": TRUSTED_ACCOUNTS_SCHEMA, "allowedDestinationBuckets": DESTINATION_BUCKETS_SCHEMA}
    ),
    validate=_check_exports,
)


# --- encryption keys ---------------------------------------------------------------------------


def _foreign_key(args: StackValidationArgs, key_id: Any) -> str | None:
    """The account of a KMS key ARN that is not one of the program's own; None for an own key, a key
    id or alias (resolved in the bucket's own account) or a value not known yet."""
    if not isinstance(key_id, str) or not key_id.startswith("arn:"):
        return None
    account = account_of(key_id)
    own = own_accounts(args, args.get_config().get("trustedAccounts", []))
    return None if account in own else account.removeprefix("unknown:")


class KeyUse:
    """One encryption block naming a KMS key: the bucket, the block, what it encrypts and the input it sits in."""

    def __init__(self, source: Source, block: Any, what: str, key: str) -> None:
        self.source, self.block, self.what, self.key = source, block, what, key

    @property
    def key_id(self) -> Any:
        return (
            self.block.get("kmsMasterKeyId", self.block.get("replicaKmsKeyId"))
            if isinstance(self.block, dict)
            else None
        )

    def keys_of_program(self, args: StackValidationArgs) -> list[Any]:
        """The program's KMS keys the block's input was computed from (policies see inputs only, where a key's
        ARN is an output: a key the program creates is named by reference)."""
        index = stack_index(args)
        used = self.key_id
        dependencies = self.source.via.property_dependencies.get(self.key, [])
        # A dependency never vouches for a known value naming another key (`key.arn.apply(lambda _: other)`).
        found = [
            k
            for k in index.of_types(*KEY_TYPES)
            if any(k is d for d in dependencies)
            and (not isinstance(used, str) or used in (prop(k.props, "arn"), prop(k.props, "keyId")))
        ]
        # Or an alias of the program (`alias.arn`, `alias/NAME`) for a key of the program.
        for alias in index.of_types(ALIAS_TYPE):
            named = (prop(alias.props, "arn"), prop(alias.props, "name"))
            if (any(alias is d for d in dependencies) and not isinstance(used, str)) or (
                isinstance(used, str) and used in named
            ):
                targets = alias.property_dependencies.get("targetKeyId", [])
                found += [k for k in index.of_types(*KEY_TYPES) if any(k is d for d in targets)]
        return found


def _encryption_blocks(args: StackValidationArgs) -> Iterator[KeyUse]:
    """Every default encryption and replica encryption block that may name a KMS key."""
    defaults = ("applyServerSideEncryptionByDefault", "applyServerSideEncryptionByDefaults")
    for source in _sources(args, ENCRYPTION_TYPES):
        for rule in blocks(prop(source.via.props, "rules"), defaults):
            yield KeyUse(source, rule, "default encryption", "rules")
    inline = ("serverSideEncryptionConfiguration", "serverSideEncryptionConfigurations")
    for source in _sources(args, (), inline):
        for key in inline:
            for rule in blocks(prop(source.bucket.props, key), ("rule", "rules"), defaults):
                yield KeyUse(source, rule, "default encryption", key)
    for source in _sources(args, REPLICATION_TYPES):
        for configuration in blocks(prop(source.via.props, "rules"), "destination", "encryptionConfiguration"):
            yield KeyUse(source, configuration, "replicas' encryption", "rules")
    inline = ("replicationConfiguration", "replicationConfigurations")
    for source in _sources(args, (), inline):
        for key in inline:
            for destination in blocks(prop(source.bucket.props, key), "rules", ("destination", "destinations")):
                yield KeyUse(source, destination, "replicas' encryption", key)


def _key_policies(args: StackValidationArgs, key: Any) -> list[tuple[Any, Any]]:
    """(resource, policy document) of a key's inline policy and of the KeyPolicy resources that set it."""
    found = [(key, prop(key.props, "policy"))] if prop(key.props, "policy") is not None else []
    for resource in stack_index(args).of_types(*KEY_POLICY_TYPES):
        if any(key is d for d in resource.property_dependencies.get("keyId", [])):
            found.append((resource, prop(resource.props, "policy")))
    return found


def _check_media_key_policies(args: StackValidationArgs, report: ReportViolation, own: set[str]) -> None:
    media_keys = {id(k): k for use in _encryption_blocks(args) for k in use.keys_of_program(args)}
    for key in media_keys.values():
        for resource, source in _key_policies(args, key):
            for statement in statements(json_document(source) or {}):
                if statement.get("Effect") != "Allow":
                    continue
                who = principals(statement)
                if who.anonymous:
                    report(
                        f"{resource.name} lets anyone use the KMS key {key.name}, which encrypts media: name the "
                        "principals (this account's root or roles), or pin aws:PrincipalAccount to your account.",
                        resource.urn,
                    )
                for account in sorted(who.accounts - own):
                    report(
                        f"{resource.name} lets AWS account {account} use or administer the KMS key {key.name}, which "
                        "encrypts media and is not one of the program's own accounts: that account could decrypt it "
                        "or make it unreadable. Remove the grant, or list the account in trustedAccounts if it is "
                        "yours.",
                        resource.urn,
                    )


def _aws_managed(key_id: str) -> bool:
    """An AWS managed key (`alias/aws/s3`, by name or ARN): its key policy is AWS's, for this account's S3 only."""
    return key_id.split(":", 5)[-1].startswith("alias/aws/")


def _check_encryption_keys(args: StackValidationArgs, report: ReportViolation) -> None:
    _check_media_key_policies(args, report, own_accounts(args, args.get_config().get("trustedAccounts", [])))
    allowed = set(args.get_config().get("allowedKmsKeys", []))
    for use in _encryption_blocks(args):
        if use.keys_of_program(args):
            continue  # a key the program creates (its key policy is judged above)
        account = _foreign_key(args, use.key_id)
        if account is not None:
            report(
                f"{use.source.label} uses the KMS key {use.key_id} for its {use.what}, in AWS account {account}, which "
                "is not one of the program's own accounts: whoever holds that key can make the media unreadable. Use "
                "a key of your account (declared in the program, or AES256), or list the account in trustedAccounts "
                "if it is yours.",
                use.source.via.urn,
            )
        elif isinstance(use.key_id, str) and use.key_id and not _aws_managed(use.key_id) and use.key_id not in allowed:
            # Fail closed: a key of an own account the program does not create has a key policy nobody judges.
            report(
                f"{use.source.label} uses the KMS key {use.key_id} for its {use.what}, which the program does not "
                "create, so its key policy (who may decrypt the media, disable the key or schedule its deletion) "
                "cannot be judged: declare the key as an aws.kms.Key (adopt an existing one with the import_ resource "
                "option), use AES256 or the AWS managed alias/aws/s3, or list the key exactly as written in "
                "allowedKmsKeys.",
                use.source.via.urn,
            )


encryption_key_own_account = StackValidationPolicy(
    name="s3-encryption-key-own-account",
    description=(
        "Encrypt buckets (BucketServerSideEncryptionConfiguration, the Bucket's inline configuration, replicas) only "
        "with AES256 or a KMS key of one of the program's own accounts, whose key policy (inline or KeyPolicy) lets "
        'in no other account and not "*": whoever controls the key decides who may decrypt the media and can make '
        "it unreadable. A key the program does not create (a key id, alias or ARN of an own account; not the AWS "
        "managed alias/aws/s3) fails closed unless listed in allowedKmsKeys. List your other accounts in "
        "trustedAccounts."
    ),
    enforcement_level=EnforcementLevel.MANDATORY,
    config_schema=PolicyConfigSchema(
        properties={
            "trustedAccounts": TRUSTED_ACCOUNTS_SCHEMA,
            "allowedKmsKeys": {
                "type": "array",
                "items": {"type": "string", "pattern": "^[^*?]+$", "minLength": 1},
                "default": [],
                "description": (
                    "KMS keys the program does not create that may encrypt its buckets, exactly as the program names "
                    "them (key id, alias/NAME or ARN): you vouch for their key policies."
                ),
            },
        }
    ),
    validate=_check_encryption_keys,
)

POLICIES = [replication_stays_in_program, exports_stay_in_program, encryption_key_own_account]
