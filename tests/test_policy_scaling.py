"""The pack's cost grows linearly with the program: counted in property reads, not timed.

Every input a policy reads goes through pulumi-policy's proxy, so the number of reads is the
work the policies do, free of the machine's speed and load.
"""

from __future__ import annotations

import pytest
from media_storage.policies.check import evaluate
from pulumi_policy import proxy

from media_storage.aws import AwsMediaStorage, AwsMediaStorageArgs
from media_storage.azure import AzureMediaStorage, AzureMediaStorageArgs
from media_storage.testing import run_program


def apps(count: int):
    """A platform program: `count` apps on AWS (keys, CORS) and as many on Azure (identities)."""

    def program() -> None:
        for i in range(count):
            AwsMediaStorage(
                f"shop{i}",
                AwsMediaStorageArgs(app=f"shop{i}", environment="test", cors_origins=("https://shop.example.com",)),
            )
            AzureMediaStorage(
                f"wiki{i}",
                AzureMediaStorageArgs(
                    app=f"wiki{i}", environment="test", location="westeurope", credentials="identity"
                ),
            )

    return program


def property_reads(count: int, monkeypatch: pytest.MonkeyPatch) -> tuple[int, int]:
    """(resources registered, property reads the pack makes on them) for `apps(count)`."""
    run = run_program(apps(count), config={"aws:region": "eu-west-1"}).raise_for_error()
    reads = 0
    read = proxy._DictProxy.__getitem__

    def counted(self, key):
        nonlocal reads
        reads += 1
        return read(self, key)

    with monkeypatch.context() as patch:
        patch.setattr(proxy._DictProxy, "__getitem__", counted)
        assert evaluate(run).violations == []
    return len(run.resources), reads


def test_the_pack_reads_each_resource_a_bounded_number_of_times(monkeypatch):
    small_resources, small_reads = property_reads(2, monkeypatch)
    large_resources, large_reads = property_reads(8, monkeypatch)
    assert large_resources == 4 * small_resources
    # Linear: four times the resources, four times the reads (a nested scan would be 16 times).
    assert large_reads <= 4.5 * small_reads, (small_reads, large_reads)
