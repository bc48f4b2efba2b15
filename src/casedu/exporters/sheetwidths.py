"""The columns' widths of a printed sheet (xlsx, ods), the same for both: the table with the
most columns fitted to the page from its content (:func:`casedu.exporters.widths.fit_widths`,
with the spreadsheets' text model of :mod:`casedu.exporters.sheetpage`), the others' columns
as wide as their content needs. Split from :mod:`casedu.exporters.sheetrows`, which makes the
rows."""

from __future__ import annotations

from collections.abc import Callable

from casedu.exporters.cells import spread_column, without_column
from casedu.exporters.sheetpage import (
    BODY_SIZE,
    CELL_PADDING,
    HEADER_SIZE,
    SLACK_EM,
    UNIT_PT,
    UNIT_PT_EXCEL,
    measure,
    text_width,
)
from casedu.exporters.sheetparts import CONTINUED, MARK
from casedu.exporters.widths import fit_widths, sample_rows
from casedu.reports.document import Document, Kind, Table

__all__ = ["sheet_widths"]

_SAMPLE = 200  # rows measured for a sheet's widths


def sheet_widths(document: Document, available: float,
                 marked: Callable[[Table], bool] | None = None) -> list[float]:
    """Each column's width in points: the table with the most columns fitted to the page from
    its content (a table with marks has a column 标记 more), the others' columns as wide as
    their content needs, each column as wide as the widest table needs it. ``marked`` tells
    whether a table has marks (each of its rows is read to know: the caller remembers it)."""
    scale = UNIT_PT / UNIT_PT_EXCEL  # text is wrapped at Excel's narrower characters
    body = measure(BODY_SIZE * scale)
    titles = measure(HEADER_SIZE * scale)
    padding = 2 * CELL_PADDING + SLACK_EM * HEADER_SIZE * scale
    mark = text_width(MARK, BODY_SIZE * scale) + padding
    tables = sorted(document.tables, key=lambda t: -len(t.columns))
    widths: list[float] = []
    for order, table in enumerate(tables):
        has_marks = marked(table) if marked is not None else table.has_marks
        spread = spread_column(table)
        sample = _SAMPLE
        if spread is not None:  # printed under its rows: not a column of the sheet
            picked = sample_rows(table, _SAMPLE)  # (only these are measured: only they are cut)
            table = without_column(Table(columns=table.columns, rows=picked), spread)
            sample = len(picked)
        room = available - (mark if has_marks else 0.0)
        least = {0: body(CONTINUED)}
        least |= {i: body("至 2026-12-31") for i, c in enumerate(table.columns)
                  if c.kind is Kind.DATE_RANGE}
        fitted = fit_widths(table, room, body, padding=padding, sample=sample, exact=False,
                            title_measure=titles, least=least, grow=order == 0)
        if has_marks:
            fitted.append(mark)
        for i, width in enumerate(fitted):
            widths[i:i + 1] = [max(widths[i], width)] if i < len(widths) else [width]
    if not widths:
        return [available / 2, available / 2]
    total = sum(widths)
    return [w * available / total for w in widths] if total > available else widths
