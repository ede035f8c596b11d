"""Two apps' media storage in one program: a shop in the default region, a blog in another.

Each `AwsMediaStorage` takes its own logical name and app slug, so their resources and
bucket names never clash; the blog's resources go through an explicit provider.
"""

import pulumi
import pulumi_aws as aws

from components.aws import AwsMediaStorage, AwsMediaStorageArgs

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

pulumi.export("shopEnv", shop.env)
pulumi.export("blogEnv", blog.env)
