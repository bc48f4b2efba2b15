"""How cells are read: numbers as people type them in a spreadsheet (ASCII or full-width digits,
a dot as the decimal point, commas between thousands), and nothing else."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest

from casedu.importers.fields import read_bool, read_count, read_date, read_decimal


@pytest.mark.parametrize(("cell", "expected"), [
    ("40", "40"), ("40.5", "40.5"), (" 12 ", "12"), (40, "40"), (2.5, "2.5"),
    (Decimal("1.10"), "1.10"),
    ("1,234", "1234"), ("1,234.5", "1234.5"), ("1,234,567.00", "1234567.00"),
    ("999,999", "999999"), ("0", "0"), ("0.25", "0.25"),
    # what an input method types in full-width mode
    ("４０", "40"), ("４０．５", "40.5"), ("１，２３４", "1234"), ("１，２３４．５０", "1234.50"),
    ("\u3000４０\u3000", "40"),
])
def test_numbers_in_cells(cell, expected):
    value = read_decimal(cell)
    assert value == Decimal(expected) and str(value) == expected


@pytest.mark.parametrize(("cell", "message"), [
    ("4٠", "the digit '٠' (U+0660)"),           # an Arabic-Indic zero: was read as 40
    ("٤٠", "the digit '٤' (U+0664)"),
    ("۴۰", "the digit '۴' (U+06F4)"),            # Persian
    ("४०", "the digit '४' (U+096A)"),            # Devanagari
    ("𝟒𝟎", "the digit '𝟒' (U+1D7D2)"),           # mathematical bold
    ("40,5", "a comma only separates thousands"),  # was read as 405
    ("1,23", "a comma only separates thousands"),
    ("1,2345", "a comma only separates thousands"),
    (",123", "a comma only separates thousands"),
    ("1.234,5", "a comma only separates thousands"),
    ("1,234,56", "a comma only separates thousands"),
    ("12 345", "expected a number such as 12, 12.5 or 1,234.5"),
    ("1e5", "expected a number such as 12, 12.5 or 1,234.5"),
    ("NaN", "expected a number such as 12, 12.5 or 1,234.5"),
    ("40.", "expected a number such as 12, 12.5 or 1,234.5"),
    ("四十", "expected a number such as 12, 12.5 or 1,234.5"),
    ("40。5", "expected a number such as 12, 12.5 or 1,234.5"),
    ("", "expected a number such as 12, 12.5 or 1,234.5"),
    (True, "expected a number such as 12, 12.5 or 1,234.5"),
    ("-3", "must not be negative"),
])
def test_other_digits_and_separators_are_refused(cell, message):
    with pytest.raises(ValueError, match=re.escape(message)) as info:
        read_decimal(cell)
    if isinstance(cell, str) and cell:
        assert repr(cell) in str(info.value)  # the message shows the cell as it is


@pytest.mark.parametrize(("cell", "expected"), [
    ("40", 40), ("４０", 40), ("1,000", 1000), (12, 12), (12.0, 12)])
def test_counts_in_cells(cell, expected):
    assert read_count(cell) == expected


@pytest.mark.parametrize("cell", ["4٠", "40,5", "40.5", "１，０００．５"])
def test_counts_refuse_what_numbers_refuse_and_fractions(cell):
    with pytest.raises(ValueError):
        read_count(cell)


@pytest.mark.parametrize(("cell", "expected"), [
    ("2026-03-02", dt.date(2026, 3, 2)), ("2026/3/2", dt.date(2026, 3, 2)),
    ("2026年3月2日", dt.date(2026, 3, 2)), ("２０２６年３月２日", dt.date(2026, 3, 2)),
    ("２０２６-０３-０２", dt.date(2026, 3, 2)),
])
def test_dates_in_cells(cell, expected):
    assert read_date(cell) == expected


@pytest.mark.parametrize("cell", ["٢٠٢٦-03-02", "2026-0٣-02", "२०२६-03-02"])
def test_dates_of_other_digits_are_refused(cell):
    with pytest.raises(ValueError, match="expected a date such as 2026-03-02"):
        read_date(cell)


def test_yes_and_no_in_full_width():
    assert (read_bool("１"), read_bool("０"), read_bool("是")) == (True, False, True)
    with pytest.raises(ValueError):
        read_bool("١")
