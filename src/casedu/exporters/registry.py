"""Finding exporters: the entry points of the group ``casedu.exporters``, loaded lazily.

The built-in formats are entry points of casedu itself, so a plugin is found exactly like them.
A plugin that is broken (cannot be imported, or does not give an exporter) is reported by name
and does not stop the others.

>>> "xlsx" in exporter_names()
True
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from importlib import import_module
from importlib.metadata import EntryPoint, entry_points
from pathlib import Path
from typing import Any

import attrs

from casedu.errors import ExporterError
from casedu.exporters.base import ENTRY_POINT_GROUP, Exporter
from casedu.files import atomic_output
from casedu.reports.document import Document

__all__ = [
    "FormatInfo",
    "export",
    "exporter_names",
    "formats",
    "get_exporter",
]

#: The formats casedu ships, used when casedu runs from a source tree without its metadata.
BUILTIN = {
    "csv": "casedu.exporters.csv:CsvExporter",
    "html": "casedu.exporters.html:HtmlExporter",
    "json": "casedu.exporters.json:JsonExporter",
    "ods": "casedu.exporters.ods:OdsExporter",
    "pdf": "casedu.exporters.pdf:PdfExporter",
    "xlsx": "casedu.exporters.xlsx:XlsxExporter",
}


@attrs.frozen
class FormatInfo:
    """One format as ``casedu formats`` lists it: its exporter, or the error that broke it."""

    name: str
    target: str  # module:attribute
    provider: str  # the distribution that declares it
    exporter: Exporter | None
    error: str | None


def _declared() -> dict[str, tuple[str, str, Callable[[], Any]]]:
    """name -> (target, provider, loader); the first declaration of a name wins.

    Reading the installed distributions' metadata takes tens of milliseconds, so it is done
    once for each ``sys.path`` (a plugin put on the path is still found)."""
    return _declared_on(tuple(sys.path))


@functools.lru_cache(maxsize=8)
def _declared_on(path: tuple[str, ...]) -> dict[str, tuple[str, str, Callable[[], Any]]]:
    """The declarations seen with ``path`` as ``sys.path`` (the cache key)."""
    found: dict[str, tuple[str, str, Callable[[], Any]]] = {}
    for name, target in BUILTIN.items():
        found[name] = (target, "casedu", _target_loader(target))
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        provider = ep.dist.name if ep.dist is not None else "?"
        if ep.name in found and found[ep.name][0] == ep.value:
            continue  # casedu's own declaration of a built-in format
        if ep.name in found:
            continue  # a name already taken: the first declaration stays
        found[ep.name] = (ep.value, provider, _entry_point_loader(ep))
    return found


def _entry_point_loader(ep: EntryPoint) -> Callable[[], Any]:
    return ep.load


def _target_loader(target: str) -> Callable[[], Any]:
    def load() -> Any:
        module, _, attribute = target.partition(":")
        obj: Any = import_module(module)
        for part in attribute.split("."):
            obj = getattr(obj, part)
        return obj

    return load


def exporter_names() -> list[str]:
    """The names of every declared format, without loading any of them."""
    return sorted(_declared())


def get_exporter(name: str, **options: Any) -> Exporter:
    """Load the exporter ``name``, made with ``options`` (such as ``font=`` for pdf).

    Raises :class:`ExporterError` naming the format and what went wrong.
    """
    declared = _declared()
    if name not in declared:
        known = ", ".join(sorted(declared))
        raise ExporterError(f"no exporter {name!r}; the formats are {known}")
    target, provider, load = declared[name]
    try:
        factory = load()
    except Exception as error:  # a broken plugin must not take the others down
        raise ExporterError(
            f"exporter {name!r} ({target}, from {provider}) cannot be loaded: "
            f"{type(error).__name__}: {error}"
        ) from error
    try:
        exporter = factory(**options) if callable(factory) else factory
    except TypeError as error:
        raise ExporterError(f"exporter {name!r} does not take these options: {error}") from error
    if not isinstance(exporter, Exporter):
        raise ExporterError(
            f"exporter {name!r} ({target}, from {provider}) is not an exporter: it needs "
            "name, suffix, media_type, description and write(document, stream)"
        )
    return exporter


def formats() -> list[FormatInfo]:
    """Every declared format, loaded, with the error of each one that is broken."""
    infos = []
    for name, (target, provider, _) in sorted(_declared().items()):
        try:
            infos.append(FormatInfo(name, target, provider, get_exporter(name), None))
        except ExporterError as error:
            infos.append(FormatInfo(name, target, provider, None, str(error)))
    return infos


def export(
    document: Document, format_name: str, path: str | os.PathLike[str], **options: Any
) -> Path:
    """Render ``document`` with the exporter ``format_name`` into ``path``, whole or not at all."""
    exporter = get_exporter(format_name, **options)
    target = Path(path)
    try:
        with atomic_output(target) as stream:
            exporter.write(document, stream)
    except OSError as error:
        raise ExporterError(f"cannot write {target}: {error.strerror or error}") from error
    return target
