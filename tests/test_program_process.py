"""A run handed from the child process to the check: every request, secret and unknown intact."""

from __future__ import annotations

import pulumi
import pulumi_aws as aws

from media_storage.testing import UNKNOWN, ProgramRun, Secret, run_program


def test_a_run_survives_the_trip_between_processes():
    def program() -> None:
        bucket = aws.s3.Bucket("uploads", tags={"token": pulumi.Output.secret("s3cr3t")})
        aws.s3.BucketPolicy("uploads-policy", bucket=bucket.id, policy=bucket.arn.apply(lambda arn: arn))
        pulumi.export("bucket", bucket.arn)

    run = run_program(program, config={"shop:token": Secret("placeholder")}, preview=True).raise_for_error()
    copy = ProgramRun.loads(run.dumps())
    assert [(r.urn, r.type, r.inputs, r.dependencies) for r in copy.resources] == [
        (r.urn, r.type, r.inputs, r.dependencies) for r in run.resources
    ]
    assert copy.one("aws:s3/bucket:Bucket").inputs["tags"]["token"] == Secret("s3cr3t")
    assert copy.one("aws:s3/bucketPolicy:BucketPolicy").inputs["policy"] is UNKNOWN
    assert copy.one("aws:s3/bucket:Bucket").request == run.one("aws:s3/bucket:Bucket").request
    assert copy.outputs["bucket"] is UNKNOWN
    assert copy.config == {"shop:token": Secret("placeholder")}
    assert (copy.error, copy.exit_status, copy.stack_urn) == (None, None, run.stack_urn)


def test_a_run_that_exits_carries_its_status():
    def program() -> None:
        raise SystemExit(7)

    run = ProgramRun.loads(run_program(program).dumps())
    assert (run.exit_status, run.error) == (7, "the program exited with status 7")
