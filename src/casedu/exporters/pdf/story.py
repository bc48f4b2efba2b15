"""A document's blocks as platypus flowables: titles, notes, tables, the chart, the stamp.

Sizes are those of a form read on paper: body text 9 pt, titles of columns 10.5 pt (五号),
notes 10 pt, the signature block 11 pt; nothing is printed smaller than 9 pt.
"""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import CondPageBreak, Flowable, Spacer, TableStyle
from reportlab.platypus import Paragraph as PdfParagraph
from reportlab.platypus import Table as PdfTable

from casedu.exporters.cells import (
    display,
    header_spans,
    spread_column,
    typed_cells,
    without_column,
)
from casedu.exporters.linebreak import break_lines
from casedu.exporters.pdf.page import Drawn, Measure, measure_of
from casedu.exporters.pdf.table import (
    CONTINUED,
    Prepared,
    TableFlow,
    TableLayout,
    common_style,
    header_height,
    header_style,
)
from casedu.exporters.titles import title_lines
from casedu.exporters.widths import fit_widths
from casedu.progress import advance
from casedu.reports.document import Chart, Document, Kind, Mark, Paragraph, Row, Table

__all__ = ["BODY_SIZE", "HEADER_SIZE", "Story"]

_RED = colors.HexColor("#FFC7CE")
_RED_TEXT = colors.HexColor("#9C0006")
_TOTAL = colors.HexColor("#F2F2F2")
_NUMERIC = {Kind.INTEGER, Kind.HOURS, Kind.MONEY, Kind.PERCENT, Kind.DECIMAL}
PADDING = 3  # points, each side of a cell
#: The body text of tables, and the titles of their columns (五号), in points.
BODY_SIZE, BODY_LEADING = 9.0, 11.5
HEADER_SIZE, HEADER_LEADING = 10.5, 13.0
_MARK = f"【{Mark.NOT_IMPLEMENTED.label}】"


