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

import os
import zipfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

from casedu.errors import CaseduError, FileRefusedError, expect
from casedu.importers.sheet_rows import READER_ENV, Cell, Limits, SheetRow

__all__ = ["READER_ENV", "Cell", "FileRefusedError", "Limits", "SheetRow", "read_rows"]


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
        from casedu.importers.xlsx_reading import xlsx_rows

        rows = _guarded(target, lambda: xlsx_rows(target, limits, all_sheets))
    elif suffix == ".ods":
        from casedu.importers.ods_reading import ods_rows

        rows = _guarded(target, lambda: ods_rows(target, limits, all_sheets))
    else:
        from casedu.importers.csv_reading import csv_rows

        rows = _guarded(target, lambda: csv_rows(target, limits))
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
