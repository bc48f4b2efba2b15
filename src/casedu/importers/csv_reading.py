"""Reading csv: UTF-8 (with or without its mark), else GB18030, streamed with a bound on each
line and on each field."""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from casedu.errors import FileRefusedError
from casedu.importers.sheet_rows import Limits, SheetRow, counted

__all__ = ["csv_rows"]

def csv_rows(path: Path, limits: Limits) -> Iterator[SheetRow]:
    """Stream the rows of a csv file: UTF-8 (with or without its mark), else GB18030, decided
    by reading the file once through a decoder (nothing is held but one row at a time)."""
    encoding = "utf-8-sig" if _decodes(path, "utf-8-sig") else "gb18030"
    return counted(_csv_stream(path, encoding, limits), path, limits)


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
