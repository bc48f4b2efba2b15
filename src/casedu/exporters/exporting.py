"""Writing documents with an exporter: one document into a file (whole or not at all), a stream
or bytes (:func:`export`), several into one workbook or PDF (:func:`export_many`). The exporter
is found by :mod:`casedu.exporters.registry`; whatever it raises but a
:class:`~casedu.errors.CaseduError` is that exporter's failure, named with where it comes from.
"""

from __future__ import annotations

import io
import logging
import os
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any, BinaryIO, overload

from casedu.errors import ArgumentTypeError, CaseduError, ExporterError, expect
from casedu.exporters.base import Exporter
from casedu.exporters.registry import declared_formats, format_for, get_exporter
from casedu.files import atomic_output
from casedu.logs import logger
from casedu.progress import task
from casedu.reports.document import Document

__all__ = ["export", "export_many"]

_log = logger("exporters")


@overload
def export(document: Document, format_name: str, target: None = None,
           **options: Any) -> bytes: ...
@overload
def export(document: Document, format_name: os.PathLike[str], target: None = None,
           **options: Any) -> Path: ...
@overload
def export(document: Document, format_name: str | None, target: str | os.PathLike[str],
           **options: Any) -> Path: ...
@overload
def export(document: Document, format_name: str | None, target: BinaryIO,
           **options: Any) -> BinaryIO: ...
def export(document: Document, format_name: str | os.PathLike[str] | None = None,
           target: str | os.PathLike[str] | BinaryIO | None = None,
           **options: Any) -> Path | BinaryIO | bytes:
    """Render ``document`` with the exporter ``format_name`` (any case: ``XLSX``):

    - into the file at a path, written whole or not at all (the path is returned); the format
      may be left out where the file's suffix names it, ``export(document, "总结.xlsx")``, by
      the rule of ``casedu export`` (:func:`format_for`: a suffix naming another format than
      the one given is refused);
    - into a writable binary stream, such as a web response or ``io.BytesIO`` (the stream is
      returned);
    - or, with no target, as bytes (returned).

    A format that cannot be chosen is a :class:`~casedu.errors.FormatError`; a failure of the
    exporter, a plugin's included, an :class:`ExporterError` naming the format and where it
    comes from.

    >>> from casedu.reports import Document
    >>> export(Document(title="总结", institute="所", year=2026, blocks=()), "JSON")[:1]
    b'{'
    """
    expect("document", document, Document, what="a casedu report Document (build_report)")
    name, target = _format_and_target(format_name, target)
    exporter = get_exporter(name, **options)
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
            _write(exporter, name, document, out, path.name)
    except OSError as error:
        raise ExporterError(f"cannot write {path}: {error.strerror or error}") from error
    return path


def export_many(documents: Sequence[Document],
                format_name: str | os.PathLike[str] | None = None,
                target: str | os.PathLike[str] | None = None, *,
                names: Sequence[str] | None = None, **options: Any) -> Path | bytes:
    """Several documents (the same report of several institute-years) in one file: a workbook
    with a sheet each (xlsx, ods) or a PDF with a section each. ``names`` names the sheets or
    sections (``IOP 2026``). A format that writes one report a file is refused, saying which
    formats can; without a target the bytes are returned. The format comes from the file's
    suffix as for :func:`export`."""
    expect("documents", documents, list, tuple, what="a list of Documents")
    for document in documents:
        expect("documents", document, Document, what="a list of Documents")
    if not documents:
        raise ExporterError("no documents to export")
    name, path_or_none = _format_and_target(format_name, target)
    if path_or_none is not None and not isinstance(path_or_none, (str, os.PathLike)):
        raise ArgumentTypeError("export_many writes to a path or returns bytes, not a stream")
    target = path_or_none
    exporter = get_exporter(name, **options)
    write_many = getattr(exporter, "write_many", None)
    if write_many is None:
        raise ExporterError(f"the {name} format writes one report a file; several "
                            "institute-years go into one xlsx, ods or pdf")

    label = Path(target).name if target is not None else name

    def write(stream: BinaryIO) -> None:
        started = time.perf_counter()
        try:
            with task(f"writing {label}", total=_rows(documents), unit="rows"):
                write_many(list(documents), stream, names=list(names) if names else None)
            _exported(name, documents, started)
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


def _format_and_target(format_name: str | os.PathLike[str] | None,
                       target: str | os.PathLike[str] | BinaryIO | None,
                       ) -> tuple[str, str | os.PathLike[str] | BinaryIO | None]:
    """The format's name and the target of ``export(document, format_name, target)``: a file's
    path in the place of the format (``export(document, "总结.xlsx")``) is the target; a path's
    format comes from :func:`format_for`; bytes and streams need a format given."""
    if target is None and format_name is not None and _is_path(format_name):
        format_name, target = None, format_name
    if format_name is not None:
        expect("format_name", format_name, str, what="a format's name such as 'xlsx'")
    given = format_name if isinstance(format_name, str) else None
    path = target if isinstance(target, (str, os.PathLike)) else None
    return format_for(path, given), target


def _is_path(value: object) -> bool:
    """Whether ``export``'s second argument is a file rather than a format's name: a path
    object, or a text that names no format and has a suffix or a folder (``总结.xlsx``)."""
    if isinstance(value, os.PathLike):
        return True
    return isinstance(value, str) and value.lower() not in declared_formats() and (
        bool(Path(value).suffix) or "/" in value or os.sep in value)


def _write(exporter: Exporter, name: str, document: Document, stream: BinaryIO,
           label: str | None = None) -> None:
    """Run the exporter; whatever it raises but a CaseduError is that exporter's failure.
    Its progress (:mod:`casedu.progress`) is counted in the document's rows, ``label`` (the
    file's name) or the format's name saying what is written."""
    started = time.perf_counter()
    try:
        with task(f"writing {label or name}", total=_rows([document]), unit="rows"):
            exporter.write(document, stream)
        _exported(name, [document], started)
    except CaseduError:
        raise
    except OSError:
        raise
    except Exception as error:
        target, provider, _ = declared_formats().get(name, ("?", "?", None))
        raise ExporterError(
            f"exporter {name!r} ({target}, from {provider}) failed to write: "
            f"{type(error).__name__}: {error}") from error


def _exported(name: str, documents: Sequence[Document], started: float) -> None:
    """Log an export: the format, the institute-years, the rows and the seconds (never a
    title or a cell: an archive's title names its person)."""
    if not _log.isEnabledFor(logging.INFO):
        return
    rows = sum(len(t.rows) for d in documents for t in d.tables)
    scopes = ", ".join(f"{d.institute} {d.year}" for d in documents[:5])
    more = f" and {len(documents) - 5} more" if len(documents) > 5 else ""
    _log.info("exported %s of %s%s: %d rows in %.3f s", name, scopes, more, rows,
              time.perf_counter() - started)


def _rows(documents: Sequence[Document]) -> int:
    """The rows of the documents' tables, their totals included (an exporter's progress is
    counted in them)."""
    return sum(len(t.rows) + (t.totals is not None) for d in documents for t in d.tables)
