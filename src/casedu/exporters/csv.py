"""CSV: UTF-8 with a byte-order mark, so Excel reads the Chinese; one section per table."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import BinaryIO

from casedu.exporters.cells import FORMULA_PREFIXES, looks_like_formula, machine_value
from casedu.progress import advance
from casedu.reports.document import CellValue, Document, Kind, Mark, Row, Table, Typed

__all__ = ["CsvExporter"]


class CsvExporter:
    """Comma-separated values for spreadsheets and scripts.

    Numbers are exact (hours ``2.50``, rates as fractions ``0.6667``), dates ISO. Rows with a mark
    carry it in a last column 标记 (``not_implemented``). A text cell that a spreadsheet would
    run as a formula is written with a leading apostrophe. The signature block follows the
    tables after a blank line, each label beside an empty cell to fill in.
    """

    name = "csv"
    suffix = ".csv"
    media_type = "text/csv"
    description = "CSV, UTF-8 with BOM (Excel reads the Chinese); one section per table"

    def write(self, document: Document, stream: BinaryIO) -> None:
        """Write every table of ``document``; several tables are separated by a blank line."""
        stream.write(codecs.BOM_UTF8)  # then plain UTF-8, whose encoder is C's own
        text = io.TextIOWrapper(stream, encoding="utf-8", newline="")
        try:
            writer = csv.writer(text)
            tables = document.tables
            for index, table in enumerate(tables):
                if index:
                    writer.writerow([])
                if len(tables) > 1:
                    writer.writerow([_safe(table.title or f"table {index + 1}")])
                writer.writerows(_table_rows(table))
            writer.writerows(_signature(document))
            text.flush()
        finally:
            text.detach()


def _table_rows(table: Table) -> Iterator[list[object]]:
    marked = table.has_marks
    header: list[object] = [_safe(c.title) for c in table.columns]
    yield header + (["标记"] if marked else [])
    rows: list[Row] = list(table.rows)
    if table.totals is not None:
        rows.append(table.totals)
    # each column's way of writing a value of each type, found once: a text that is not a
    # formula is written as it is (the most common cell by far), any other value through
    # the shortcut of its type and its column's kind, or the general way (:func:`_cell`)
    columns = [(c.kind, _SHORTCUTS[c.kind].get) for c in table.columns]
    for row in rows:
        advance()  # an export's progress, in the document's rows (and its totals)
        out: list[object] = [
            cell if type(cell) is str and not cell.startswith(FORMULA_PREFIXES)
            else shortcut(type(cell), _cell)(cell, kind)
            for cell, (kind, shortcut) in zip(row.cells, columns, strict=True)]
        if marked:
            out.append(",".join(sorted(m.value for m in row.marks if m is not Mark.TOTAL)))
        yield out


def _signature(document: Document) -> Iterator[list[object]]:
    """The signature block after a blank line, a label then an empty cell to fill in each
    (the date a cell before each of 年, 月 and 日); a reader of the data stops at the blank
    line, as between two tables."""
    stamp = document.stamp
    yield []
    yield [stamp.filing_label, _safe(document.institute)]
    yield [stamp.signer_label, ""]
    yield [stamp.preparer_label, "", stamp.phone_label, ""]
    yield [stamp.unit_label, ""]
    yield ["日期", "", "年", "", "月", "", "日"]


def _cell(value: CellValue | Typed, kind: Kind) -> object:
    """A value as written in the csv (the general way; :data:`_SHORTCUTS` for the common)."""
    if isinstance(value, Typed):
        return _cell(value.value, value.kind)
    result = machine_value(value, kind)
    if isinstance(result, bool):
        return "true" if result else "false"
    if isinstance(result, str):
        return _safe(result)
    return "" if result is None else result


def _safe(text: str) -> str:
    return "'" + text if looks_like_formula(text) else text


def _yes_no(value: object, kind: Kind) -> object:
    return "true" if value else "false"


def _empty(value: object, kind: Kind) -> object:
    return ""


def _same(value: object, kind: Kind) -> object:
    return value


def _plain(value: object, kind: Kind) -> object:
    return _safe(format(value, "f"))  # an exact decimal in plain notation (decimal_text)


def _iso(value: object, kind: Kind) -> object:
    assert isinstance(value, dt.date)
    return value.isoformat()


#: For each kind, what :func:`_cell` makes of a value of each common type, without its
#: questions (a test holds the two equal); money and rates go the general way.
_SHORTCUTS: dict[Kind, dict[type, Callable[[object, Kind], object]]] = {
    kind: {bool: _yes_no, type(None): _empty, dt.date: _iso,
           **({} if kind is Kind.MONEY else {int: _same}),
           **({} if kind in (Kind.MONEY, Kind.PERCENT) else {Decimal: _plain})}
    for kind in Kind}
