"""An s3control.AccessPointPolicy (on the access point's ARN) granting another account the private media, class 6."""

import json

import pulumi_aws as aws


def program() -> None:
    aws.Provider("main", allowed_account_ids=["123456789012"])
    bucket = aws.s3.BucketV2("media", bucket="corp-media")
    point = aws.s3.AccessPoint("media-partner", bucket=bucket.id, name="media-partner")
    aws.s3control.AccessPointPolicy(
        "media-partner-policy",
        access_point_arn=point.arn,
        policy=point.arn.apply(
            lambda arn: json.dumps(
                {
                    "Statement": [
                        {
                            "Effect": "Allow",
                            "Principal": {"AWS": "arn:aws:iam::777777777777:root"},
                            "Action": ["s3:GetObject", "s3:PutObject"],
                            "Resource": f"{arn}/object/*",
                        }
                    ]
                }
            )
        ),
    )
