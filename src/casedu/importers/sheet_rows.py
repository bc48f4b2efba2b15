"""What the spreadsheet readers give and what they refuse before parsing: rows of cells, the
limits of a file, the check of a zip's entries, sizes and compression ratio, and the count of rows
against the limit."""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import attrs

from casedu.errors import FileRefusedError

__all__ = ["READER_ENV", "Cell", "Limits", "SheetRow", "check_zip", "counted"]

#: Set ``CASEDU_XLSX_READER=openpyxl`` to read xlsx with openpyxl although calamine is installed.
READER_ENV = "CASEDU_XLSX_READER"

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


def check_zip(path: Path, limits: Limits) -> None:
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


def counted(rows: Iterator[SheetRow], path: Path, limits: Limits) -> Iterator[SheetRow]:
    for count, row in enumerate(rows, start=1):
        if count > limits.max_rows:
            raise FileRefusedError(f"{path}: refused: more than {limits.max_rows} rows")
        yield row
