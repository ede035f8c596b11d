"""Previous versions of private media deleted a day after they are made (args classes): versioning protects nothing."""

import pulumi_azure_native as azure_native


def program() -> None:
    account = azure_native.storage.StorageAccount(
        "media",
        account_name="corpmedia",
        resource_group_name="rg",
        kind="StorageV2",
        sku={"name": "Standard_LRS"},
        allow_blob_public_access=False,
        enable_https_traffic_only=True,
        minimum_tls_version="TLS1_2",
    )
    azure_native.storage.ManagementPolicy(
        "lifecycle",
        azure_native.storage.ManagementPolicyArgs(
            account_name=account.name,
            resource_group_name="rg",
            management_policy_name="default",
            policy=azure_native.storage.ManagementPolicySchemaArgs(
                rules=[
                    azure_native.storage.ManagementPolicyRuleArgs(
                        name="versions",
                        enabled=True,
                        type=azure_native.storage.RuleType.LIFECYCLE,
                        definition=azure_native.storage.ManagementPolicyDefinitionArgs(
                            filters=azure_native.storage.ManagementPolicyFilterArgs(blob_types=["blockBlob"]),
                            actions=azure_native.storage.ManagementPolicyActionArgs(
                                version=azure_native.storage.ManagementPolicyVersionArgs(
                                    delete=azure_native.storage.DateAfterCreationArgs(
                                        days_after_creation_greater_than=1
                                    )
                                )
                            ),
                        ),
                    )
                ]
            ),
        ),
    )
