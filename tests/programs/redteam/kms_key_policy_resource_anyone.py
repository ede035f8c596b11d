"""A separate KeyPolicy (args class) lets anyone decrypt with the key that encrypts the media inline, class 6."""

import json

import pulumi_aws as aws


def program() -> None:
    key = aws.kms.Key("media-key")
    aws.kms.KeyPolicy(
        "media-key-policy",
        aws.kms.KeyPolicyArgs(
            key_id=key.id,
            policy=json.dumps(
                {"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "kms:Decrypt", "Resource": "*"}]}
            ),
        ),
    )
    aws.s3.Bucket(
        "media",
        bucket="corp-media",
        server_side_encryption_configuration={
            "rule": {
                "apply_server_side_encryption_by_default": {"sse_algorithm": "aws:kms", "kms_master_key_id": key.arn}
            }
        },
    )
