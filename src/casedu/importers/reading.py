"""Reading spreadsheets that users send: xlsx, ods and csv, refusing hostile files.

Before any parsing, a zip (xlsx, ods) is checked: its entry count, the sizes it declares, and its
compression ratio. XML is parsed only through defusedxml (openpyxl uses it when it is installed;
casedu checks that it does), rows are counted while reading against a limit, and a formula cell
is an error: casedu reads values, never formulas.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import zipfile
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from casedu.errors import CaseduError

__all__ = ["Cell", "FileRefusedError", "Limits", "SheetRow", "read_rows"]

Cell = str | int | float | Decimal | bool | dt.date | dt.datetime | None


class FileRefusedError(CaseduError, ValueError):
    """A file was refused before or while reading it (hostile, damaged, too large, formulas)."""


@attrs.frozen
class Limits:
    """How much a file may hold before it is refused."""

    max_rows: int = 200_000
    max_entries: int = 1_000  # zip entries
    max_uncompressed: int = 512 * 1024 * 1024  # bytes, declared by the zip
    max_ratio: int = 200  # uncompressed / compressed, per entry


@attrs.frozen
class SheetRow:
    """A row of a sheet with its 1-based number, as the user sees it in their program."""

    sheet: str
    number: int
    cells: tuple[Cell, ...]


def read_rows(path: str | os.PathLike[str], *, limits: Limits | None = None,
              all_sheets: bool = False) -> Iterator[SheetRow]:
    """The rows of the first sheet (or of every sheet, in order) of an xlsx, ods or csv file
    (by its suffix)."""
    limits = limits or Limits()
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        _check_zip(target, limits)
        return _xlsx_rows(target, limits, all_sheets)
    if suffix == ".ods":
        _check_zip(target, limits)
        return _ods_rows(target, limits, all_sheets)
    if suffix in (".csv", ".txt"):
        return _csv_rows(target, limits)
    raise FileRefusedError(f"{target}: casedu reads .xlsx, .ods and .csv files, not "
                           f"{suffix or 'files without a suffix'}")


def _check_zip(path: Path, limits: Limits) -> None:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as error:
        raise FileRefusedError(f"{path}: not a valid spreadsheet (broken zip: {error})") from None
    with archive:
        entries = archive.infolist()
        if len(entries) > limits.max_entries:
            raise FileRefusedError(f"{path}: refused: {len(entries)} entries in the zip "
                                   f"(at most {limits.max_entries})")
        total = 0
        for entry in entries:
            total += entry.file_size
            if entry.compress_size and entry.file_size / entry.compress_size > limits.max_ratio \
                    and entry.file_size > 1024 * 1024:
                ratio = entry.file_size // entry.compress_size
                raise FileRefusedError(
                    f"{path}: refused: {entry.filename} expands {ratio} times (a zip bomb?); "
                    f"at most {limits.max_ratio}")
        if total > limits.max_uncompressed:
            raise FileRefusedError(f"{path}: refused: it declares {total} bytes uncompressed "
                                   f"(at most {limits.max_uncompressed})")


def _counted(rows: Iterator[SheetRow], path: Path, limits: Limits) -> Iterator[SheetRow]:
    for count, row in enumerate(rows, start=1):
        if count > limits.max_rows:
            raise FileRefusedError(f"{path}: refused: more than {limits.max_rows} rows")
        yield row


#: Set ``CASEDU_XLSX_READER=openpyxl`` to read xlsx with openpyxl although calamine is installed.
READER_ENV = "CASEDU_XLSX_READER"


def _xlsx_rows(path: Path, limits: Limits, all_sheets: bool) -> Iterator[SheetRow]:
    if os.environ.get(READER_ENV, "").lower() != "openpyxl" and _calamine_available() \
            and not _has_formulas(path):
        return _calamine_rows(path, limits, all_sheets)
    return _openpyxl_rows(path, limits, all_sheets)


def _calamine_available() -> bool:
    try:
        import python_calamine  # noqa: F401
    except ImportError:
        return False
    return True


def _has_formulas(path: Path) -> bool:
    """Whether a worksheet of the file holds a formula (``<f>``): calamine would give its cached
    value, so such a file goes to openpyxl, which names the formula's place."""
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if not name.startswith("xl/worksheets/"):
                continue
            tail = b""
            with archive.open(name) as stream:
                while chunk := stream.read(1 << 20):
                    data = tail + chunk
                    if b"<f>" in data or b"<f " in data or b":f>" in data or b":f " in data:
                        return True
                    tail = data[-4:]
    return False


