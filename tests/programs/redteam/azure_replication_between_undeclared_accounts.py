"""Object replication set on an account the program only names, to another it only names: neither
can be judged, so the copy of (presumed private) media fails closed."""

import pulumi_azure_native as azure_native


def program() -> None:
    azure_native.storage.ObjectReplicationPolicy(
        "mirror",
        azure_native.storage.ObjectReplicationPolicyArgs(
            account_name="corpmedia",
            resource_group_name="rg",
            object_replication_policy_id="default",
            source_account="corpmedia",
            destination_account="mirrorelsewhere",
            rules=[{"source_container": "private-media", "destination_container": "private-media"}],
        ),
    )
