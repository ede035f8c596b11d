"""An ACL grant to another AWS account by email address (args classes)."""

import pulumi_aws as aws


def program() -> None:
    bucket = aws.s3.BucketV2("uploads", bucket="corp-uploads")
    aws.s3.BucketAclV2(
        "uploads-acl",
        bucket=bucket.id,
        access_control_policy=aws.s3.BucketAclV2AccessControlPolicyArgs(
            owner=aws.s3.BucketAclV2AccessControlPolicyOwnerArgs(id="owner-id"),
            grants=[
                aws.s3.BucketAclV2AccessControlPolicyGrantArgs(
                    grantee=aws.s3.BucketAclV2AccessControlPolicyGrantGranteeArgs(
                        type="AmazonCustomerByEmail", email_address="someone@example.net"
                    ),
                    permission="FULL_CONTROL",
                )
            ],
        ),
    )
