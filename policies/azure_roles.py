"""The Azure built-in roles the pack knows: their names, and what each lets a holder do to media.

Role assignments name a role by the GUID of its definition; violations show the role's name
beside it. The GUIDs are Azure's built-in role definition ids (the same in every tenant), as
Microsoft's "Azure built-in roles" reference lists them. A role that is not here (a custom role,
or a built-in role the pack does not list) cannot be judged, and is reported where it could
reach media.
"""

from __future__ import annotations

from enum import Enum


class Reach(Enum):
    """What a role lets its holder do to the blobs of a storage account in its scope."""

    CONTROL = "control"
    """Manage the account or who may use it: list its keys, write role assignments, change it."""

    BLOB_WRITE = "blob-write"
    """Write or delete blobs (and read them)."""

    BLOB_READ = "blob-read"
    """Read and list blobs."""

    DELEGATOR = "delegator"
    """Get a user delegation key: signs SAS links only for what the holder's data roles allow."""

    IDENTITY = "identity"
    """Attach or change a managed identity in its scope, and so act as it (and hold its roles)."""

    NONE = "none"
    """Nothing on blobs or keys (another service, reads of settings only)."""


BUILT_IN_ROLES: dict[str, tuple[str, Reach]] = {
    # General
    "8e3af657-a8ff-443c-a75c-2fe8c4bcb635": ("Owner", Reach.CONTROL),
    "b24988ac-6180-42a0-ab88-20f7382dd24c": ("Contributor", Reach.CONTROL),
    "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9": ("User Access Administrator", Reach.CONTROL),
    "f58310d9-a9f6-439a-9e8d-f62e7b41a168": ("Role Based Access Control Administrator", Reach.CONTROL),
    "acdd72a7-3385-48ef-bd42-f606fba81ae7": ("Reader", Reach.NONE),
    # Storage: the account (keys are full access to every blob through Shared Key)
    "17d1049b-9a84-46fb-8f53-869881c3d3ab": ("Storage Account Contributor", Reach.CONTROL),
    "81a9662b-bebf-436f-a333-f67b29880f12": ("Storage Account Key Operator Service Role", Reach.CONTROL),
    "c12c1c16-33a1-487b-954d-41c89c60f349": ("Reader and Data Access", Reach.CONTROL),
    "e5e2a7ff-d759-4cd2-bb51-3152d37e2eb1": ("Storage Account Backup Contributor", Reach.CONTROL),
    "86e8f5dc-a6e9-4c67-9d15-de283e8eac25": ("Classic Storage Account Contributor", Reach.CONTROL),
    "985d6b00-f706-48f5-a6fe-d0ca12fb668d": ("Classic Storage Account Key Operator Service Role", Reach.CONTROL),
    # Storage: blob data
    "b7e6dc6d-f1e8-4753-8033-0f276bb0955b": ("Storage Blob Data Owner", Reach.BLOB_WRITE),
    "ba92f5b4-2d11-453d-a403-e96b0029c9fe": ("Storage Blob Data Contributor", Reach.BLOB_WRITE),
    "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1": ("Storage Blob Data Reader", Reach.BLOB_READ),
    "db58b8e5-c6ad-4a2a-8342-4190687cbf4a": ("Storage Blob Delegator", Reach.DELEGATOR),
    # Storage: queues, tables and files (no access to blobs)
    "974c5e8b-45b9-4653-ba55-5f855dd0fb88": ("Storage Queue Data Contributor", Reach.NONE),
    "19e7f393-937e-4f77-808e-94535e297925": ("Storage Queue Data Reader", Reach.NONE),
    "8a0f0c08-91a1-4084-bc3d-661d67233fed": ("Storage Queue Data Message Processor", Reach.NONE),
    "c6a89b2d-59bc-44d0-9896-0f6e12d7b80a": ("Storage Queue Data Message Sender", Reach.NONE),
    "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3": ("Storage Table Data Contributor", Reach.NONE),
    "76199698-9eea-4c19-bc75-cec21354c6b6": ("Storage Table Data Reader", Reach.NONE),
    "0c867c2a-1d8c-454a-a3db-ab2ea1bdc8bb": ("Storage File Data SMB Share Contributor", Reach.NONE),
    "a7264617-510b-434b-a828-9731dc254ea7": ("Storage File Data SMB Share Elevated Contributor", Reach.NONE),
    "aba4ae5f-2193-4029-9191-0cb91df5e314": ("Storage File Data SMB Share Reader", Reach.NONE),
    "69566ab7-960f-475b-8e7c-b3118f30c6bd": ("Storage File Data Privileged Contributor", Reach.NONE),
    "b8eda974-7b85-4f76-af95-65846b26df6d": ("Storage File Data Privileged Reader", Reach.NONE),
    # Identity: whoever may attach or change the media identity acts as it
    "e40ec5ca-96e0-45a2-b4ff-59039f2c2b59": ("Managed Identity Contributor", Reach.IDENTITY),
    "f1a07417-d97a-45cb-824c-7a7467783830": ("Managed Identity Operator", Reach.IDENTITY),
}
"""Built-in role definition GUID (lowercase) to its name and its reach on blobs."""


def role_guid(role_definition_id: str) -> str:
    """The GUID at the end of a role definition id (`/subscriptions/.../roleDefinitions/<guid>`), lowercase."""
    return role_definition_id.rstrip("/").rsplit("/", 1)[-1].lower()


def role_name(guid: str) -> str:
    """`<guid> (<name>)` for a known built-in role, `<guid> (not a built-in role the pack knows)` otherwise."""
    known = BUILT_IN_ROLES.get(guid.lower())
    return f"{guid} ({known[0] if known else 'not a built-in role the pack knows'})"


def role_reach(guid: str) -> Reach | None:
    """What the role lets its holder do to blobs; None when the pack does not know the role."""
    known = BUILT_IN_ROLES.get(guid.lower())
    return known[1] if known else None
