"""An AccountPublicAccessBlock (args class) that sets nothing: every flag defaults to off, even with public media, class 6."""

import pulumi_aws as aws


def program() -> None:
    aws.s3.BucketV2("public", bucket="corp-public", tags={"media-storage:visibility": "public"})
    aws.s3.AccountPublicAccessBlock("account", aws.s3.AccountPublicAccessBlockArgs(account_id="123456789012"))