def _calamine_rows(path: Path, limits: Limits, all_sheets: bool) -> Iterator[SheetRow]:
    """Rows read by python-calamine (Rust), several times faster than openpyxl; its XML parser
    expands no entities and reads no DTD."""
    from python_calamine import CalamineWorkbook

    def rows() -> Iterator[SheetRow]:
        try:
            workbook = CalamineWorkbook.from_path(str(path))
            names = workbook.sheet_names if all_sheets else workbook.sheet_names[:1]
            for name in names:
                sheet = workbook.get_sheet_by_name(name)
                start = sheet.start[0] if sheet.start else 0
                for offset, values in enumerate(sheet.iter_rows()):
                    cells = tuple(_calamine_cell(v) for v in values)
                    yield SheetRow(name, start + offset + 1, cells)
        except FileRefusedError:
            raise
        except Exception as error:  # calamine raises its own kinds on damaged files
            raise FileRefusedError(
                f"{path}: refused: a damaged xlsx, or XML that casedu does not read "
                f"({type(error).__name__}: {str(error).splitlines()[0]})") from None

    return _counted(rows(), path, limits)


def _calamine_cell(value: Any) -> Cell:
    if value == "":
        return None
    if isinstance(value, (dt.time, dt.timedelta)):
        return str(value)  # casedu reads no times; as text, a reader says what it got
    return value  # type: ignore[no-any-return]


def _openpyxl_rows(path: Path, limits: Limits, all_sheets: bool) -> Iterator[SheetRow]:
    import openpyxl
    import openpyxl.xml

    if not openpyxl.xml.DEFUSEDXML:
        raise FileRefusedError("reading xlsx needs defusedxml installed (pip install defusedxml)")
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=False)
    except Exception as error:  # openpyxl raises many kinds on damaged files
        raise FileRefusedError(
            f"{path}: refused: a damaged xlsx, or XML that casedu does not read (entities, "
            f"DTDs) ({type(error).__name__}: {str(error).splitlines()[0]})") from None
    try:
        sheets = workbook.worksheets if all_sheets else workbook.worksheets[:1]

        def rows() -> Iterator[SheetRow]:
            for sheet in sheets:
                title = sheet.title
                for number, row in enumerate(sheet.iter_rows(), start=1):
                    cells = []
                    for cell in row:
                        if getattr(cell, "data_type", None) == "f":
                            column = getattr(cell, "column_letter", "?")
                            raise FileRefusedError(
                                f"{path}: sheet {title!r} row {number} column {column}: a "
                                f"formula ({cell.value}); paste the values instead")
                        cells.append(cell.value)
                    yield SheetRow(title, number, tuple(cells))

        yield from _counted(rows(), path, limits)
    except FileRefusedError:
        raise
    except Exception as error:
        raise FileRefusedError(f"{path}: cannot read it ({type(error).__name__}: "
                               f"{error})") from None
    finally:
        workbook.close()


_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"


