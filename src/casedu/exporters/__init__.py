"""Exporters: one small module per format, found through the entry-point group
``casedu.exporters`` (or :func:`register`-ed for this process) and loaded only when used."""

from casedu.exporters.base import ENTRY_POINT_GROUP, Exporter
from casedu.exporters.exporting import export, export_many
from casedu.exporters.registry import (
    FormatInfo,
    exporter_names,
    format_for,
    formats,
    get_exporter,
    register,
    unregister,
)

__all__ = [
    "ENTRY_POINT_GROUP",
    "Exporter",
    "FormatInfo",
    "export",
    "export_many",
    "exporter_names",
    "format_for",
    "formats",
    "get_exporter",
    "register",
    "unregister",
]