class Story:
    """Turns the document's blocks into platypus flowables."""

    def __init__(self, document: Document, font: str, width: float) -> None:
        self.document = document
        self.font = font
        self.width = width
        self.styles = {
            "title": ParagraphStyle("title", fontName=font, fontSize=18, leading=24,
                                    alignment=TA_CENTER, spaceAfter=4),
            "subtitle": ParagraphStyle("subtitle", fontName=font, fontSize=12, leading=16,
                                       alignment=TA_CENTER, spaceAfter=8),
            "heading": ParagraphStyle("heading", fontName=font, fontSize=11, leading=15,
                                      spaceBefore=6, spaceAfter=4, keepWithNext=1),
            "note": ParagraphStyle("note", fontName=font, fontSize=10, leading=14),
            "stamp": ParagraphStyle("stamp", fontName=font, fontSize=11, leading=16),
        }

    def build(self) -> list[Flowable]:
        """The document's flowables: the last table carries what follows it, the notes and
        the signature block, so that they are printed with its last rows."""
        document = self.document
        story: list[Flowable] = [self._para(document.title, "title"),
                                 self._para(document.subtitle, "subtitle")]
        last = max((i for i, b in enumerate(document.blocks) if isinstance(b, Table)),
                   default=None)
        ending: list[Flowable] = []
        for index, block in enumerate(document.blocks):
            target = ending if last is not None and index > last else story
            if isinstance(block, Table):
                if block.title:  # a heading is never the last line of a page
                    story.append(CondPageBreak(3 * cm))
                    story.append(self._para(block.title, "heading"))
                story.append(self._table(block))
                if index != last:
                    story.append(Spacer(1, 0.3 * cm))
            elif isinstance(block, Paragraph):
                target.append(Spacer(1, 0.2 * cm))
                target.append(self._para(block.text, "note"))
            elif isinstance(block, Chart):
                target.append(self._chart(block))
        ending.append(Spacer(1, 0.2 * cm))
        ending.extend(self._para(note, "note") for note in document.notes)
        ending.append(Spacer(1, 0.5 * cm))
        ending.append(self._stamp())
        if last is None:
            return story + ending
        flow = story[-1] if isinstance(story[-1], TableFlow) else None
        if flow is None:  # pragma: no cover - the last table's flow is the story's end
            return story + ending
        flow.ending = ending
        return story

    def _para(self, text: str, style: str, width: float | None = None) -> PdfParagraph:
        """A paragraph broken into lines by :func:`break_lines` (reportlab's own CJK wrapping
        breaks numbers and starts lines with closing punctuation)."""
        paragraph_style = self.styles[style]
        measure = measure_of(self.font, paragraph_style.fontSize)
        lines = break_lines(text, (width or self.width) - 2, measure)
        return PdfParagraph("<br/>".join(escape(line) for line in lines), paragraph_style)

    def _table(self, table: Table) -> TableFlow:
        """The table's rows, each cell broken into lines, laid out by :class:`TableFlow`; a
        ``spread`` column's text goes across the page under its row."""
        spread = spread_column(table)
        details: list[str] = []
        label = table.columns[spread].title if spread is not None else ""
        if spread is not None:
            details = [_text(row, table, spread) for row in
                       (*table.rows, *((table.totals,) if table.totals is not None else ()))]
            table = without_column(table, spread)
        measure = measure_of(self.font, BODY_SIZE)
        title_measure = measure_of(self.font, HEADER_SIZE)
        least = {0: measure(CONTINUED)}  # a continuation's label: 12 / （续）
        if table.has_marks:
            least[_name_column(table)] = measure(_MARK)
        widths = fit_widths(table, self.width, measure, padding=2 * PADDING,
                            title_measure=title_measure, least=least)
        header = self._header_rows(table, widths, title_measure)
        heights = [header_height(max(cell.count("\n") + 1 for cell in row), HEADER_LEADING)
                   for row in header]
        head_style = header_style(len(header), HEADER_SIZE, HEADER_LEADING)
        if table.has_groups:
            head_style += [("SPAN", (s.first, 0), (s.last, 0)) if s.group
                           else ("SPAN", (s.first, 0), (s.first, 1)) for s in header_spans(table)]
        room = [w - 2 * PADDING for w in widths]
        rows = [*table.rows, *((table.totals,) if table.totals is not None else ())]
        prepared = []
        for row in rows:
            prepared.append(self._prepared(table, row, room, measure))
            advance()  # an export's progress, in the document's rows (and its totals)
        if details:
            title = f"{label}："
            full = sum(widths) - 2 * PADDING
            for row, text in zip(prepared, details, strict=True):
                row.detail = break_lines(title + text, full, measure) if text else []
        layout = TableLayout(widths=widths, header=header, header_heights=heights,
                             header_style=head_style,
                             common_style=common_style(self.font, BODY_SIZE, BODY_LEADING,
                                                       PADDING),
                             rows=prepared, leading=BODY_LEADING,
                             keep=2 if table.totals is not None else 1)
        return TableFlow(layout)

    def _header_rows(self, table: Table, widths: list[float],
                     measure: Measure) -> list[list[str]]:
        """The header rows, each title whole or in two lines broken between its words."""

        def lines(text: str, width: float) -> str:
            return "\n".join(title_lines(text, width - 2 * PADDING, measure))

        titles = [lines(c.title, w) for c, w in zip(table.columns, widths, strict=True)]
        if not table.has_groups:
            return [titles]
        groups: list[str] = []
        spans = {span.first: span for span in header_spans(table)}
        for i, (column, title) in enumerate(zip(table.columns, titles, strict=True)):
            span = spans.get(i)
            if column.group and span is not None:
                groups.append(lines(column.group, sum(widths[span.first:span.last + 1])))
            else:
                groups.append("" if column.group else title)
        return [groups, [title if c.group else "" for c, title in
                         zip(table.columns, titles, strict=True)]]

    def _prepared(self, table: Table, row: Row, room: list[float],
                  measure: Measure) -> Prepared:
        """The row's cells as lines (drawn as plain strings: no markup to escape, far cheaper
        than paragraphs), its style, and how its continuation is labelled."""
        cells: list[list[str]] = []
        style: list[tuple[Any, ...]] = []
        marked = Mark.NOT_IMPLEMENTED in row.marks
        name = _name_column(table) if marked else -1
        for i, (value, kind) in enumerate(typed_cells(table.columns, row)):
            text = display(value, kind)
            if kind is Kind.DATE_RANGE:
                text = text.replace(" 至 ", "\n至 ")
            if kind in _NUMERIC:
                style.append(("ALIGN", (i, 0), (i, 0), "RIGHT"))
            lines = [text] if "\n" not in text and measure(text) <= room[i] else \
                break_lines(text, room[i], measure)
            if i == name:  # the mark is a unit of its own, on a line of its own
                lines = [_MARK, *(line for line in lines if line)]
            cells.append(lines if text or i == name else [])
        if marked:
            style += [("BACKGROUND", (0, 0), (-1, 0), _RED),
                      ("TEXTCOLOR", (0, 0), (-1, 0), _RED_TEXT)]
        if Mark.TOTAL in row.marks:
            style += [("BACKGROUND", (0, 0), (-1, 0), _TOTAL),
                      ("LINEABOVE", (0, 0), (-1, 0), 1, colors.black)]
        label = display(*next(typed_cells(table.columns, row))) if table.columns else ""
        return Prepared(cells, style, label if len(label) <= 8 else "")

    def _chart(self, chart: Chart) -> Flowable:
        width, height = min(self.width, 15 * cm), 7 * cm
        drawing = Drawing(width, height)
        bars = VerticalBarChart()
        bars.x, bars.y = 1.4 * cm, 1.2 * cm
        bars.width, bars.height = width - 2.2 * cm, height - 2.4 * cm
        bars.data = [list(chart.values)]
        bars.categoryAxis.categoryNames = list(chart.labels)
        for labels in (bars.categoryAxis.labels, bars.valueAxis.labels, bars.barLabels):
            labels.fontName = self.font
            labels.fontSize = 9
        bars.valueAxis.valueMin = 0
        bars.bars[0].fillColor = colors.HexColor("#4F81BD")
        bars.barLabelFormat = "%d"
        bars.barLabels.nudge = 7
        drawing.add(bars)
        drawing.add(String(width / 2, height - 0.5 * cm, f"{chart.title}（{chart.value_label}）",
                           fontName=self.font, fontSize=10, textAnchor="middle"))
        return Drawn(drawing, self.font)

    def _stamp(self) -> PdfTable:
        """The signature block: 填报单位; 负责人（签字） and 单位（盖章）; room for the stamp;
        填表人 and 联系电话 and the date, each with a blank to write on."""
        stamp, size = self.document.stamp, self.styles["stamp"].fontSize
        left, right = self.width * 0.62, self.width * 0.38
        rows = [
            [self._para(f"{stamp.filing_label}：{self.document.institute}", "stamp",
                        self.width), ""],
            [self._para(stamp.signer_line(size), "stamp", left),
             self._para(f"{stamp.unit_label}：", "stamp", right)],
            ["", ""],
            [self._para(stamp.preparer_line(size), "stamp", left),
             self._para(stamp.date_line(size), "stamp", right)],
        ]
        block = PdfTable(rows, colWidths=[left, right],
                         rowHeights=[None, None, 1.8 * cm, None])
        block.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                                   ("SPAN", (0, 0), (1, 0)),
                                   ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                   ("FONTNAME", (0, 0), (-1, -1), self.font)]))
        return block


def _text(row: Row, table: Table, index: int) -> str:
    value, kind = list(typed_cells(table.columns, row))[index]
    return display(value, kind)


def _name_column(table: Table) -> int:
    """Where the mark 【未实施】 goes: the first text column (培训名称 after 序号)."""
    return next((i for i, c in enumerate(table.columns) if c.kind is Kind.TEXT), 0)
