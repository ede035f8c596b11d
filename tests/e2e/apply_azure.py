"""Apply the Blob resources a program registered (under mocks) to Azurite, with azure-storage-blob.

Azurite serves the program's storage accounts with the keys `listStorageAccountKeys`
returned (given to it through `AZURITE_ACCOUNTS` at start); the containers get the
program's public access level and each account's blob service the program's CORS rules.
Azurite has no lifecycle management, no account-level settings (public access flag, HTTPS
only, TLS version, shared-key switch), no soft delete, versioning or role assignments: those
resources are listed in `NOT_EMULATED` and stay with the mock tests and the policy pack.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from azure.storage.blob import BlobServiceClient, CorsRule

from media_storage.testing import ProgramRun, reveal

PUBLIC_ACCESS = {"None": None, "Blob": "blob", "Container": "container"}

NOT_EMULATED = {
    "azure-native:resources:ResourceGroup",
    "azure-native:storage:ManagementPolicy",
    "azure-native:managedidentity:UserAssignedIdentity",
    "azure-native:authorization:RoleAssignment",
}
"""Resource types Azurite has no counterpart for."""


def connection_string(endpoint: str, account: str, key: str) -> str:
    """A connection string for `account` on the emulator at `endpoint` (path-style URLs)."""
    return f"DefaultEndpointsProtocol=http;AccountName={account};AccountKey={key};BlobEndpoint={endpoint}/{account};"


def storage_accounts(run: ProgramRun) -> list[str]:
    """The names of the storage accounts the program registered."""
    return [reveal(r.inputs)["accountName"] for r in run.of_type("azure-native:storage:StorageAccount")]


@dataclass
class AppliedAzure:
    """What applying a program to Azurite produced."""

    containers: dict[str, str | None] = field(default_factory=dict)
    """account/container -> public access level as sent to Azurite."""
    cors: dict[str, list[CorsRule]] = field(default_factory=dict)
    """account -> CORS rules set on its blob service."""


def apply_to_azurite(run: ProgramRun, endpoint: str, keys: Mapping[str, str]) -> AppliedAzure:
    """Create the program's containers and blob service CORS in Azurite (`keys`: account to key)."""
    applied = AppliedAzure()

    def service(account: str) -> BlobServiceClient:
        return BlobServiceClient.from_connection_string(connection_string(endpoint, account, keys[account]))

    for resource in run.resources:
        inputs = reveal(resource.inputs)
        if not resource.custom or resource.type in NOT_EMULATED:
            continue
        if resource.type == "azure-native:storage:StorageAccount":
            if inputs.get("accountName") not in keys:
                raise ValueError(f"Azurite was not started with account {inputs.get('accountName')}")
        elif resource.type == "azure-native:storage:BlobServiceProperties":
            rules = [
                CorsRule(
                    rule["allowedOrigins"],
                    rule["allowedMethods"],
                    allowed_headers=rule.get("allowedHeaders", []),
                    exposed_headers=rule.get("exposedHeaders", []),
                    max_age_in_seconds=rule.get("maxAgeInSeconds", 0),
                )
                for rule in (inputs.get("cors") or {}).get("corsRules", [])
            ]
            service(inputs["accountName"]).set_service_properties(cors=rules)
            applied.cors[inputs["accountName"]] = rules
        elif resource.type == "azure-native:storage:BlobContainer":
            access = PUBLIC_ACCESS[inputs.get("publicAccess", "None")]
            service(inputs["accountName"]).create_container(inputs["containerName"], public_access=access)
            applied.containers[f"{inputs['accountName']}/{inputs['containerName']}"] = access
        else:
            raise LookupError(f"no emulator mapping for {resource.type} ({resource.name}): add one, so it is tested")
    return applied
