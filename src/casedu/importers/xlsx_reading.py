"""Reading xlsx: every cell reference checked against the limits before a reader sees the file,
then python-calamine (fast, when installed and the sheet holds no formula) or openpyxl (row by
row, naming a formula's place)."""

from __future__ import annotations

import datetime as dt
import os
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from casedu.errors import FileRefusedError
from casedu.importers.sheet_rows import READER_ENV, Cell, Limits, SheetRow, check_zip, counted

__all__ = ["xlsx_rows"]

def xlsx_rows(path: Path, limits: Limits, all_sheets: bool) -> Iterator[SheetRow]:
    check_zip(path, limits)
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


# A value that holds something other than what a number is written with: the few cells to look
# at closely (shared strings, the most common cells, hold their index: a number).
_ODD_VALUE = re.compile(rb"<(?:\w+:)?v>([^<]*?[^0-9.eE+\-<][^<]*)</")
_CELL_TYPE = re.compile(rb'\st="([^"]*)"')
_CELL_REFERENCE = re.compile(rb'\sr="([^"]{0,20})"')
#: A number as SpreadsheetML writes it (an xsd:double of ASCII digits): openpyxl reads a number
#: cell with float() or int(), which take every script's digits.
_XML_NUMBER = re.compile(rb"\s*[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?\s*")
#: Where a piece of a worksheet is cut while it is streamed: before the last cell that starts in
#: it, so that every cell (its reference, its type and its value) is looked at whole.
_CELL_START = re.compile(rb"<(?:\w+:)?c[\s>]")
#: The longest unfinished piece kept from one read to the next.
_LONGEST_TAIL = 1 << 20


def _scan_worksheets(path: Path, limits: Limits) -> tuple[bool, int]:
    """Check every cell reference and sheet dimension of the worksheets against the limits
    (a reader never sees a cell at XFD1048576) and every number cell's value (ASCII digits
    only), and say whether a worksheet holds a formula (``<f>``: calamine would give its cached
    value, so such a file goes to openpyxl, which names the formula's place) and how many cells
    the largest used range spans. Streams each worksheet; reads nothing else."""
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
                    cut = _last_cell_start(data)
                    complete, tail = (data[:cut], data[cut:]) if cut > 0 else (data, b"")
                    if len(tail) > _LONGEST_TAIL:  # no cell is this long: stop growing it
                        complete, tail = data, b""
                    _check_numbers(path, name, complete)
                    for match in _REFERENCE.finditer(complete):
                        _check_reference(path, name, match.group(1), match.group(2), limits,
                                         corner)
                        if match.group(3) is not None:
                            _check_reference(path, name, match.group(3), match.group(4),
                                             limits, corner)
            _check_numbers(path, name, tail)
            for match in _REFERENCE.finditer(tail):
                _check_reference(path, name, match.group(1), match.group(2), limits, corner)
            cells = corner[0] * corner[1]
            if cells > limits.max_cells:
                raise FileRefusedError(
                    f"{path}: refused: {name} spans {corner[1]} rows × {corner[0]} columns; "
                    f"casedu reads at most {limits.max_cells} cells a sheet")
            largest = max(largest, cells)
    return formulas, largest


def _last_cell_start(data: bytes, end: int | None = None) -> int:
    """Where the last cell of ``data`` (before ``end``) starts, else its last tag (-1: none)."""
    start = data.rfind(b"<", 0, end)
    while start > 0:
        if _CELL_START.match(data, start):
            return start
        start = data.rfind(b"<", 0, start)
    return data.rfind(b"<", 0, end)


def _check_numbers(path: Path, sheet: str, xml: bytes) -> None:
    """Refuse a number cell whose value is not a number of ASCII digits (``4٠``)."""
    for match in _ODD_VALUE.finditer(xml):
        if _XML_NUMBER.fullmatch(match.group(1)):
            continue
        start = _last_cell_start(xml, match.start())
        attributes = xml[start:xml.find(b">", start, match.start())]
        kind = _CELL_TYPE.search(attributes)
        if start >= 0 and _CELL_START.match(xml, start) and (kind is None
                                                             or kind.group(1) == b"n"):
            where = _CELL_REFERENCE.search(attributes)
            cell = where.group(1).decode("ascii", "replace") if where else "?"
            value = match.group(1)[:40].decode("utf-8", "replace")
            raise FileRefusedError(
                f"{path}: refused: {sheet} cell {cell}: a number cell holds {value!r}, not a "
                "number of the digits 0-9 and a dot")


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

    return counted(rows(), path, limits)


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

        yield from counted(rows(), path, limits)
    except FileRefusedError:
        raise
    except Exception as error:
        raise FileRefusedError(f"{path}: cannot read it ({type(error).__name__}: "
                               f"{error})") from None
    finally:
        workbook.close()
