"""Three apps' media storage in one program, on two clouds.

- shop: AWS, access keys, CORS for its site and direct browser uploads;
- blog: AWS, an IAM role for its ECS tasks, in another region through an explicit provider;
- wiki: Azure, a managed identity instead of keys.

Each component takes its own logical name and app slug, so resources and bucket or
account names never clash.
"""

import pulumi
import pulumi_aws as aws

from media_storage.aws import AwsMediaStorage, AwsMediaStorageArgs
from media_storage.azure import AzureMediaStorage, AzureMediaStorageArgs

environment = pulumi.get_stack()

shop = AwsMediaStorage(
    "shop",
    AwsMediaStorageArgs(
        app="shop",
        environment=environment,
        cors_origins=("https://shop.example.com",),
        browser_uploads=True,
    ),
)

frankfurt = aws.Provider("frankfurt", region="eu-central-1")
blog = AwsMediaStorage(
    "blog",
    AwsMediaStorageArgs(app="blog", environment=environment, credentials="role", region="eu-central-1"),
    opts=pulumi.ResourceOptions(providers=[frankfurt]),
)

wiki = AzureMediaStorage(
    "wiki",
    AzureMediaStorageArgs(
        app="wiki",
        environment=environment,
        credentials="identity",
        location="westeurope",
        cors_origins=("https://wiki.example.com",),
    ),
)

pulumi.export("shopEnv", shop.env)
pulumi.export("blogEnv", blog.env)
pulumi.export("wikiEnv", wiki.env)
pulumi.export("wikiIdentityId", wiki.identity.identity_id if wiki.identity else None)
