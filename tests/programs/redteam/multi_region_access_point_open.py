"""A Multi-Region Access Point over private media with its public access block off and a policy for anyone, class 6."""

import json

import pulumi_aws as aws


def program() -> None:
    bucket = aws.s3.BucketV2("media", bucket="corp-media")
    aws.s3control.MultiRegionAccessPoint(
        "media-global",
        details={
            "name": "media-global",
            "regions": [{"bucket": bucket.id}],
            "public_access_block": {"block_public_policy": False, "restrict_public_buckets": False},
        },
    )
    aws.s3control.MultiRegionAccessPointPolicy(
        "media-global-policy",
        details={
            "name": "media-global",
            "policy": json.dumps(
                {
                    "Statement": [
                        {
                            "Effect": "Allow",
                            "Principal": {"AWS": "*"},
                            "Action": "s3:GetObject",
                            "Resource": "arn:aws:s3::123456789012:accesspoint/media-global.mrap/object/*",
                        }
                    ]
                }
            ),
        },
    )
