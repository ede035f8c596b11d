"""An untagged user with an access key and AmazonS3FullAccess (class 2: judged though untagged)."""

import pulumi_aws as aws


def program() -> None:
    aws.s3.BucketV2("uploads", bucket="corp-uploads")
    user = aws.iam.User("uploader", name="corp-uploader")
    aws.iam.AccessKey("uploader-key", user=user.name)
    aws.iam.UserPolicyAttachment("uploader-s3", user=user.name, policy_arn="arn:aws:iam::aws:policy/AmazonS3FullAccess")
