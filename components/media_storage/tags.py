"""The tags every bucket, storage account and credential of a media storage carries.

The policy pack reads `media-storage:visibility` to tell public from private media, and
treats storage without it as private (the safe default).
"""

from __future__ import annotations

from collections.abc import Mapping

APP_TAG = "media-storage:app"
STACK_TAG = "media-storage:stack"
VISIBILITY_TAG = "media-storage:visibility"


def media_tags(app: str, environment: str, visibility: str | None = None) -> dict[str, str]:
    """The tags of one resource: its app, its environment and, for storage, its visibility."""
    tags = {APP_TAG: app, STACK_TAG: environment}
    if visibility is not None:
        tags[VISIBILITY_TAG] = visibility
    return tags


def checked_media_tags(owner: str, tags: Mapping[str, str] | None, visibility: str | None = None) -> dict[str, str]:
    """`tags` with the media-storage tags checked, and the visibility tag derived from `visibility`.

    The policy pack recognises what a media storage created by these tags: without the app and
    stack tags nobody can tell whose resource it is, and a visibility tag that contradicts the
    resource would make the pack judge public media as private or the reverse.
    """
    tags = dict(tags or {})
    missing = [key for key in (APP_TAG, STACK_TAG) if not isinstance(tags.get(key), str) or not tags[key]]
    if missing:
        raise ValueError(
            f"{owner}.tags must carry {' and '.join(missing)}: the policy pack recognises media storage by "
            "them; build the tags with media_storage.tags.media_tags(app, environment)"
        )
    if visibility is not None:
        tagged = tags.setdefault(VISIBILITY_TAG, visibility)
        if tagged != visibility:
            raise ValueError(
                f"{owner}.tags has {VISIBILITY_TAG}={tagged!r} but the visibility is {visibility!r}; "
                "leave the tag out, it is derived from the visibility"
            )
    return tags
