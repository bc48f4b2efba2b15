"""The columns of the import templates and how their cells are read.

Headers are the manual's Chinese names; English names are accepted too. Cell readers turn what a
spreadsheet gives (numbers, dates, text) into the model's values, or raise ``ValueError`` with a
message a user can act on.

>>> read_bool("是"), read_bool("no"), read_date("2026/3/2"), read_decimal(2.5)
(True, False, datetime.date(2026, 3, 2), Decimal('2.5'))
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import attrs

from casedu.errors import shown
from casedu.importers.reading import Cell
from casedu.quantities import parse_decimal

__all__ = [
    "Field",
    "normalize_header",
    "read_bool",
    "read_count",
    "read_date",
    "read_decimal",
    "read_text",
]

_TRUE = {"是", "y", "yes", "true", "1", "t", "√", "✓"}
_FALSE = {"否", "n", "no", "false", "0", "f", "×", ""}
_DATE = re.compile(r"([0-9]{4})[-/.年]([0-9]{1,2})[-/.月]([0-9]{1,2})日?")

# Cells take ASCII digits and the full-width forms that an input method types in full-width
# mode (０-９, with its dot and comma); every other script's digits are refused, although
# Python's int() and Decimal() would read them.
_FULL_WIDTH = str.maketrans("０１２３４５６７８９．，－", "0123456789.,-")
#: A number in a cell: commas only between thousands, in groups of three.
_CELL_NUMBER = re.compile(r"-?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?")
_NUMBER_EXAMPLE = "expected a number such as 12, 12.5 or 1,234.5"


def _typed(text: str) -> str:
    """A cell's text with full-width digits, dot and comma as ASCII, and no spaces around."""
    return text.strip().translate(_FULL_WIDTH)


def normalize_header(text: object) -> str:
    """A header as compared: no spaces, no required-marks, lower case."""
    return re.sub(r"[\s*＊()（）]", "", str(text or "")).lower()


def read_text(value: Cell) -> str | None:
    """Text, trimmed; empty is None. Numbers become their text (a phone typed as a number)."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text or None


def read_bool(value: Cell) -> bool:
    """是/否, yes/no, true/false, 1/0."""
    if isinstance(value, bool):
        return value
    text = _typed(str(value if value is not None else "")).lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueError(f"expected 是 or 否, got {shown(value)}")


def read_date(value: Cell) -> dt.date:
    """A date cell, or text such as 2026-03-02, 2026/3/2 or 2026年3月2日."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    match = _DATE.fullmatch(_typed(str(value or "")))
    if match:
        try:
            return dt.date(*(int(g) for g in match.groups()))
        except ValueError:
            pass
    raise ValueError(f"expected a date such as 2026-03-02, got {shown(value)}")


def read_decimal(value: Cell) -> Decimal:
    """A number cell or decimal text, exactly (a float cell is read through its shortest text).

    Text is of ASCII or full-width digits (``４０．５``), with a dot as the decimal point and
    commas only between thousands (``1,234.5``); ``40,5`` and other scripts' digits are refused.
    """
    if isinstance(value, str):
        value = _number_text(value)
    try:
        result = parse_decimal(value)
    except ValueError:
        raise ValueError(f"{_NUMBER_EXAMPLE}, got {shown(value)}") from None
    if result < 0:
        raise ValueError(f"must not be negative, got {shown(value)}")
    return result


def _number_text(cell: str) -> str:
    """The plain decimal text of a number typed in a cell, or a ``ValueError`` saying what in
    it is not part of a number."""
    text = _typed(cell)
    if _CELL_NUMBER.fullmatch(text):
        return text.replace(",", "")
    for character in text:
        if character.isdigit() and not "0" <= character <= "9":
            raise ValueError(f"holds the digit {character!r} (U+{ord(character):04X}): write "
                             f"numbers in the digits 0-9, got {shown(cell)}")
    if "," in text and re.fullmatch(r"-?[0-9,]*(?:\.[0-9,]*)?", text):
        raise ValueError(f"a comma only separates thousands, in groups of three (1,234.5); "
                         f"the decimal point is a dot (40.5), got {shown(cell)}")
    raise ValueError(f"{_NUMBER_EXAMPLE}, got {shown(cell)}")


def read_count(value: Cell) -> int:
    """A whole number ≥ 0."""
    number = read_decimal(value)
    if number != number.to_integral_value():
        raise ValueError(f"expected a whole number, got {shown(value)}")
    return int(number)


@attrs.frozen
class Field:
    """A column of an import: the record field it fills, its Chinese header (as in the
    template), other headers accepted, whether it is required, how to read it, and a line of
    help for the instructions sheet."""

    key: str
    header: str
    aliases: tuple[str, ...] = ()
    required: bool = False
    read: Callable[[Cell], Any] = read_text
    help: str = ""
    default: Any = None

    def matches(self, header: object) -> bool:
        """Whether a header of the file names this column."""
        wanted = normalize_header(header)
        return wanted in {normalize_header(h) for h in (self.header, self.key, *self.aliases)}
