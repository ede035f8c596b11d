"""Class 2 + fail closed (S3 Access Grants to a principal the program does not create): an `AccessGrant`
gives READ on the private media bucket to `arn:aws:iam::123456789012:role/legacy-reader`, a role of the own
account that the program does not create.

Why it is dangerous: whoever may assume legacy-reader (its trust is outside the program) gets temporary
credentials for the private media. Why it passed (before the fix): Access Grants grantees were compared by
account only. Caught by: `s3-no-foreign-principals`, mandatory, also in a first preview (create the role, or
list its ARN in `allowedPrincipals`).
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
        "legacy-read",
        access_grants_location_id=location.access_grants_location_id,
        permission="READ",
        access_grants_location_configuration={"s3_sub_prefix": "*"},
        grantee={"grantee_type": "IAM", "grantee_identifier": f"arn:aws:iam::{ACCOUNT}:role/legacy-reader"},
    )
