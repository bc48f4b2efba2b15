"""How exporters read and show cell values; shared so every format shows a value the same way."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from typing import NamedTuple

import attrs

from casedu.quantities import decimal_text, money_text, percent_text, round_half_up
from casedu.reports.document import CellValue, Column, Kind, Mark, Row, Table, Typed

__all__ = [
    "FORMULA_PREFIXES",
    "NUMBER_FORMATS",
    "HeaderSpan",
    "cell_of",
    "display",
    "header_spans",
    "looks_like_formula",
    "machine_value",
    "marked_cells",
    "spread_column",
    "typed_cells",
    "without_column",
]

#: A text cell starting with one of these would run as a formula in a spreadsheet.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

#: Spreadsheet number formats of the kinds that are numbers.
NUMBER_FORMATS = {
    Kind.INTEGER: "0",
    Kind.HOURS: "0.0",
    Kind.MONEY: "#,##0.00",
    Kind.DECIMAL: "0.00",
    Kind.PERCENT: "0.00%",
    Kind.DATE: "yyyy-mm-dd",
}


def looks_like_formula(text: str) -> bool:
    """Whether a spreadsheet would read ``text`` as a formula.

    >>> looks_like_formula("=1+1"), looks_like_formula("-3"), looks_like_formula("讲座")
    (True, True, False)
    """
    return text.startswith(FORMULA_PREFIXES)


def typed_cells(columns: tuple[Column, ...], row: Row) -> Iterator[tuple[CellValue, Kind]]:
    """Each cell of ``row`` with its kind: a :class:`Typed` cell's own, else its column's."""
    for column, cell in zip(columns, row.cells, strict=True):
        if isinstance(cell, Typed):
            yield cell.value, cell.kind
        else:
            yield cell, column.kind


def marked_cells(table: Table, row: Row) -> Iterator[tuple[CellValue, Kind]]:
    """:func:`typed_cells`, with the text mark of a row not implemented (【未实施】) before its
    first cell: the mark survives black-and-white printing, where a red fill does not."""
    cells = typed_cells(table.columns, row)
    if Mark.NOT_IMPLEMENTED not in row.marks:
        return cells  # most rows: no second generator around the first
    return _with_mark(cells)


def _with_mark(cells: Iterator[tuple[CellValue, Kind]]) -> Iterator[tuple[CellValue, Kind]]:
    for index, (value, kind) in enumerate(cells):
        if index == 0:
            yield f"【{Mark.NOT_IMPLEMENTED.label}】{display(value, kind)}", Kind.TEXT
        else:
            yield value, kind


def display(value: CellValue, kind: Kind) -> str:
    """A value as printed on paper (PDF, HTML): hours 0.0, money 1,234.00, rates 66.67%.

    >>> display(Decimal("12.25"), Kind.HOURS), display(Decimal("1234.5"), Kind.MONEY)
    ('12.3', '1,234.50')
    >>> display(None, Kind.PERCENT), display(True, Kind.YES_NO)
    ('—', '是')
    """
    if value is None:
        return "—" if kind in (Kind.PERCENT, Kind.HOURS, Kind.MONEY, Kind.DECIMAL) else ""
    if kind is Kind.HOURS and isinstance(value, Decimal):
        return decimal_text(round_half_up(value, 1))
    if kind is Kind.DECIMAL and isinstance(value, Decimal):
        return decimal_text(round_half_up(value, 2))
    if kind is Kind.MONEY and isinstance(value, Decimal | int) and not isinstance(value, bool):
        return money_text(Decimal(value), grouped=True)
    if kind is Kind.PERCENT and isinstance(value, Decimal):
        return percent_text(value)
    if kind is Kind.DATE_RANGE and isinstance(value, tuple):
        start, end = value
        return start.isoformat() if start == end else f"{start.isoformat()} 至 {end.isoformat()}"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def machine_value(value: CellValue, kind: Kind) -> str | int | bool | None:
    """A value for csv and json: exact decimals as text, money with its fen, dates ISO,
    booleans kept.

    >>> machine_value(Decimal("0.666666"), Kind.PERCENT), machine_value(Decimal("2.50"), Kind.HOURS)
    ('0.6667', '2.50')
    >>> machine_value(Decimal(1234567), Kind.MONEY)
    '1234567.00'
    """
    if kind is Kind.MONEY and isinstance(value, Decimal | int) and not isinstance(value, bool):
        return money_text(Decimal(value))
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, Decimal):
        if kind is Kind.PERCENT:
            return decimal_text(round_half_up(value, 4))
        return decimal_text(value)
    if isinstance(value, tuple):
        return f"{value[0].isoformat()}/{value[1].isoformat()}"
    return value.isoformat()


class HeaderSpan(NamedTuple):
    """A run of neighbouring columns under one group header (``group`` set), or a single
    column without a group, which spans both header rows (``group`` None)."""

    first: int  # 0-based, inclusive
    last: int
    group: str | None
    title: str  # the group's title, or the column's


def header_spans(table: Table) -> list[HeaderSpan]:
    """The top header row of a table with column groups, left to right.

    >>> from casedu.reports.document import Column
    >>> t = Table(columns=(Column("a", "甲"), Column("b", "乙", group="学时"),
    ...                    Column("c", "丙", group="学时")), rows=())
    >>> [(s.first, s.last, s.title) for s in header_spans(t)]
    [(0, 0, '甲'), (1, 2, '学时')]
    """
    spans: list[HeaderSpan] = []
    columns = table.columns
    i = 0
    while i < len(columns):
        group = columns[i].group
        last = i
        while group and last + 1 < len(columns) and columns[last + 1].group == group:
            last += 1
        spans.append(HeaderSpan(i, last, group, group or columns[i].title))
        i = last + 1
    return spans


def cell_of(columns: tuple[Column, ...], row: Row, index: int) -> tuple[CellValue, Kind]:
    """The value and kind of cell ``index`` of ``row``."""
    cell = row.cells[index]
    if isinstance(cell, Typed):
        return cell.value, cell.kind
    return cell, columns[index].kind


def spread_column(table: Table) -> int | None:
    """The column printed across the page under its row (``Column.spread``), if any."""
    if len(table.columns) < 2:
        return None
    return next((i for i, c in enumerate(table.columns) if c.spread), None)


def without_column(table: Table, index: int) -> Table:
    """The table without its column ``index`` (printed under the rows instead)."""

    def cut(row: Row) -> Row:
        return attrs.evolve(row, cells=row.cells[:index] + row.cells[index + 1:])

    return attrs.evolve(table, columns=table.columns[:index] + table.columns[index + 1:],
                        rows=[cut(r) for r in table.rows],
                        totals=cut(table.totals) if table.totals is not None else None)
