"""A document's blocks as platypus flowables: titles, notes, tables, the chart, the stamp."""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import (
    Flowable,
    LongTable,
    Spacer,
    TableStyle,
)
from reportlab.platypus import Paragraph as PdfParagraph
from reportlab.platypus import Table as PdfTable

from casedu.exporters.cells import display, header_spans, marked_cells
from casedu.exporters.linebreak import break_lines
from casedu.exporters.pdf import table as windows
from casedu.exporters.pdf.page import Drawn, Measure, measure_of
from casedu.exporters.pdf.table import TAIL_ROWS, Ending, Tail, Window, at_row
from casedu.exporters.widths import fit_widths, header_lines
from casedu.reports.document import (
    Chart,
    Document,
    Kind,
    Mark,
    Paragraph,
    Row,
    Stamp,
    Table,
)

__all__ = ["Story"]

_RED = colors.HexColor("#FFC7CE")
_RED_TEXT = colors.HexColor("#9C0006")
_HEADER = colors.HexColor("#D9D9D9")
_TOTAL = colors.HexColor("#F2F2F2")
_GRID = colors.HexColor("#808080")
_NUMERIC = {Kind.INTEGER, Kind.HOURS, Kind.MONEY, Kind.PERCENT, Kind.DECIMAL}
PADDING = 3  # points, each side of a cell
#: The rows of the last table kept on the page of the signature block.

