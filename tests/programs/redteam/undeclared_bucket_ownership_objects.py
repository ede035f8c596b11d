"""ObjectWriter ownership (ACLs back on) and an upload into a bucket the program does not declare, class 4."""

import pulumi_aws as aws


def program() -> None:
    aws.s3.BucketOwnershipControls(
        "legacy-ownership", bucket="corp-legacy-media", rule={"object_ownership": "ObjectWriter"}
    )
    aws.s3.BucketObjectv2("legacy-object", bucket="corp-legacy-media", key="index.html", content="<html/>")
