"""The private storage of `MEDIA_STORAGE_BACKEND=filesystem` (local development only).

Imported by Django when it builds the `private` storage, never by `django_storages`, so the
helper itself stays free of Django imports.
"""

from __future__ import annotations

from django.core.files.storage import FileSystemStorage


class PrivateMediaURLError(NotImplementedError):
    """A URL was asked of private media on local disk, which no URL may expose."""


class PrivateFileSystemStorage(FileSystemStorage):
    """Files on local disk that have no URL: a signed link cannot exist for them, and a plain one
    would make private media public. Serve them through a view that checks who asks."""

    def url(self, name: str | None) -> str:
        raise PrivateMediaURLError(
            f"private media has no public URL on the filesystem backend ({name!r}); serve it through a view "
            "that checks permissions, e.g. with django.http.FileResponse(storages['private'].open(name))"
        )
