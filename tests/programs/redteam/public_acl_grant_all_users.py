"""An ACL that grants READ to AllUsers through an access control policy of dicts."""

import pulumi_aws as aws


def program() -> None:
    bucket = aws.s3.BucketV2("uploads", bucket="corp-uploads")
    aws.s3.BucketAclV2(
        "uploads-acl",
        bucket=bucket.id,
        access_control_policy={
            "owner": {"id": "owner-id"},
            "grants": [
                {
                    "grantee": {"type": "Group", "uri": "http://acs.amazonaws.com/groups/global/AllUsers"},
                    "permission": "READ",
                }
            ],
        },
    )
