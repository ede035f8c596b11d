"""The offline runner answers `aws.iam.get_policy_document` as the provider does, and accepts a
policy given as an object, so the pack judges policies in every shape the SDK accepts."""

from __future__ import annotations

import json

import pulumi
import pulumi_aws as aws

from media_storage.testing import render_policy_document, run_program


def test_a_statement_is_rendered_with_the_providers_names_and_shapes():
    rendered = render_policy_document(
        {
            "statements": [
                {
                    "sid": "Read",
                    "actions": ["s3:GetObject", "s3:ListBucket"],
                    "resources": ["arn:aws:s3:::media/*"],
                    "principals": [{"type": "*", "identifiers": ["*"]}],
                    "conditions": [
                        {"test": "StringEquals", "variable": "aws:SourceAccount", "values": ["123456789012"]},
                        {"test": "StringEquals", "variable": "aws:SourceVpce", "values": ["vpce-1", "vpce-2"]},
                    ],
                },
                {
                    "notActions": ["iam:*"],
                    "notResources": ["*"],
                    "effect": "Deny",
                    "notPrincipals": [{"type": "AWS", "identifiers": ["arn:aws:iam::123456789012:root"]}],
                },
            ]
        }
    )
    document = json.loads(rendered["json"])
    assert document == json.loads(rendered["minifiedJson"])
    assert rendered["minifiedJson"] == json.dumps(document, separators=(",", ":"))
    assert document == {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "Read",
                "Effect": "Allow",
                "Action": ["s3:ListBucket", "s3:GetObject"],
                "Resource": "arn:aws:s3:::media/*",
                "Principal": "*",
                "Condition": {
                    "StringEquals": {"aws:SourceAccount": "123456789012", "aws:SourceVpce": ["vpce-2", "vpce-1"]}
                },
            },
            {
                "Effect": "Deny",
                "NotAction": "iam:*",
                "NotResource": "*",
                "NotPrincipal": {"AWS": "arn:aws:iam::123456789012:root"},
            },
        ],
    }


def test_source_documents_come_first_and_statements_and_overrides_replace_by_sid():
    source = json.dumps({"Statement": [{"Sid": "A", "Effect": "Allow", "Action": "s3:GetObject"}, {"Effect": "Allow"}]})
    override = json.dumps({"Statement": {"Sid": "B", "Effect": "Deny", "Action": "*"}})
    rendered = render_policy_document(
        {
            "version": "2008-10-17",
            "policyId": "media",
            "sourcePolicyDocuments": [source],
            "statements": [{"sid": "A", "actions": ["s3:PutObject"]}, {"sid": "B", "actions": ["s3:ListBucket"]}],
            "overridePolicyDocuments": [override],
        }
    )
    document = json.loads(rendered["json"])
    assert (document["Version"], document["Id"]) == ("2008-10-17", "media")
    assert document["Statement"] == [
        {"Sid": "A", "Effect": "Allow", "Action": "s3:PutObject"},
        {"Effect": "Allow"},
        {"Sid": "B", "Effect": "Deny", "Action": "*"},
    ]


def test_a_program_reads_the_rendered_document_and_registers_it():
    def program():
        document = aws.iam.get_policy_document_output(
            statements=[aws.iam.GetPolicyDocumentStatementArgs(actions=["s3:GetObject"], resources=["*"])]
        )
        aws.iam.Policy("read", policy=document.json)
        pulumi.export("minified", document.minified_json)

    run = run_program(program).raise_for_error()
    assert json.loads(run.one("aws:iam/policy:Policy").inputs["policy"])["Statement"] == [
        {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}
    ]
    assert (
        run.outputs["minified"]
        == '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}'
    )


def test_a_policy_given_as_an_object_runs_and_is_registered_as_given():
    document = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}

    def program():
        policy = aws.iam.Policy("read", policy=document)
        role = aws.iam.Role("app", assume_role_policy=document, inline_policies=[{"name": "read", "policy": document}])
        pulumi.export("texts", pulumi.Output.all(policy.policy, role.assume_role_policy, role.inline_policies))

    run = run_program(program).raise_for_error()
    assert run.one("aws:iam/policy:Policy").inputs["policy"] == document
    policy, trust, inline = run.outputs["texts"]
    assert json.loads(policy) == json.loads(trust) == json.loads(inline[0]["policy"]) == document