def _ods_rows(path: Path, limits: Limits, all_sheets: bool) -> Iterator[SheetRow]:
    """Stream the first table of content.xml with defusedxml: a malformed or hostile document is
    an error (odfpy would print the error and read an empty document)."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import iterparse

    try:
        archive = zipfile.ZipFile(path)
        content = archive.open("content.xml")
    except (KeyError, zipfile.BadZipFile, OSError) as error:
        raise FileRefusedError(f"{path}: not a valid ods file ({error})") from None

    def rows() -> Iterator[SheetRow]:
        sheet_name = ""
        number = 0
        depth = 0
        try:
            for event, element in iterparse(content, events=("start", "end")):
                tag = element.tag
                if event == "start":
                    if tag == f"{{{_TABLE}}}table":
                        depth += 1
                        if depth == 1:
                            sheet_name = element.get(f"{{{_TABLE}}}name", "")
                            number = 0
                    continue
                if tag == f"{{{_TABLE}}}table":
                    depth -= 1
                    if not all_sheets:
                        return  # the first sheet only
                    continue
                if tag != f"{{{_TABLE}}}table-row":
                    continue
                repeat = int(element.get(f"{{{_TABLE}}}number-rows-repeated", "1"))
                cells = _ods_cells(element, path, sheet_name, number + 1)
                element.clear()
                if not any(c not in (None, "") for c in cells):
                    number += repeat  # blank rows (often repeated to the sheet's end)
                    continue
                for _ in range(repeat):
                    number += 1
                    yield SheetRow(sheet_name, number, cells)
        except (DefusedXmlException, SyntaxError) as error:
            raise FileRefusedError(f"{path}: refused: its content is not safe or not "
                                   f"well-formed XML ({error})") from None
        finally:
            content.close()
            archive.close()

    return _counted(rows(), path, limits)


def _ods_cells(row: Any, path: Path, sheet: str, number: int) -> tuple[Cell, ...]:
    cells: list[Cell] = []
    for cell in row:
        if cell.tag not in (f"{{{_TABLE}}}table-cell", f"{{{_TABLE}}}covered-table-cell"):
            continue
        repeat = int(cell.get(f"{{{_TABLE}}}number-columns-repeated", "1"))
        if cell.get(f"{{{_TABLE}}}formula") is not None:
            raise FileRefusedError(f"{path}: sheet {sheet!r} row {number} column "
                                   f"{len(cells) + 1}: a formula; paste the values instead")
        value = _ods_value(cell)
        cells.extend([value] * min(repeat, 1024))
    while cells and cells[-1] in (None, ""):
        cells.pop()
    return tuple(cells)


def _ods_value(cell: Any) -> Cell:
    kind = cell.get(f"{{{_OFFICE}}}value-type")
    if kind in ("float", "percentage", "currency"):
        return Decimal(cell.get(f"{{{_OFFICE}}}value"))
    if kind == "date":
        text = cell.get(f"{{{_OFFICE}}}date-value", "")
        return dt.datetime.fromisoformat(text) if "T" in text else dt.date.fromisoformat(text)
    if kind == "boolean":
        return bool(cell.get(f"{{{_OFFICE}}}boolean-value") == "true")
    paragraphs = [_ods_text(p) for p in cell if p.tag == f"{{{_TEXT}}}p"]
    return "\n".join(paragraphs) if paragraphs else None


def _ods_text(element: Any) -> str:
    parts = [element.text or ""]
    for child in element:
        if child.tag == f"{{{_TEXT}}}s":
            parts.append(" " * int(child.get(f"{{{_TEXT}}}c", "1")))
        elif child.tag == f"{{{_TEXT}}}tab":
            parts.append("\t")
        elif child.tag == f"{{{_TEXT}}}line-break":
            parts.append("\n")
        else:
            parts.append(_ods_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _csv_rows(path: Path, limits: Limits) -> Iterator[SheetRow]:
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise FileRefusedError(f"{path}: cannot read it ({error.strerror})") from None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - gb18030 decodes any byte string
        raise FileRefusedError(f"{path}: not UTF-8 or GB18030 text")
    reader = csv.reader(io.StringIO(text, newline=""))
    rows = (SheetRow(path.stem, number, tuple(cells))
            for number, cells in enumerate(reader, start=1))
    return _counted(rows, path, limits)
