"""Foreign principals through S3 Access Grants: an `s3control.AccessGrantsInstance` whose resource policy lets
account 999999999999 call `s3:GetDataAccess`, a location `s3://corp-media/*` backed by a role with object
access, and an `AccessGrant` giving `arn:aws:iam::999999999999:role/reader` READ on it.

Why it is dangerous: the foreign account obtains temporary credentials scoped to the private bucket and reads
every object; no bucket policy mentions it. Why it passed (before the fix, red-team review): only bucket policies, ACLs and IAM documents are
judged; `AccessGrantsInstanceResourcePolicy` and `AccessGrant` grantees are never compared with the
program's own accounts, and the location role's trust (access-grants.s3.amazonaws.com pinned to the account)
is fine by itself.

Caught by: `s3-no-foreign-principals`, mandatory (or fail closed on Access Grants / access point policies
touching media buckets).
"""

import json

import pulumi
import pulumi_aws as aws
from _baseline import ACCOUNT, app_role, media_objects, secure_bucket


def program() -> None:
    aws.Provider("main", allowed_account_ids=[ACCOUNT], region="us-east-1")
    secure_bucket("media")
    app_role()
    instance = aws.s3control.AccessGrantsInstance("grants")
    aws.s3control.AccessGrantsInstanceResourcePolicy(
        "grants-policy",
        policy=instance.access_grants_instance_arn.apply(
            lambda arn: json.dumps(
                {
                    "Version": "2012-10-17",
                    "Statement": [
                        {
                            "Effect": "Allow",
                            "Principal": {"AWS": "999999999999"},
                            "Action": ["s3:GetDataAccess", "s3:ListAccessGrants"],
                            "Resource": arn,
                        }
                    ],
                }
            )
        ),
    )
    location_role = aws.iam.Role(
        "grants-location",
        name="corp-grants-location",
        assume_role_policy=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Principal": {"Service": "access-grants.s3.amazonaws.com"},
                        "Action": ["sts:AssumeRole", "sts:SetSourceIdentity"],
                        "Condition": {"StringEquals": {"aws:SourceAccount": ACCOUNT}},
                    }
                ],
            }
        ),
    )
    aws.iam.RolePolicy("grants-location-media", role=location_role.id, policy=media_objects("corp-media"))
    location = aws.s3control.AccessGrantsLocation(
        "media-location",
        iam_role_arn=location_role.arn,
        location_scope="s3://corp-media/*",
        opts=pulumi.ResourceOptions(depends_on=[instance]),
    )
    aws.s3control.AccessGrant(
        "partner-read",
        access_grants_location_id=location.access_grants_location_id,
        permission="READ",
        access_grants_location_configuration={"s3_sub_prefix": "*"},
        grantee={"grantee_type": "IAM", "grantee_identifier": "arn:aws:iam::999999999999:role/reader"},
    )
