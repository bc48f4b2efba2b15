"""A document laid out as a printed sheet, the same for xlsx and ods: rows of cells with their
heights, merged cells, page breaks, print titles and the charts' places. Each format writes
this grid in its own XML (:mod:`casedu.exporters.xlsx`, :mod:`casedu.exporters.ods`).

A spreadsheet program cannot split a row across pages, and Excel and WPS allow no row taller
than 409 pt, so a record whose text is longer goes on in the rows below it, each under the
record's number and （续）. casedu computes every row's height from its text
(:mod:`casedu.exporters.sheetpage`), so it knows where each page ends: it breaks pages itself
so that a record's rows, and the last record with the notes and the signature block, stay on
one page. Columns are as wide as their content needs and the page allows at 100 %, so nothing
is shrunk to fit: body text prints at 10 pt, the titles of columns at 10.5 pt.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator

import attrs

from casedu.exporters.cells import spread_column
from casedu.exporters.linebreak import MIN_LINES
from casedu.exporters.sheetpage import LINE, ROW_PADDING, UNIT_PT, Paper
from casedu.exporters.sheetparts import CONTINUED, MARK, Cell, ChartAt, GridRow
from casedu.exporters.sheetrows import RowMaker
from casedu.progress import advance
from casedu.reports.document import Chart, Document, Paragraph, Row, Table

__all__ = ["CONTINUED", "MARK", "Cell", "ChartAt", "GridRow", "SheetLayout"]

#: Points taken off each column of an xlsx (see :attr:`SheetLayout.units`).
UNIT_SLACK = 1.0


@attrs.define
class _Group:
    rows: list[GridRow]
    sticky: bool = False  # goes on the page of the next group (a title, a table's header)
    tail: bool = False  # from here on everything stays together (the last record, the stamp)


class SheetLayout:
    """The grid of one document: widths, then rows streamed with :meth:`rows`; once they are
    read, the frozen rows, print titles, charts and the last row are known."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.paper = Paper(document.orientation)
        self.make = RowMaker(document, self.paper)
        self.widths = self.make.widths
        self.count = self.make.count
        self.row = 0  # rows numbered so far
        self.frozen: int | None = None  # the first row under the first table's header
        self.print_titles: tuple[int, int] | None = None
        self.titles_height = 0.0
        self.charts: list[ChartAt] = []
        self.breaks: list[int] = []  # rows that start a page
        #: A group this tall or less moves whole to the next page (the signature block's).
        self._keep = 0.0

    @property
    def units(self) -> list[float]:
        """The widths in xlsx characters (:data:`~casedu.exporters.sheetpage.UNIT_PT`), each
        a point short: LibreOffice adds about that to every column (at the page's full width,
        it would otherwise shrink the print by 1 %)."""
        return [round((w - UNIT_SLACK) / UNIT_PT, 2) for w in self.widths]

    def rows(self) -> Iterator[GridRow]:
        """Every row, numbered in order (``self.row`` is the last one's number), with the
        page breaks that keep records and the signature block whole."""
        page = self.paper.height
        used = 0.0
        pending: list[GridRow] = []
        keeping = False
        for group in self._groups():
            pending.extend(group.rows)
            keeping = keeping or group.tail
            if group.sticky or keeping:
                continue
            used = yield from self._place(pending, used, page)
            pending = []
        yield from self._place(pending, used, page)

    def _place(self, rows: list[GridRow], used: float,
               page: float) -> Generator[GridRow, None, float]:
        """Rows of one group: on this page when they fit; a group of at most a third of a
        page (a short record, the end with the signature block) moves whole to the next
        page; a taller one fills this page, its text row split between two lines with at
        least :data:`MIN_LINES` on each side, the rest under the record's number and （续）.
        Returns the height used of the last page."""
        top = self.titles_height
        if len(rows) == 1 and used + rows[0].height <= page:  # most rows: it fits, as it is
            yield self._numbered(rows[0])
            return used + rows[0].height
        heights = [r.height for r in rows]
        height = sum(heights)
        if used + height <= page and not any(r.page_break for r in rows):
            for row in rows:  # a record and the text under it, on this page as they are
                yield self._numbered(row)
            return used + height
        whole = height <= max(page / 3, self._keep) and top + height <= page
        queue = list(reversed(rows))
        first = True
        while queue:
            row = queue.pop()
            if used > top + 1e-6:  # a page started with rows of its own
                if whole and first and used + height > page:
                    row.page_break = True
                elif not whole and used + row.height > page:
                    lines = int((page - used - ROW_PADDING) // (row.size * LINE))
                    lines = min(lines, row.lines - MIN_LINES)
                    if row.splitter is not None and lines >= MIN_LINES:
                        row, rest = row.splitter(lines)
                        queue.append(rest)
                    else:
                        row.page_break = True
            if row.page_break and row.resumed is not None:
                row = row.resumed()
                row.page_break = True
            if row.page_break:
                used = top
            first = False
            used += row.height
            yield self._numbered(row)
            if used > page + 1e-6 and queue:  # a split head fills the page
                queue[-1].page_break = True
        return used

    def _numbered(self, row: GridRow) -> GridRow:
        """The row, numbered; what it starts (a page, the print titles, a chart) noted."""
        self.row += 1
        if row.page_break:
            self.breaks.append(self.row)
        if row.titles:
            first = self.print_titles[0] if self.print_titles else self.row
            self.print_titles = (first, self.row)
            self.frozen = self.row + 1
        if row.chart is not None:
            spec, header = row.chart, self.row
            self.charts.append(ChartAt(spec.chart, spec.column, header, header + 1,
                                       header + len(spec.chart.labels), spec.at_column,
                                       width_cm=spec.width_cm))
        return row

    def _groups(self) -> Iterator[_Group]:
        document = self.document
        span = self.count
        yield _Group([self.make.text_row(document.title, "title", span)], sticky=True)
        yield _Group([self.make.text_row(document.subtitle, "subtitle", span)], sticky=True)
        last = max((i for i, b in enumerate(document.blocks) if isinstance(b, Table)),
                   default=-1)
        for index, block in enumerate(document.blocks):
            yield _Group([self.make.spacer()], sticky=True)
            if isinstance(block, Table):
                yield from self._table(block, last=index == last)
            elif isinstance(block, Paragraph):
                yield _Group(self.make.text_rows(block.text, "note", span), tail=index > last >= 0)
            elif isinstance(block, Chart):
                yield _Group(self.make.chart(block), tail=index > last >= 0)
        if document.notes:
            yield _Group([self.make.spacer()], tail=last >= 0)
            for note in document.notes:
                yield _Group(self.make.text_rows(note, "note", span), tail=last >= 0)
        yield _Group(self.make.stamp(), tail=True)

    # -- rows ----------------------------------------------------------------------------

    def _table(self, table: Table, *, last: bool) -> Iterator[_Group]:
        span = self.count
        if table.title:
            yield _Group([self.make.text_row(table.title, "subtitle", span)], sticky=True)
        spread = spread_column(table)
        view = self.make.view(table, spread)
        header = self.make.header(view)
        if not self.titles_height:  # the first table's header is printed on every page
            self.titles_height = self.make.above = sum(r.height for r in header)
            for line in header:
                line.titles = True
        yield _Group(header, sticky=True)
        records: list[Row] = [*table.rows, *((table.totals,) if table.totals else ())]
        keep = 2 if table.totals is not None else 1  # the last record and the totals
        record, detail = self.make.record, self.make.detail
        for index, row in enumerate(records):
            advance()  # an export's progress, in the document's rows (and its totals)
            if spread is None:
                yield _Group(record(view, row.cells, row.marks),
                             tail=last and index >= len(records) - keep)
                continue
            cells = row.cells
            rows = record(view, cells[:spread] + cells[spread + 1:], row.marks)
            rows += detail(table, row, spread)
            yield _Group(rows, tail=last and index >= len(records) - keep)
