"""Reading ods: content.xml streamed through defusedxml (odfpy would print the error of a
malformed document and read it as empty), repeat counts, numbers and dates checked with their
place."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from casedu.errors import FileRefusedError
from casedu.importers.sheet_rows import Cell, Limits, SheetRow, check_zip, counted

__all__ = ["ods_rows"]

_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"


def ods_rows(path: Path, limits: Limits, all_sheets: bool) -> Iterator[SheetRow]:
    """Stream the first table of content.xml with defusedxml: a malformed or hostile document is
    an error (odfpy would print the error and read an empty document)."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import iterparse

    check_zip(path, limits)
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

    return counted(rows(), path, limits)


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
    if not (text.isascii() and text.isdigit()) or len(text) > 9 or int(text) < 1:
        raise FileRefusedError(f"{path}: sheet {sheet!r} row {number}: {attribute} is "
                               f"{text[:20]!r}, not a count")
    return int(text)


#: A number as OpenDocument writes it (an xsd:double of ASCII digits; Decimal() takes every
#: script's digits, and NaN and INF).
_XML_NUMBER = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")


def _ods_value(cell: Any) -> Cell:
    kind = cell.get(f"{{{_OFFICE}}}value-type")
    if kind in ("float", "percentage", "currency"):
        text = (cell.get(f"{{{_OFFICE}}}value") or "").strip()
        if not _XML_NUMBER.fullmatch(text):
            raise ValueError(f"office:value {text[:40]!r} is not a number of the digits 0-9 and a "
                             "dot")
        try:
            return Decimal(text)
        except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
            raise ValueError(f"office:value {text[:40]!r} is not a number") from None
    if kind == "date":
        text = cell.get(f"{{{_OFFICE}}}date-value", "")
        try:
            if not text.isascii():
                raise ValueError
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
