"""Exporters: one small module per format, found through the entry-point group
``casedu.exporters`` and loaded only when used."""

from casedu.exporters.base import ENTRY_POINT_GROUP, Exporter
from casedu.exporters.registry import (
    FormatInfo,
    export,
    export_many,
    exporter_names,
    formats,
    get_exporter,
)

__all__ = [
    "ENTRY_POINT_GROUP",
    "Exporter",
    "FormatInfo",
    "export",
    "export_many",
    "exporter_names",
    "formats",
    "get_exporter",
]
