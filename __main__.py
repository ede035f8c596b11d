"""The media-storage stack: one app environment's media storage, set by `media-storage:*` config.

Validates the whole config first (nothing is created when it is invalid), creates the one
component for the configured cloud and exports the env contract.
"""

import pulumi

from media_storage.stack_config import load_stack_config

config = load_stack_config()
if config.cloud == "aws":
    from media_storage.aws import AwsMediaStorage

    aws_storage = AwsMediaStorage(config.args.app, config.args)
    pulumi.export("env", aws_storage.env)
    pulumi.export("publicBucketName", aws_storage.public_bucket.bucket_name)
    pulumi.export("privateBucketName", aws_storage.private_bucket.bucket_name)
elif config.cloud == "digitalocean":
    from media_storage.digitalocean import DigitalOceanMediaStorage

    spaces_storage = DigitalOceanMediaStorage(config.args.app, config.args)
    pulumi.export("env", spaces_storage.env)
    pulumi.export("publicBucketName", spaces_storage.public_bucket.bucket_name)
    pulumi.export("privateBucketName", spaces_storage.private_bucket.bucket_name)
elif config.cloud == "cloudflare":
    from media_storage.cloudflare import CloudflareMediaStorage

    r2_storage = CloudflareMediaStorage(config.args.app, config.args)
    pulumi.export("env", r2_storage.env)
    pulumi.export("publicBucketName", r2_storage.public_bucket.bucket_name)
    pulumi.export("privateBucketName", r2_storage.private_bucket.bucket_name)
    pulumi.export("publicDomain", r2_storage.public_bucket.public_domain)
else:
    from media_storage.azure import AzureMediaStorage

    azure_storage = AzureMediaStorage(config.args.app, config.args)
    pulumi.export("env", azure_storage.env)
    pulumi.export("resourceGroupName", azure_storage.resource_group_name)
    pulumi.export("publicAccountName", azure_storage.public_account.account_name)
    pulumi.export("privateAccountName", azure_storage.private_account.account_name)
    if azure_storage.identity is not None:
        pulumi.export("identityId", azure_storage.identity.identity_id)
