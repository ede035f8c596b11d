"""Who may act as a media principal, without trust: a Lambda function runs as the tagged media role
(`corp-fn`, object read/write on the private bucket) and is exposed through a `FunctionUrl` with
`authorization_type="NONE"` and a `lambda.Permission` letting principal `"*"` invoke it.

Why it is dangerous: anyone on the internet (URL) or any AWS account (Permission `*`) makes the function read
private objects with the role's credentials: private media is public through a proxy. Why it passed (before the fix, red-team review): the
pack judges role trusts (lambda.amazonaws.com pinned to the account is fine) but never who may invoke
compute that holds a media role (Lambda function URLs / permissions, API Gateway, ...).

Caught by: `iam-role-trust-own-accounts` (or a new rule), mandatory: a function whose role reaches media
must not be invocable by `*` / without auth.
"""

import json

import pulumi
import pulumi_aws as aws
from _baseline import ACCOUNT, media_objects, secure_bucket


def program() -> None:
    aws.Provider("main", allowed_account_ids=[ACCOUNT], region="us-east-1")
    secure_bucket("media")
    role = aws.iam.Role(
        "fn",
        name="corp-fn",
        tags={"media-storage:app": "shop"},
        assume_role_policy=json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Principal": {"Service": "lambda.amazonaws.com"},
                        "Action": "sts:AssumeRole",
                        "Condition": {"StringEquals": {"aws:SourceAccount": ACCOUNT}},
                    }
                ],
            }
        ),
    )
    aws.iam.RolePolicy("fn-media", role=role.id, policy=media_objects("corp-media"))
    code = (
        "import boto3\n"
        "def handler(event, context):\n"
        "    key = event['rawPath'][1:]\n"
        "    return boto3.client('s3').get_object(Bucket='corp-media', Key=key)['Body'].read().decode('latin-1')\n"
    )
    function = aws.lambda_.Function(
        "proxy",
        role=role.arn,
        runtime="python3.12",
        handler="index.handler",
        code=pulumi.AssetArchive({"index.py": pulumi.StringAsset(code)}),
    )
    aws.lambda_.FunctionUrl("proxy-url", function_name=function.name, authorization_type="NONE")
    aws.lambda_.Permission("proxy-anyone", function=function.name, action="lambda:InvokeFunction", principal="*")
