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
_DATE = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?")


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
    text = str(value if value is not None else "").strip().lower()
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
    match = _DATE.fullmatch(str(value or "").strip())
    if match:
        try:
            return dt.date(*(int(g) for g in match.groups()))
        except ValueError:
            pass
    raise ValueError(f"expected a date such as 2026-03-02, got {shown(value)}")


def read_decimal(value: Cell) -> Decimal:
    """A number cell or decimal text, exactly (a float cell is read through its shortest text)."""
    if isinstance(value, str):
        value = value.strip().replace(",", "")
    try:
        result = parse_decimal(value)
    except ValueError:
        raise ValueError(f"expected a number such as 12 or 12.5, got {shown(value)}") from None
    if result < 0:
        raise ValueError(f"must not be negative, got {shown(value)}")
    return result


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
