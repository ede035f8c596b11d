"""A user-assigned managed identity for the app, with data roles on the media containers only."""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pulumi
import pulumi_azure_native as azure_native

from ..component_args import require_args
from ..naming import digest
from ..settings.azure import AKS_TOKEN_AUDIENCE
from ..tags import checked_media_tags

STORAGE_BLOB_DATA_CONTRIBUTOR = "ba92f5b4-2d11-453d-a403-e96b0029c9fe"
"""Built-in role: read, write and delete blobs (and list them) within its scope."""

STORAGE_BLOB_DELEGATOR = "db58b8e5-c6ad-4a2a-8342-4190687cbf4a"
"""Built-in role: get a user delegation key, which signs SAS links. Granted at account scope or above only."""

FEDERATED_CREDENTIALS_MAX = 20
"""Azure's limit of federated identity credentials per user-assigned managed identity."""


def federated_credential_name(issuer: str, subject: str) -> str:
    """A stable name per (issuer, subject): the subject's namespace and service account, and a digest of both
    (3 to 120 letters, digits, - and _, as Azure requires)."""
    readable = re.sub(r"[^A-Za-z0-9-]+", "-", subject.removeprefix("system:serviceaccount:")).strip("-")
    return f"aks-{readable[:100]}-{digest(issuer, subject)}"


_ROLE_ASSIGNMENT_NAMESPACE = uuid.UUID("5f0b9a3c-8f0e-4d59-9c59-6d2b8a8f2e11")


def role_definition_id(subscription_id: str, role: str) -> str:
    """The full id of a built-in role definition in a subscription."""
    return f"/subscriptions/{subscription_id}/providers/Microsoft.Authorization/roleDefinitions/{role}"


@dataclass(frozen=True)
class AppIdentityArgs:
    """Arguments of an `AppIdentity`."""

    identity_name: pulumi.Input[str]
    """Name of the managed identity."""

    resource_group_name: pulumi.Input[str]
    """Resource group of the identity."""

    subscription_id: pulumi.Input[str]
    """Subscription of the role definitions."""

    container_ids: Sequence[pulumi.Input[str]]
    """Containers the app reads and writes (Storage Blob Data Contributor on each)."""

    delegator_account_ids: Sequence[pulumi.Input[str]] = ()
    """Accounts whose links the app signs (Storage Blob Delegator on each): the private one."""

    assignment_seed: str = ""
    """Makes role assignment names (GUIDs) stable and distinct per app environment."""

    location: str | None = None
    """Azure region of the identity; by default the provider's."""

    federated_subjects: Sequence[tuple[str, str]] = ()
    """(issuer, subject) of each external workload that acts as the identity (AKS workload identity),
    at most 20; each becomes a federated identity credential with audience `api://AzureADTokenExchange`."""

    tags: Mapping[str, str] | None = None
    """Tags of the identity: `media-storage:app` and `media-storage:stack` are required
    (`media_tags(app, environment)`)."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "tags", checked_media_tags("AppIdentityArgs", self.tags))
        if len(self.federated_subjects) > FEDERATED_CREDENTIALS_MAX:
            raise ValueError(
                f"AppIdentityArgs.federated_subjects: at most {FEDERATED_CREDENTIALS_MAX}, "
                "Azure's limit of federated identity credentials per managed identity"
            )


class AppIdentity(pulumi.ComponentResource):
    """A user-assigned managed identity that may read and write the media containers and sign
    links for the private account, and nothing else: no account keys, no broader scope."""

    client_id: pulumi.Output[str]
    """The identity's client id, exported as `AZURE_CLIENT_ID`."""

    principal_id: pulumi.Output[str]
    """The identity's service principal (object) id."""

    identity_id: pulumi.Output[str]
    """The identity's resource id, to attach it to a container app, app service or VM."""

    federated_credentials: list[azure_native.managedidentity.FederatedIdentityCredential]
    """One federated identity credential per `federated_subjects` entry, created one after the other."""

    def __init__(self, name: str, args: AppIdentityArgs, opts: pulumi.ResourceOptions | None = None) -> None:
        require_args("AppIdentity", args, AppIdentityArgs)
        super().__init__("media-storage:azure:AppIdentity", name, None, opts)
        child = pulumi.ResourceOptions(parent=self)
        location = {"location": args.location} if args.location else {}
        identity = azure_native.managedidentity.UserAssignedIdentity(
            f"{name}-identity",
            resource_name_=args.identity_name,
            resource_group_name=args.resource_group_name,
            tags=dict(args.tags or {}),
            **location,
            opts=child,
        )
        grants = [("data", i, STORAGE_BLOB_DATA_CONTRIBUTOR, scope) for i, scope in enumerate(args.container_ids)]
        grants += [
            ("delegator", i, STORAGE_BLOB_DELEGATOR, scope) for i, scope in enumerate(args.delegator_account_ids)
        ]
        for kind, index, role, scope in grants:
            azure_native.authorization.RoleAssignment(
                f"{name}-{kind}-{index}",
                role_assignment_name=str(
                    uuid.uuid5(_ROLE_ASSIGNMENT_NAMESPACE, f"{args.assignment_seed}/{kind}/{index}")
                ),
                principal_id=identity.principal_id,
                principal_type="ServicePrincipal",
                role_definition_id=pulumi.Output.from_input(args.subscription_id).apply(
                    lambda subscription, r=role: role_definition_id(subscription, r)
                ),
                scope=scope,
                opts=child,
            )
        # Azure refuses concurrent writes of federated credentials on one identity: one at a time.
        self.federated_credentials = []
        for issuer, subject in args.federated_subjects:
            credential_name = federated_credential_name(issuer, subject)
            previous = self.federated_credentials[-1:]
            self.federated_credentials.append(
                azure_native.managedidentity.FederatedIdentityCredential(
                    f"{name}-{credential_name}",
                    federated_identity_credential_resource_name=credential_name,
                    resource_name_=identity.name,
                    resource_group_name=args.resource_group_name,
                    issuer=issuer,
                    subject=subject,
                    audiences=[AKS_TOKEN_AUDIENCE],
                    opts=pulumi.ResourceOptions.merge(child, pulumi.ResourceOptions(depends_on=previous)),
                )
            )
        self.client_id = identity.client_id
        self.principal_id = identity.principal_id
        self.identity_id = identity.id
        self.register_outputs(
            {"client_id": self.client_id, "principal_id": self.principal_id, "identity_id": self.identity_id}
        )
