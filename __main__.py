"""The media-storage stack: one app environment's media storage, set by `media-storage:*` config.

Validates the whole config first (nothing is created when it is invalid), creates the one
component for the configured cloud and exports the env contract.
"""

import pulumi

from components.aws import AwsMediaStorage
from components.stack_config import load_stack_config

config = load_stack_config()
storage = AwsMediaStorage(config.args.app, config.args)

pulumi.export("env", storage.env)
pulumi.export("publicBucketName", storage.public_bucket.bucket_name)
pulumi.export("privateBucketName", storage.private_bucket.bucket_name)
