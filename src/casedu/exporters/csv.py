"""CSV: UTF-8 with a byte-order mark, so Excel reads the Chinese; one section per table."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import BinaryIO

from casedu.exporters.cells import looks_like_formula, machine_value, typed_cells
from casedu.progress import advance
from casedu.reports.document import CellValue, Document, Kind, Mark, Row, Table

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
        text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
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
    for row in rows:
        advance()  # an export's progress, in the document's rows (and its totals)
        out: list[object] = [_cell(value, kind) for value, kind in typed_cells(table.columns, row)]
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


def _cell(value: CellValue, kind: Kind) -> object:
    result = machine_value(value, kind)
    if isinstance(result, bool):
        return "true" if result else "false"
    if isinstance(result, str):
        return _safe(result)
    return "" if result is None else result


def _safe(text: str) -> str:
    return "'" + text if looks_like_formula(text) else text
