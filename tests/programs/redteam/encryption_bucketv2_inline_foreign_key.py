"""The deprecated BucketV2's inline encryption (lists of blocks all the way down) with another account's key, class 6."""

import pulumi_aws as aws


def program() -> None:
    aws.Provider("main", allowed_account_ids=["123456789012"])
    aws.s3.BucketV2(
        "media",
        bucket="corp-media",
        server_side_encryption_configurations=[
            {
                "rules": [
                    {
                        "apply_server_side_encryption_by_defaults": [
                            {
                                "sse_algorithm": "aws:kms",
                                "kms_master_key_id": "arn:aws:kms:eu-west-1:999999999999:key/2222bbbb-0000-4000-8000-000000000003",
                            }
                        ]
                    }
                ]
            }
        ],
    )
