"""The tags every bucket, storage account and credential of a media storage carries.

The policy pack reads `media-storage:visibility` to tell public from private media, and
treats storage without it as private (the safe default).
"""

from __future__ import annotations

APP_TAG = "media-storage:app"
STACK_TAG = "media-storage:stack"
VISIBILITY_TAG = "media-storage:visibility"


def media_tags(app: str, environment: str, visibility: str | None = None) -> dict[str, str]:
    """The tags of one resource: its app, its environment and, for storage, its visibility."""
    tags = {APP_TAG: app, STACK_TAG: environment}
    if visibility is not None:
        tags[VISIBILITY_TAG] = visibility
    return tags