class Story:
    """Turns the document's blocks into platypus flowables."""

    def __init__(self, document: Document, font: str, width: float) -> None:
        self.document = document
        self.font = font
        self.width = width
        self.styles = {
            "title": ParagraphStyle("title", fontName=font, fontSize=18, leading=24,
                                    alignment=TA_CENTER, spaceAfter=4),
            "subtitle": ParagraphStyle("subtitle", fontName=font, fontSize=11, leading=15,
                                       alignment=TA_CENTER, spaceAfter=8),
            "heading": ParagraphStyle("heading", fontName=font, fontSize=11, leading=15,
                                      spaceBefore=6, spaceAfter=4),
            "note": ParagraphStyle("note", fontName=font, fontSize=8.5, leading=12,
                                   wordWrap="CJK"),
            "cell": ParagraphStyle("cell", fontName=font, fontSize=8, leading=10,
                                   wordWrap="CJK"),
            "header": ParagraphStyle("header", fontName=font, fontSize=8.5, leading=10.5,
                                     alignment=TA_CENTER, wordWrap="CJK"),
            "stamp": ParagraphStyle("stamp", fontName=font, fontSize=11, leading=16),
        }

    def build(self) -> list[Flowable]:
        document = self.document
        story: list[Flowable] = [
            self._para(document.title, "title"),
            self._para(document.subtitle, "subtitle"),
        ]
        # the signature block keeps the last rows of the last table on its page: a signed and
        # stamped page is never a page of its own
        last_table = max((i for i, b in enumerate(document.blocks) if isinstance(b, Table)),
                         default=None)
        ending: list[Flowable] = []
        for index, block in enumerate(document.blocks):
            target = ending if last_table is not None and index > last_table else story
            if isinstance(block, Table):
                body, tail = self._table(block, split_tail=index == last_table)
                if block.title:  # a heading stays with the first part of its table
                    (story if body is not None else ending).append(
                        self._para(block.title, "heading"))
                if body is not None:
                    story.append(body)
                if tail is not None:
                    ending.append(tail)
                (ending if index == last_table else story).append(Spacer(1, 0.3 * cm))
            elif isinstance(block, Paragraph):
                target.append(self._para(block.text, "note"))
                target.append(Spacer(1, 0.2 * cm))
            elif isinstance(block, Chart):
                target.append(self._chart(block))
        for note in document.notes:
            ending.append(self._para(note, "note"))
        ending.append(Spacer(1, 0.6 * cm))
        ending.append(self._stamp(document.stamp))
        story.append(Ending(ending))
        return story

    def _para(self, text: str, style: str) -> PdfParagraph:
        """A paragraph broken into lines by :func:`break_lines` (reportlab's own CJK wrapping
        breaks numbers and starts lines with closing punctuation)."""
        paragraph_style = self.styles[style]
        measure = measure_of(self.font, paragraph_style.fontSize)
        lines = break_lines(text, self.width - 2, measure)
        return PdfParagraph("<br/>".join(escape(line) for line in lines), paragraph_style)

    def _table(self, table: Table, *, split_tail: bool = False) -> tuple[Flowable | None,
                                                                          Flowable | None]:
        """The table, and (with ``split_tail``) its last rows as a table of their own, to be
        kept with the signature block (a table of a few rows goes there whole)."""
        measure = measure_of(self.font, 8)
        col_widths = fit_widths(table, self.width, measure, padding=2 * PADDING)
        header_rows = self._header_rows(table, col_widths)
        room = [w - 2 * PADDING for w in col_widths]
        data: list[list[Any]] = list(header_rows)
        heads = len(header_rows)
        # every cell, whichever part of the table it is drawn in
        common: list[tuple[Any, ...]] = [
            ("FONTNAME", (0, 0), (-1, -1), self.font),
            ("FONTSIZE", (0, 0), (-1, -1), 8),
            ("LEADING", (0, 0), (-1, -1), 10),
            ("GRID", (0, 0), (-1, -1), 0.4, _GRID),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ("LEFTPADDING", (0, 0), (-1, -1), PADDING),
            ("RIGHTPADDING", (0, 0), (-1, -1), PADDING),
        ]
        header: list[tuple[Any, ...]] = [
            ("BACKGROUND", (0, 0), (-1, heads - 1), _HEADER),
            ("VALIGN", (0, 0), (-1, heads - 1), "MIDDLE"),
            ("ALIGN", (0, 0), (-1, heads - 1), "CENTER"),
        ]
        if table.has_groups:
            header.extend(self._group_spans(table))
        numeric = [i for i, column in enumerate(table.columns) if column.kind in _NUMERIC]
        rows = list(table.rows)
        if table.totals is not None:
            rows.append(table.totals)
        row_styles: list[list[tuple[Any, ...]]] = []
        for row in rows:
            cells, right = self._cells(table, row, room, measure)
            data.append(cells)
            own: list[tuple[Any, ...]] = [("ALIGN", (i, 0), (i, 0), "RIGHT") for i in right]
            if Mark.NOT_IMPLEMENTED in row.marks:
                own.append(("BACKGROUND", (0, 0), (-1, 0), _RED))
                own.append(("TEXTCOLOR", (0, 0), (-1, 0), _RED_TEXT))
            if Mark.TOTAL in row.marks:
                own.append(("BACKGROUND", (0, 0), (-1, 0), _TOTAL))
                own.append(("LINEABOVE", (0, 0), (-1, 0), 1, colors.black))
            row_styles.append(own)
        keep = min(TAIL_ROWS + (table.totals is not None), len(rows)) if split_tail else 0

        def table_of(first: int, last: int, with_header: bool = True,
                     lead: tuple[list[Any], float] | None = None) -> LongTable:
            """Rows ``first`` to ``last`` (exclusive), under the header or without it; with
            ``lead``, row ``first`` is those cells of that height (what is left of a row split
            across pages)."""
            offset = heads if with_header else 0
            body = common + (header if with_header else [])
            body += [("ALIGN", (i, offset), (i, -1), "RIGHT") for i in numeric]
            body += [at_row(s, offset + i) for i, own in enumerate(row_styles[first:last])
                     for s in own]
            cells = (data[:heads] if with_header else []) + data[heads + first:heads + last]
            heights: list[float | None] | None = None
            if lead is not None:
                cells[offset] = lead[0]
                heights = [None] * len(cells)
                heights[offset] = lead[1]
            return LongTable(cells, colWidths=col_widths, rowHeights=heights, repeatRows=offset,
                             style=TableStyle(body), hAlign="CENTER", splitByRow=0, splitInRow=1)

        def body_of(last: int) -> Flowable:
            return Window(table_of, 0, last) if windows.WINDOWED else table_of(0, last)

        if not keep:
            return body_of(len(rows)), None
        if keep == len(rows):  # a short table goes whole with the signature block
            return None, table_of(0, len(rows))
        tail = Tail(table_of(len(rows) - keep, len(rows), True),
                     table_of(len(rows) - keep, len(rows), False))
        return body_of(len(rows) - keep), tail

    def _header_rows(self, table: Table, widths: list[float]) -> list[list[Any]]:
        """The header rows as plain lines, titles broken in balanced lines
        (:func:`~casedu.exporters.widths.header_lines`)."""
        measure = measure_of(self.font, 8)

        def lines(text: str, width: float) -> str:
            return "\n".join(header_lines(text, width - 2 * PADDING, measure))

        titles = [lines(c.title, w) for c, w in zip(table.columns, widths, strict=True)]
        if not table.has_groups:
            return [titles]
        groups: list[Any] = []
        spans = {span.first: span for span in header_spans(table)}
        for i, (column, title) in enumerate(zip(table.columns, titles, strict=True)):
            span = spans.get(i)
            if column.group and span is not None:
                groups.append(lines(column.group, sum(widths[span.first:span.last + 1])))
            elif column.group:
                groups.append("")
            else:
                groups.append(title)
        return [groups, [title if c.group else "" for c, title in
                         zip(table.columns, titles, strict=True)]]

    def _group_spans(self, table: Table) -> list[tuple[Any, ...]]:
        return [("SPAN", (span.first, 0), (span.last, 0)) if span.group
                else ("SPAN", (span.first, 0), (span.first, 1))
                for span in header_spans(table)]

    def _cells(self, table: Table, row: Row, room: list[float],
               measure: Measure) -> tuple[list[Any], list[int]]:
        """The row's cells as plain strings broken into lines (drawn as they are: no markup to
        escape, and far cheaper than paragraphs), and the columns where a cell of its own kind
        is a number."""
        cells: list[Any] = []
        right: list[int] = []
        for i, (column, (value, kind)) in enumerate(
                zip(table.columns, marked_cells(table, row), strict=True)):
            text = display(value, kind)
            if kind is Kind.DATE_RANGE:
                text = text.replace(" 至 ", "\n至 ")
            if kind in _NUMERIC and column.kind not in _NUMERIC:
                right.append(i)
            if "\n" in text or measure(text) > room[i]:
                text = "\n".join(break_lines(text, room[i], measure))
            cells.append(text)
        return cells, right

    def _chart(self, chart: Chart) -> Flowable:
        width, height = min(self.width, 14 * cm), 6 * cm
        drawing = Drawing(width, height)
        bars = VerticalBarChart()
        bars.x, bars.y = 1.2 * cm, 1.0 * cm
        bars.width, bars.height = width - 2 * cm, height - 2.0 * cm
        bars.data = [list(chart.values)]
        bars.categoryAxis.categoryNames = list(chart.labels)
        bars.categoryAxis.labels.fontName = self.font
        bars.categoryAxis.labels.fontSize = 7
        bars.valueAxis.labels.fontName = self.font
        bars.valueAxis.labels.fontSize = 7
        bars.valueAxis.valueMin = 0
        bars.bars[0].fillColor = colors.HexColor("#4F81BD")
        bars.barLabelFormat = "%d"
        bars.barLabels.fontName = self.font
        bars.barLabels.fontSize = 7
        bars.barLabels.nudge = 6
        drawing.add(bars)
        drawing.add(String(width / 2, height - 0.5 * cm, f"{chart.title}（{chart.value_label}）",
                           fontName=self.font, fontSize=9, textAnchor="middle"))
        return Drawn(drawing, self.font)

    def _stamp(self, stamp: Stamp) -> PdfTable:
        left = [self._para(f"{stamp.filing_label}：{self.document.institute}", "stamp"),
                Spacer(1, 0.3 * cm), self._para(f"{stamp.signer_label}：", "stamp"),
                Spacer(1, 0.9 * cm), self._para(stamp.preparer_line, "stamp")]
        right = [self._para(f"{stamp.unit_label}：", "stamp"), Spacer(1, 1.6 * cm),
                 self._para(stamp.date_label, "stamp")]
        block = PdfTable([[left, right]], colWidths=[self.width * 0.55, self.width * 0.45])
        block.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                                   ("FONTNAME", (0, 0), (-1, -1), self.font)]))
        block.keepWithNext = False
        return block
