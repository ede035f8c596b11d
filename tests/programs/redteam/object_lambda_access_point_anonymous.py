"""An Object Lambda access point over private media whose policy lets anyone invoke it, class 6."""

import json

import pulumi_aws as aws


def program() -> None:
    bucket = aws.s3.BucketV2("media", bucket="corp-media")
    supporting = aws.s3.AccessPoint("media-supporting", bucket=bucket.id, name="media-supporting")
    aws.s3control.ObjectLambdaAccessPoint(
        "media-thumbnails",
        name="media-thumbnails",
        configuration={
            "supporting_access_point": supporting.arn,
            "transformation_configurations": [
                {
                    "actions": ["GetObject"],
                    "content_transformation": {
                        "aws_lambda": {"function_arn": "arn:aws:lambda:us-east-1:123456789012:function:thumbnails"}
                    },
                }
            ],
        },
    )
    aws.s3control.ObjectLambdaAccessPointPolicy(
        "media-thumbnails-policy",
        name="media-thumbnails",
        policy=json.dumps(
            {
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Principal": "*",
                        "Action": "s3-object-lambda:GetObject",
                        "Resource": "arn:aws:s3-object-lambda:us-east-1:123456789012:accesspoint/media-thumbnails",
                    }
                ]
            }
        ),
    )
