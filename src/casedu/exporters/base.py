"""The exporter plugin interface.

An exporter is any object with these attributes and a ``write`` method; a package adds a format
by declaring an entry point in the group ``casedu.exporters`` that names a class (or any callable)
returning one. See ``docs/plugins.md``.
"""

from __future__ import annotations

from typing import BinaryIO, Protocol, runtime_checkable

from casedu.reports.document import Document

__all__ = ["ENTRY_POINT_GROUP", "Exporter"]

ENTRY_POINT_GROUP = "casedu.exporters"


@runtime_checkable
class Exporter(Protocol):
    """Renders a :class:`~casedu.reports.Document` into one file format.

    Exporters render; they never compute. ``write`` writes the whole file to ``stream``; the
    caller takes care of writing it under a temporary name and renaming it.
    """

    #: The format's name as the user types it (``xlsx``).
    name: str
    #: The file suffix, with the dot (``.xlsx``).
    suffix: str
    #: The media type (``application/vnd.openxmlformats-officedocument.spreadsheetml.sheet``).
    media_type: str
    #: One line for ``casedu formats``.
    description: str

    def write(self, document: Document, stream: BinaryIO) -> None:
        """Write ``document`` to the binary ``stream``."""
        ...
