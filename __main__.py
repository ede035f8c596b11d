"""The media-storage stack: one app environment's media storage, set by `media-storage:*` config.

Validates the whole config first (nothing is created when it is invalid), creates the one
component for the configured cloud and exports the env contract.
"""

import gc

import pulumi

# Importing the provider SDK builds hundreds of modules and classes that live until the program
# exits: no garbage for the cyclic collector to find, only objects for it to walk on every pass.
# So it is off while importing, and what the imports built is frozen out of its way after.
gc.disable()
try:
    from media_storage.stack_config import load_stack_config

    config = load_stack_config()
    if config.cloud == "aws":
        from media_storage.aws import AwsMediaStorage as Component
    elif config.cloud == "digitalocean":
        from media_storage.digitalocean import DigitalOceanMediaStorage as Component
    elif config.cloud == "cloudflare":
        from media_storage.cloudflare import CloudflareMediaStorage as Component
    else:
        from media_storage.azure import AzureMediaStorage as Component
finally:
    gc.freeze()
    gc.enable()

storage = Component(config.args.app, config.args)
pulumi.export("env", storage.env)
if config.cloud in ("aws", "digitalocean", "cloudflare"):
    pulumi.export("publicBucketName", storage.public_bucket.bucket_name)
    pulumi.export("privateBucketName", storage.private_bucket.bucket_name)
    if config.cloud == "cloudflare":
        pulumi.export("publicDomain", storage.public_bucket.public_domain)
else:
    pulumi.export("resourceGroupName", storage.resource_group_name)
    pulumi.export("publicAccountName", storage.public_account.account_name)
    pulumi.export("privateAccountName", storage.private_account.account_name)
    if storage.identity is not None:
        pulumi.export("identityId", storage.identity.identity_id)
