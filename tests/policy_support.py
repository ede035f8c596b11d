"""Run small Pulumi programs under mocks and evaluate the policy pack on what they register."""

from __future__ import annotations

import contextlib
import json
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import grpc
import pulumi
import pulumi_aws as aws
import pulumi_azure_native as azure_native
from media_storage.policies.check import Report, Violation, evaluate
from pulumi.runtime.proto import analyzer_pb2_grpc

from media_storage.aws import AwsMediaStorage, AwsMediaStorageArgs
from media_storage.azure import AzureMediaStorage, AzureMediaStorageArgs
from media_storage.testing import run_program

PUBLIC = {"media-storage:app": "shop", "media-storage:stack": "test", "media-storage:visibility": "public"}
PRIVATE = {**PUBLIC, "media-storage:visibility": "private"}
SUBSCRIPTION = "/subscriptions/00000000-0000-4000-8000-000000000000"


@contextlib.contextmanager
def serving_pack(python: str, pack_dir: Path) -> Iterator[analyzer_pb2_grpc.AnalyzerStub]:
    """The pack in `pack_dir` started the way the Pulumi CLI starts it (`python -m pulumi.policy`)
    by the interpreter `python`, serving gRPC on loopback; stopped on exit."""
    process = subprocess.Popen(
        [python, "-m", "pulumi.policy", "127.0.0.1:0", str(pack_dir)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = process.stdout.readline().strip()
        assert line.isdigit(), f"the pack did not start: {line} {process.stderr.read() if process.poll() else ''}"
        with grpc.insecure_channel(f"127.0.0.1:{line}") as channel:
            grpc.channel_ready_future(channel).result(timeout=30)
            yield analyzer_pb2_grpc.AnalyzerStub(channel)
    finally:
        process.kill()
        process.wait(timeout=10)


def check(program: Callable[[], Any], *, config: dict | None = None, preview: bool = False) -> Report:
    """The pack's report on `program`."""
    return evaluate(run_program(program, preview=preview).raise_for_error(), config)


def found(report: Report, policy: str) -> list[Violation]:
    """The violations of one policy."""
    return [v for v in report.violations if v.policy == policy]


def only(report: Report, policy: str, level: str) -> list[Violation]:
    """The violations of `policy`: at least one, all at enforcement `level`."""
    violations = found(report, policy)
    assert violations, f"{policy} reported nothing"
    assert {v.enforcementLevel for v in violations} == {level}
    return violations


def aws_storage(**args: Any) -> Callable[[], None]:
    def program() -> None:
        AwsMediaStorage("media", AwsMediaStorageArgs(app="shop", environment="test", **args))

    return program


def azure_storage(**args: Any) -> Callable[[], None]:
    def program() -> None:
        AzureMediaStorage("media", AzureMediaStorageArgs(app="shop", environment="test", location="westeurope", **args))

    return program


def bucket(name: str = "media", tags: dict | None = None, **kwargs: Any) -> aws.s3.Bucket:
    return aws.s3.Bucket(name, bucket=f"{name}-bucket", tags=tags, **kwargs)


def bucket_policy(target: aws.s3.Bucket, *statements: Callable[[str], dict]) -> aws.s3.BucketPolicy:
    """A BucketPolicy whose statements are built from the bucket's ARN."""
    return aws.s3.BucketPolicy(
        f"{target._name}-policy",
        bucket=target.id,
        policy=target.arn.apply(
            lambda arn: json.dumps({"Version": "2012-10-17", "Statement": [s(arn) for s in statements]})
        ),
    )


def anonymous(action: Any = "s3:GetObject", resource: Callable[[str], Any] = lambda arn: f"{arn}/*", **extra: Any):
    return lambda arn: {"Effect": "Allow", "Principal": "*", "Action": action, "Resource": resource(arn), **extra}


def tls_deny(resources: Callable[[str], list[str]] = lambda arn: [arn, f"{arn}/*"]):
    return lambda arn: {
        "Effect": "Deny",
        "Principal": "*",
        "Action": "s3:*",
        "Resource": resources(arn),
        "Condition": {"Bool": {"aws:SecureTransport": "false"}},
    }


def iam_document(*statements: dict) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


def account(name: str = "media", tags: dict | None = None, **kwargs: Any) -> azure_native.storage.StorageAccount:
    settings = {
        "kind": "StorageV2",
        "sku": {"name": "Standard_LRS"},
        "enable_https_traffic_only": True,
        "minimum_tls_version": "TLS1_2",
        "allow_blob_public_access": False,
        **kwargs,
    }
    return azure_native.storage.StorageAccount(
        name, account_name=f"{name}acct", resource_group_name="rg", tags=tags, **settings
    )


def protected() -> pulumi.ResourceOptions:
    return pulumi.ResourceOptions(protect=True)
