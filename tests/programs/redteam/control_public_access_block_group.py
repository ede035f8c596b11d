"""A group policy that lets its members lift the public access block and set bucket ACLs."""

import json

import pulumi_aws as aws


def program() -> None:
    aws.s3.BucketV2("uploads", bucket="corp-uploads")
    group = aws.iam.Group("media", name="corp-media")
    aws.iam.GroupPolicy(
        "media-policy",
        group=group.name,
        policy=json.dumps(
            {
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Action": ["s3:PutBucketPublicAccessBlock", "s3:PutBucketAcl"],
                        "Resource": "arn:aws:s3:::corp-uploads",
                    }
                ]
            }
        ),
    )
