"""Finding exporters: the entry points of the group ``casedu.exporters``, loaded lazily.

The built-in formats are entry points of casedu itself, so a plugin is found exactly like them.
A plugin that is broken (cannot be imported, or does not give an exporter) is reported by name
and does not stop the others.

>>> "xlsx" in exporter_names()
True
"""

from __future__ import annotations

import functools
import io
import os
import sys
from collections.abc import Callable, Sequence
from importlib import import_module
from importlib.metadata import EntryPoint, entry_points
from pathlib import Path
from typing import Any, BinaryIO, overload

import attrs

from casedu.errors import CaseduError, ExporterError, expect
from casedu.exporters.base import ENTRY_POINT_GROUP, Exporter
from casedu.files import atomic_output
from casedu.reports.document import Document

__all__ = [
    "FormatInfo",
    "export",
    "export_many",
    "exporter_names",
    "format_of_suffix",
    "formats",
    "get_exporter",
    "usable_names",
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
    once for each ``sys.path`` (a plugin put on the path is still found). Names are lower case:
    ``XLSX`` is ``xlsx``."""
    return _declared_on(tuple(sys.path))[0]


def _shadowed() -> list[FormatInfo]:
    """Declarations left out because their name was taken (a plugin calling itself ``csv``)."""
    return _declared_on(tuple(sys.path))[1]


@functools.lru_cache(maxsize=8)
def _declared_on(path: tuple[str, ...]) -> tuple[dict[str, tuple[str, str, Callable[[], Any]]],
                                                  list[FormatInfo]]:
    """The declarations seen with ``path`` as ``sys.path`` (the cache key), and those left
    out."""
    found: dict[str, tuple[str, str, Callable[[], Any]]] = {}
    shadowed: list[FormatInfo] = []
    for name, target in BUILTIN.items():
        found[name] = (target, "casedu", _target_loader(target))
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        provider = ep.dist.name if ep.dist is not None else "?"
        name = ep.name.lower()
        if name in found and found[name][0] == ep.value:
            continue  # casedu's own declaration of a built-in format
        if name in found:  # a name already taken: the first declaration stays, and says so
            shadowed.append(FormatInfo(
                name, ep.value, provider, None,
                f"not used: the name {name!r} is taken by {found[name][1]} "
                f"({found[name][0]}); rename the entry point"))
            continue
        found[name] = (ep.value, provider, _entry_point_loader(ep))
    return found, shadowed


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


def usable_names() -> list[str]:
    """The formats that load: what an error message offers instead of a format not found."""
    return [info.name for info in formats() if info.exporter is not None]


def format_of_suffix(path: str | os.PathLike[str]) -> str | None:
    """The format a file's suffix names (``report.XLSX`` → ``xlsx``), among the declared ones.

    >>> format_of_suffix("总结.xlsx"), format_of_suffix("notes.txt")
    ('xlsx', None)
    """
    suffix = Path(path).suffix.lower().lstrip(".")
    return suffix if suffix in _declared() else None


def get_exporter(name: str, **options: Any) -> Exporter:
    """Load the exporter ``name``, made with ``options`` (such as ``font=`` for pdf).

    Raises :class:`ExporterError` naming the format and what went wrong.
    """
    expect("name", name, str, what="a format's name such as 'xlsx'")
    declared = _declared()
    name = name.lower()
    if name not in declared:
        known = ", ".join(usable_names())
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
            infos.append(FormatInfo(name, target, provider, _load(name), None))
        except ExporterError as error:
            infos.append(FormatInfo(name, target, provider, None, str(error)))
    return infos + _shadowed()


def _load(name: str) -> Exporter:
    return get_exporter(name)


@overload
def export(document: Document, format_name: str, target: None = None,
           **options: Any) -> bytes: ...
@overload
def export(document: Document, format_name: str, target: str | os.PathLike[str],
           **options: Any) -> Path: ...
@overload
def export(document: Document, format_name: str, target: BinaryIO,
           **options: Any) -> BinaryIO: ...
def export(document: Document, format_name: str,
           target: str | os.PathLike[str] | BinaryIO | None = None,
           **options: Any) -> Path | BinaryIO | bytes:
    """Render ``document`` with the exporter ``format_name`` (any case: ``XLSX``):

    - into the file at a path, written whole or not at all (the path is returned);
    - into a writable binary stream, such as a web response or ``io.BytesIO`` (the stream is
      returned);
    - or, with no target, as bytes (returned).

    A failure of the exporter, a plugin's included, is an :class:`ExporterError` naming the
    format and where it comes from.

    >>> from casedu.reports import Document
    >>> export(Document(title="总结", institute="所", year=2026, blocks=()), "JSON")[:1]
    b'{'
    """
    expect("document", document, Document, what="a casedu report Document (build_report)")
    exporter = get_exporter(format_name, **options)
    name = format_name.lower()
    if target is None:
        buffer = io.BytesIO()
        _write(exporter, name, document, buffer)
        return buffer.getvalue()
    if hasattr(target, "write") and not isinstance(target, (str, os.PathLike)):
        stream: BinaryIO = target
        buffer = io.BytesIO()  # some formats seek while writing; a response may not
        _write(exporter, name, document, buffer)
        try:
            stream.write(buffer.getvalue())
        except (OSError, TypeError, ValueError) as error:
            raise ExporterError(f"cannot write the {name} to the stream given: "
                                f"{type(error).__name__}: {error}") from error
        return stream
    path = Path(target)
    try:
        with atomic_output(path) as out:
            _write(exporter, name, document, out)
    except OSError as error:
        raise ExporterError(f"cannot write {path}: {error.strerror or error}") from error
    return path


def export_many(documents: Sequence[Document], format_name: str,
                target: str | os.PathLike[str] | None = None, *,
                names: Sequence[str] | None = None, **options: Any) -> Path | bytes:
    """Several documents (the same report of several institute-years) in one file: a workbook
    with a sheet each (xlsx, ods) or a PDF with a section each. ``names`` names the sheets or
    sections (``IOP 2026``). A format that writes one report a file is refused, saying which
    formats can; without a target the bytes are returned."""
    expect("documents", documents, list, tuple, what="a list of Documents")
    for document in documents:
        expect("documents", document, Document, what="a list of Documents")
    if not documents:
        raise ExporterError("no documents to export")
    exporter = get_exporter(format_name, **options)
    name = format_name.lower()
    write_many = getattr(exporter, "write_many", None)
    if write_many is None:
        raise ExporterError(f"the {name} format writes one report a file; several "
                            "institute-years go into one xlsx, ods or pdf")

    def write(stream: BinaryIO) -> None:
        try:
            write_many(list(documents), stream, names=list(names) if names else None)
        except CaseduError:
            raise
        except Exception as error:
            raise ExporterError(f"exporter {name!r} failed to write: "
                                f"{type(error).__name__}: {error}") from error

    if target is None:
        buffer = io.BytesIO()
        write(buffer)
        return buffer.getvalue()
    path = Path(target)
    try:
        with atomic_output(path) as out:
            write(out)
    except OSError as error:
        raise ExporterError(f"cannot write {path}: {error.strerror or error}") from error
    return path


def _write(exporter: Exporter, name: str, document: Document, stream: BinaryIO) -> None:
    """Run the exporter; whatever it raises but a CaseduError is that exporter's failure."""
    try:
        exporter.write(document, stream)
    except CaseduError:
        raise
    except OSError:
        raise
    except Exception as error:
        target, provider, _ = _declared().get(name, ("?", "?", None))
        raise ExporterError(
            f"exporter {name!r} ({target}, from {provider}) failed to write: "
            f"{type(error).__name__}: {error}") from error
