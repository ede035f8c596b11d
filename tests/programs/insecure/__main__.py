"""Raw pulumi_aws / pulumi_azure_native resources with the mistakes the policy pack exists for."""

import json

import pulumi
import pulumi_aws as aws
import pulumi_azure_native as azure_native

# A secure: value the offline check cannot decrypt; it must still run.
pulumi.Config().require_secret("apiToken")

# An untagged bucket counts as private media.
uploads = aws.s3.Bucket("uploads", bucket="insecure-uploads")
aws.s3.BucketPolicy(
    "uploads-policy",
    bucket=uploads.id,
    policy=uploads.arn.apply(
        lambda arn: json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": f"{arn}/*"},
                    {
                        "Effect": "Allow",
                        "Principal": {"AWS": "arn:aws:iam::999999999999:root"},
                        "Action": "s3:PutObject",
                        "Resource": f"{arn}/*",
                    },
                ],
            }
        )
    ),
)
aws.s3.BucketAcl("uploads-acl", bucket=uploads.id, acl="public-read")
aws.s3.BucketCorsConfiguration(
    "uploads-cors",
    bucket=uploads.id,
    cors_rules=[{"allowed_origins": ["*"], "allowed_methods": ["GET"]}],
)
app = aws.iam.User("app", name="insecure-app")
aws.iam.UserPolicy(
    "app-policy",
    user=app.name,
    policy=json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}),
)

# Exfiltration, takeover and data-loss paths (issue 12, classes 6 and 7).
aws.s3.BucketPolicy(
    "uploads-second-policy",
    bucket=uploads.id,
    policy=uploads.arn.apply(
        lambda arn: json.dumps(
            {"Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:DeleteBucket", "Resource": arn}]}
        )
    ),
)
aws.s3.BucketReplicationConfig(
    "uploads-replication",
    bucket=uploads.id,
    role="arn:aws:iam::999999999999:role/replicator",
    rules=[{"status": "Enabled", "destination": {"bucket": "arn:aws:s3:::outside-replica", "account": "999999999999"}}],
)
aws.s3.BucketLogging("uploads-logging", bucket=uploads.id, target_bucket="outside-logs", target_prefix="uploads/")
aws.s3.BucketServerSideEncryptionConfiguration(
    "uploads-encryption",
    bucket=uploads.id,
    rules=[
        {
            "apply_server_side_encryption_by_default": {
                "sse_algorithm": "aws:kms",
                "kms_master_key_id": "arn:aws:kms:us-east-1:999999999999:key/1234abcd-12ab-34cd-56ef-1234567890ab",
            }
        }
    ],
)
aws.s3.AccessPoint(
    "uploads-access-point", bucket=uploads.id, public_access_block_configuration={"block_public_policy": False}
)
aws.s3.AccountPublicAccessBlock("account-block", block_public_acls=True)
aws.s3.BucketLifecycleConfiguration(
    "uploads-lifecycle",
    bucket=uploads.id,
    rules=[{"id": "expire-everything", "status": "Enabled", "filter": {}, "expiration": {"days": 1}}],
)

group = azure_native.resources.ResourceGroup("group")
account = azure_native.storage.StorageAccount(
    "account",
    account_name="insecuremedia",
    resource_group_name=group.name,
    kind="StorageV2",
    sku={"name": "Standard_LRS"},
    allow_blob_public_access=True,
    minimum_tls_version="TLS1_0",
)
azure_native.storage.BlobContainer(
    "container",
    account_name=account.name,
    resource_group_name=group.name,
    public_access="Container",
)
azure_native.storage.BlobServiceProperties(
    "blob-service",
    account_name=account.name,
    resource_group_name=group.name,
    cors={
        "cors_rules": [
            {
                "allowed_origins": ["*"],
                "allowed_methods": ["GET"],
                "allowed_headers": ["*"],
                "exposed_headers": ["*"],
                "max_age_in_seconds": 60,
            }
        ]
    },
)
identity = azure_native.managedidentity.UserAssignedIdentity(
    "identity", resource_group_name=group.name, tags={"media-storage:app": "insecure"}
)
azure_native.authorization.RoleAssignment(
    "identity-everything",
    principal_id=identity.principal_id,
    role_definition_id="/subscriptions/00000000-0000-4000-8000-000000000000/providers/Microsoft.Authorization/"
    "roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c",
    scope="/subscriptions/00000000-0000-4000-8000-000000000000",
)
# Keyless trusts that let other workloads in: Pod Identity for any account, IRSA for any
# service account, a federated credential for an issuer nobody vetted.
aws.iam.Role(
    "workloads",
    name="insecure-workloads",
    assume_role_policy=json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Principal": {"Service": "pods.eks.amazonaws.com"},
                    "Action": ["sts:AssumeRole", "sts:TagSession"],
                },
                {
                    "Effect": "Allow",
                    "Principal": {
                        "Federated": "arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC"
                    },
                    "Action": "sts:AssumeRoleWithWebIdentity",
                    "Condition": {
                        "StringLike": {"oidc.eks.eu-west-1.amazonaws.com/id/ABC:sub": "system:serviceaccount:*"}
                    },
                },
            ],
        }
    ),
)
# Someone else's bucket (or one declared elsewhere), its public access block switched off.
aws.s3.BucketPublicAccessBlock(
    "elsewhere-block",
    bucket="someone-elses-media",
    block_public_acls=False,
    ignore_public_acls=False,
    block_public_policy=False,
    restrict_public_buckets=False,
)
# A role anyone may assume, holding S3 through an AWS managed policy.
aws.iam.Role(
    "anyones",
    assume_role_policy=json.dumps(
        {"Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"}]}
    ),
    managed_policy_arns=["arn:aws:iam::aws:policy/AmazonS3FullAccess"],
)
azure_native.managedidentity.FederatedIdentityCredential(
    "identity-anyone",
    resource_name_=identity.name,
    resource_group_name=group.name,
    issuer="https://token.actions.githubusercontent.com",
    subject="repo:someone/else:ref:refs/heads/main",
    audiences=["api://AzureADTokenExchange"],
)
# Other doors into the (untagged, so private) account: a stranger's data role, SFTP users, a static
# website, replication elsewhere, long SAS links and a lifecycle rule that deletes media after a day.
azure_native.authorization.RoleAssignment(
    "stranger-reads-blobs",
    principal_id="11111111-2222-4333-8444-555555555555",
    role_definition_id="/providers/Microsoft.Authorization/roleDefinitions/2a2b9908-6ea1-4ae2-8e65-a410df84e7d1",
    scope=account.id,
)
azure_native.storage.LocalUser(
    "sftp-user", account_name=account.name, resource_group_name=group.name, username="vendor", has_ssh_password=True
)
azure_native.storage.StorageAccountStaticWebsite(
    "website", account_name=account.name, resource_group_name=group.name, index_document="index.html"
)
azure_native.storage.ObjectReplicationPolicy(
    "copy-elsewhere",
    account_name=account.name,
    resource_group_name=group.name,
    object_replication_policy_id="default",
    source_account=account.name,
    destination_account="attackerbackup",
    rules=[{"source_container": "media", "destination_container": "loot"}],
)
azure_native.storage.StorageAccount(
    "long-links",
    account_name="insecurelinks",
    resource_group_name=group.name,
    kind="StorageV2",
    sku={"name": "Standard_LRS"},
    sas_policy={"sas_expiration_period": "365.00:00:00", "expiration_action": "Log"},
)
azure_native.storage.ManagementPolicy(
    "forget-everything",
    account_name=account.name,
    resource_group_name=group.name,
    management_policy_name="default",
    policy={
        "rules": [
            {
                "name": "wipe",
                "enabled": True,
                "type": "Lifecycle",
                "definition": {
                    "filters": {"blob_types": ["blockBlob"]},
                    "actions": {"base_blob": {"delete": {"days_after_modification_greater_than": 1}}},
                },
            }
        ]
    },
)
# A key someone else holds for the private account's uploads, and an account made from an ARM template.
azure_native.storage.EncryptionScope(
    "vendor-key",
    account_name=account.name,
    resource_group_name=group.name,
    encryption_scope_name="vendor",
    source="Microsoft.KeyVault",
    key_vault_properties={"key_uri": "https://vendor-keys.vault.azure.net/keys/media"},
)
azure_native.resources.Deployment(
    "template-account",
    resource_group_name=group.name,
    properties={
        "mode": "Incremental",
        "template": {"resources": [{"type": "Microsoft.Storage/storageAccounts", "name": "insecuretemplate"}]},
    },
)
# One identity for everything: the cluster's kubelet runs as the media identity.
azure_native.containerservice.ManagedCluster(
    "cluster",
    resource_group_name=group.name,
    dns_prefix="insecure",
    identity_profile={"kubeletidentity": {"resource_id": identity.id}},
)
# A CDN that serves private media to anyone, over plain http, with old TLS and CORS for every origin;
# the private bucket lets that distribution read it.
open_cors = aws.cloudfront.ResponseHeadersPolicy(
    "cdn-cors-anyone",
    name="insecure-cors",
    cors_config={
        "access_control_allow_credentials": False,
        "access_control_allow_headers": {"items": ["*"]},
        "access_control_allow_methods": {"items": ["GET"]},
        "access_control_allow_origins": {"items": ["*"]},
        "origin_override": True,
    },
)
unsigned_cdn = aws.cloudfront.Distribution(
    "cdn-unsigned",
    enabled=True,
    origins=[{"origin_id": "uploads", "domain_name": uploads.bucket_regional_domain_name}],
    default_cache_behavior={
        "target_origin_id": "uploads",
        "viewer_protocol_policy": "allow-all",
        "allowed_methods": ["GET", "HEAD"],
        "cached_methods": ["GET", "HEAD"],
        "cache_policy_id": "658327ea-f89d-4fab-a63d-7e88639e58f6",
        "response_headers_policy_id": open_cors.id,
    },
    restrictions={"geo_restriction": {"restriction_type": "none"}},
    aliases=["media.insecure.example.com"],
    viewer_certificate={
        "acm_certificate_arn": "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d",
        "ssl_support_method": "sni-only",
        "minimum_protocol_version": "TLSv1",
    },
)
# Front Door serving plain http, a custom domain on TLS 1.0, and CORS for every origin.
front_door = azure_native.cdn.Profile(
    "front-door", resource_group_name=group.name, location="global", sku={"name": "Standard_AzureFrontDoor"}
)
azure_native.cdn.Route(
    "front-door-http",
    route_name="media",
    endpoint_name="insecure",
    profile_name=front_door.name,
    resource_group_name=group.name,
    origin_group={"id": "origin-group"},
    supported_protocols=["Http", "Https"],
    https_redirect="Disabled",
    forwarding_protocol="HttpOnly",
)
azure_native.cdn.AFDCustomDomain(
    "front-door-tls10",
    host_name="media.insecure.example.com",
    profile_name=front_door.name,
    resource_group_name=group.name,
    tls_settings={"certificate_type": "ManagedCertificate", "minimum_tls_version": "TLS10"},
)
azure_native.cdn.Rule(
    "front-door-cors-anyone",
    rule_set_name="cors",
    profile_name=front_door.name,
    resource_group_name=group.name,
    order=1,
    actions=[
        azure_native.cdn.DeliveryRuleResponseHeaderActionArgs(
            name="ModifyResponseHeader",
            parameters=azure_native.cdn.HeaderActionParametersArgs(
                type_name="DeliveryRuleHeaderActionParameters",
                header_action="Overwrite",
                header_name="Access-Control-Allow-Origin",
                value="*",
            ),
        )
    ],
)
