"""Class 1 + 6 (the replication role, declared, may be assumed by anyone): the private media bucket replicates
into a private bucket the program declares, as `corp-replication`, a role the program creates whose trust lets
in `"*"` beside the S3 service.

Why it is dangerous: the replication role reads every object of the bucket (its policy is not even shown here:
S3 needs it to), so anyone may assume it and read the media. Why it passed (before the fix): a role reached
media for the trust check only through its own policies, a bucket policy or a role chain, not by being the
role a replication configuration runs as. Caught by: `iam-role-trust-own-accounts`, mandatory.
"""

import json

import pulumi_aws as aws
from _baseline import ACCOUNT, app_role, secure_bucket


def program() -> None:
    aws.Provider("main", allowed_account_ids=[ACCOUNT], region="us-east-1")
    media = secure_bucket("media")
    replica = secure_bucket("media-replica")
    app_role()
    replicator = aws.iam.Role(
        "replication",
        name="corp-replication",
        assume_role_policy=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Principal": {"Service": "s3.amazonaws.com"},
                        "Action": "sts:AssumeRole",
                        "Condition": {"StringEquals": {"aws:SourceAccount": ACCOUNT}},
                    },
                    {"Sid": "Debug", "Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"},
                ],
            }
        ),
    )
    aws.s3.BucketReplicationConfig(
        "media-replication",
        bucket=media.id,
        role=replicator.arn,
        rules=[
            {
                "id": "all",
                "status": "Enabled",
                "filter": {},
                "delete_marker_replication": {"status": "Enabled"},
                "destination": {"bucket": replica.arn},
            }
        ],
    )
