"""Reading spreadsheets that users send: xlsx, ods and csv, refusing hostile files.

Before any parsing, a zip (xlsx, ods) is checked: its entry count, the sizes it declares, and its
compression ratio. The cell references of an xlsx are checked before a reader sees it: a cell
beyond the limits of rows and columns is refused (a fast reader would try to allocate the whole
range, and a process that runs out of memory cannot report anything). XML is parsed only through
defusedxml (openpyxl uses it when it is installed; casedu checks that it does), rows are counted
while reading against a limit, a csv file is streamed with a limit on each field, and a formula
cell is an error: casedu reads values, never formulas.

Whatever the bytes, reading raises only :class:`FileRefusedError`, naming the file and, where
there is one, the sheet, row and column.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import os
import re
import zipfile
import zlib
from collections.abc import Callable, Iterator
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import attrs

from casedu.errors import CaseduError, FileRefusedError, expect

__all__ = ["Cell", "FileRefusedError", "Limits", "SheetRow", "read_rows"]

Cell = str | int | float | Decimal | bool | dt.date | dt.datetime | None


@attrs.frozen
class Limits:
    """How much a file may hold before it is refused."""

    max_rows: int = 200_000
    max_columns: int = 256
    max_cells: int = 10_000_000  # rows × columns of a sheet's used range
    #: Above this many cells in a sheet's used range, xlsx is read row by row with openpyxl
    #: rather than by calamine, which holds the whole range in memory.
    calamine_cells: int = 2_000_000
    max_line: int = 1 << 20  # characters of one line of a csv file
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
    expect("path", path, str, os.PathLike, what="a file's path (str or pathlib.Path)")
    limits = limits or Limits()
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in (".xlsx", ".xlsm", ".ods", ".csv", ".txt"):
        raise FileRefusedError(f"{target}: casedu reads .xlsx, .ods and .csv files, not "
                               f"{suffix or 'files without a suffix'}")
    if not target.is_file():
        raise FileRefusedError(f"{target}: no such file")
    if suffix in (".xlsx", ".xlsm"):
        rows = _guarded(target, lambda: _xlsx_rows(target, limits, all_sheets))
    elif suffix == ".ods":
        rows = _guarded(target, lambda: _ods_rows(target, limits, all_sheets))
    else:
        rows = _guarded(target, lambda: _csv_rows(target, limits))
    first = next(rows, None)  # problems found before the first row are raised here and now
    return _chain(first, rows)


def _chain(first: SheetRow | None, rest: Iterator[SheetRow]) -> Iterator[SheetRow]:
    if first is not None:
        yield first
        yield from rest


def _guarded(path: Path, make: Callable[[], Iterator[SheetRow]]) -> Iterator[SheetRow]:
    """The rows of ``make()``, with every failure of a parser turned into a refusal naming
    the file: whatever the bytes, a reader raises nothing but :class:`FileRefusedError`."""
    try:
        yield from make()
    except FileRefusedError:
        raise
    except CaseduError:
        raise
    except MemoryError:
        raise FileRefusedError(f"{path}: refused: reading it needs more memory than there "
                               "is") from None
    except RecursionError:
        raise FileRefusedError(f"{path}: refused: it nests too deeply") from None
    except (zipfile.BadZipFile, zlib.error, EOFError) as error:
        raise FileRefusedError(f"{path}: refused: a damaged file ({_first_line(error)})") \
            from None
    except (KeyboardInterrupt, SystemExit, GeneratorExit):
        raise
    except BaseException as error:  # a parser's own kinds (a Rust panic is a BaseException)
        raise FileRefusedError(f"{path}: refused: a damaged file, or one casedu does not read "
                               f"({type(error).__name__}: {_first_line(error)})") from None


def _first_line(error: BaseException) -> str:
    lines = str(error).splitlines()
    return lines[0][:200] if lines else type(error).__name__


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
    _check_zip(path, limits)
    formulas, cells = _scan_worksheets(path, limits)
    if os.environ.get(READER_ENV, "").lower() != "openpyxl" and _calamine_available() \
            and not formulas and cells <= limits.calamine_cells:
        return _calamine_rows(path, limits, all_sheets)
    return _openpyxl_rows(path, limits, all_sheets)


def _calamine_available() -> bool:
    try:
        import python_calamine  # noqa: F401
    except ImportError:
        return False
    return True


_REFERENCE = re.compile(rb'\s(?:r|ref)="\$?([A-Za-z]*)\$?([0-9]*)(?::\$?([A-Za-z]*)\$?([0-9]*))?"')


def _scan_worksheets(path: Path, limits: Limits) -> tuple[bool, int]:
    """Check every cell reference and sheet dimension of the worksheets against the limits
    (a reader never sees a cell at XFD1048576), and say whether a worksheet holds a formula
    (``<f>``: calamine would give its cached value, so such a file goes to openpyxl, which
    names the formula's place) and how many cells the largest used range spans. Streams each
    worksheet; reads nothing else."""
    formulas = False
    largest = 0
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if not name.startswith("xl/worksheets/"):
                continue
            corner = [0, 0]  # the largest column and row referred to
            tail = b""
            with archive.open(name) as stream:
                while chunk := stream.read(1 << 20):
                    data = tail + chunk
                    if not formulas and (b"<f>" in data or b"<f " in data or b":f>" in data
                                         or b":f " in data):
                        formulas = True
                    cut = data.rfind(b"<")
                    complete, tail = (data[:cut], data[cut:]) if cut > 0 else (data, b"")
                    if len(tail) > 4096:  # no tag is this long: do not keep growing it
                        complete, tail = data, b""
                    for match in _REFERENCE.finditer(complete):
                        _check_reference(path, name, match.group(1), match.group(2), limits,
                                         corner)
                        if match.group(3) is not None:
                            _check_reference(path, name, match.group(3), match.group(4),
                                             limits, corner)
            for match in _REFERENCE.finditer(tail):
                _check_reference(path, name, match.group(1), match.group(2), limits, corner)
            cells = corner[0] * corner[1]
            if cells > limits.max_cells:
                raise FileRefusedError(
                    f"{path}: refused: {name} spans {corner[1]} rows × {corner[0]} columns; "
                    f"casedu reads at most {limits.max_cells} cells a sheet")
            largest = max(largest, cells)
    return formulas, largest


def _check_reference(path: Path, sheet: str, letters: bytes, digits: bytes,
                     limits: Limits, corner: list[int]) -> None:
    column = 0
    for letter in letters.upper()[:4]:
        column = column * 26 + letter - 64
    if len(letters) > 3 or column > limits.max_columns:
        raise FileRefusedError(
            f"{path}: refused: {sheet} has a cell in column "
            f"{letters[:8].decode('ascii', 'replace')}; casedu reads at most "
            f"{limits.max_columns} columns")
    if len(digits) > 7 or (digits and int(digits) > limits.max_rows + 1):
        raise FileRefusedError(
            f"{path}: refused: {sheet} has a cell in row {digits[:10].decode('ascii')}; casedu "
            f"reads at most {limits.max_rows} rows")
    corner[0] = max(corner[0], column)
    if digits:
        corner[1] = max(corner[1], int(digits))


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

    _check_zip(path, limits)
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
                repeat = _repeat(element, "number-rows-repeated", path, sheet_name, number + 1)
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
        repeat = _repeat(cell, "number-columns-repeated", path, sheet, number)
        column = len(cells) + 1
        if cell.get(f"{{{_TABLE}}}formula") is not None:
            raise FileRefusedError(f"{path}: sheet {sheet!r} row {number} column "
                                   f"{column}: a formula; paste the values instead")
        try:
            value = _ods_value(cell)
        except (ValueError, InvalidOperation) as error:
            raise FileRefusedError(f"{path}: sheet {sheet!r} row {number} column {column}: "
                                   f"{error}") from None
        cells.extend([value] * min(repeat, _room(len(cells))))
    while cells and cells[-1] in (None, ""):
        cells.pop()
    return tuple(cells)


def _room(filled: int, most: int = 1024) -> int:
    """How many more cells a row may take: repeated empty cells pad rows to the sheet's edge."""
    return max(0, most - filled)


def _repeat(element: Any, attribute: str, path: Path, sheet: str, number: int) -> int:
    text = element.get(f"{{{_TABLE}}}{attribute}", "1")
    if not text.isdigit() or len(text) > 9 or int(text) < 1:
        raise FileRefusedError(f"{path}: sheet {sheet!r} row {number}: {attribute} is "
                               f"{text[:20]!r}, not a count")
    return int(text)


def _ods_value(cell: Any) -> Cell:
    kind = cell.get(f"{{{_OFFICE}}}value-type")
    if kind in ("float", "percentage", "currency"):
        text = cell.get(f"{{{_OFFICE}}}value") or ""
        try:
            value = Decimal(text)
        except InvalidOperation:
            raise ValueError(f"office:value {text[:40]!r} is not a number") from None
        if not value.is_finite():
            raise ValueError(f"office:value {text[:40]!r} is not a finite number")
        return value
    if kind == "date":
        text = cell.get(f"{{{_OFFICE}}}date-value", "")
        try:
            return (dt.datetime.fromisoformat(text) if "T" in text
                    else dt.date.fromisoformat(text))
        except ValueError:
            raise ValueError(f"office:date-value {text[:40]!r} is not a date") from None
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
    """Stream the rows of a csv file: UTF-8 (with or without its mark), else GB18030, decided
    by reading the file once through a decoder (nothing is held but one row at a time)."""
    encoding = "utf-8-sig" if _decodes(path, "utf-8-sig") else "gb18030"
    return _counted(_csv_stream(path, encoding, limits), path, limits)


def _decodes(path: Path, encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        with path.open("rb") as stream:
            while chunk := stream.read(1 << 20):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    except OSError as error:
        raise FileRefusedError(f"{path}: cannot read it ({error.strerror})") from None
    return True


def _csv_stream(path: Path, encoding: str, limits: Limits) -> Iterator[SheetRow]:
    with path.open("r", encoding=encoding, errors="strict", newline="") as stream:
        reader = csv.reader(_lines(stream, path, limits.max_line))
        number = 0
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as error:  # a field over the csv module's limit, a NUL, ...
                raise FileRefusedError(
                    f"{path}: line {reader.line_num}: {error} (casedu reads fields of at most "
                    f"{csv.field_size_limit()} characters)") from None
            number += 1
            yield SheetRow(path.stem, number, tuple(cells))


def _lines(stream: Any, path: Path, limit: int) -> Iterator[str]:
    """The lines of a text stream, each read with a bound: a line of hundreds of megabytes is
    refused after ``limit`` characters instead of being read into memory whole."""
    number = 0
    while line := stream.readline(limit + 1):
        number += 1
        if len(line) > limit:
            raise FileRefusedError(f"{path}: line {number} is longer than {limit} characters")
        yield line
