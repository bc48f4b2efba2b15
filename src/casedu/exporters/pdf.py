"""pdf: a print-ready PDF drawn by reportlab platypus, with an embedded Chinese font.

A4 in the document's orientation; the header rows repeat on every page; "第 N 页 / 共 M 页" and
the footer line on every page; long text wraps; user text is escaped (reportlab reads ``<`` and
``&`` as markup); rows not implemented carry a visible mark and a red fill.
"""

from __future__ import annotations

import os
from typing import Any, BinaryIO
from xml.sax.saxutils import escape

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    LongTable,
    SimpleDocTemplate,
    Spacer,
    TableStyle,
)
from reportlab.platypus import Paragraph as PdfParagraph
from reportlab.platypus import Table as PdfTable

from casedu.exporters.cells import column_widths, display, header_spans, typed_cells
from casedu.exporters.fonts import ChosenFont, choose_font
from casedu.reports.document import (
    Chart,
    Document,
    Kind,
    Mark,
    Orientation,
    Paragraph,
    Row,
    Stamp,
    Table,
)

__all__ = ["PdfExporter"]

_RED = colors.HexColor("#FFC7CE")
_RED_TEXT = colors.HexColor("#9C0006")
_HEADER = colors.HexColor("#D9D9D9")
_TOTAL = colors.HexColor("#F2F2F2")
_GRID = colors.HexColor("#808080")
_NUMERIC = {Kind.INTEGER, Kind.HOURS, Kind.MONEY, Kind.PERCENT, Kind.DECIMAL}
_MARGIN = 1.5 * cm


class PdfExporter:
    """Portable Document Format for printing, stamping and handing in.

    ``font`` names a TrueType font file with Chinese; without it one is searched for (see
    :mod:`casedu.exporters.fonts`). ``allow_unembedded_font`` falls back to reportlab's built-in
    STSong-Light, which viewers must supply, instead of failing when no font is found.
    """

    name = "pdf"
    suffix = ".pdf"
    media_type = "application/pdf"
    description = "PDF for printing (reportlab), embedded Chinese font, page N of M"

    def __init__(self, font: str | os.PathLike[str] | None = None,
                 allow_unembedded_font: bool = False) -> None:
        self._font_request = font
        self._allow_unembedded = allow_unembedded_font
        self._font: ChosenFont | None = None

    @property
    def font(self) -> ChosenFont:
        """The font in use, found on first use."""
        if self._font is None:
            self._font = choose_font(self._font_request,
                                     allow_unembedded=self._allow_unembedded)
        return self._font

    def write(self, document: Document, stream: BinaryIO) -> None:
        """Lay out ``document`` and write the PDF to ``stream``."""
        font = self.font.name
        size = landscape(A4) if document.orientation is Orientation.LANDSCAPE else A4
        template = SimpleDocTemplate(
            stream, pagesize=size, leftMargin=_MARGIN, rightMargin=_MARGIN,
            topMargin=_MARGIN, bottomMargin=_MARGIN + 0.3 * cm,
            title=f"{document.title} {document.subtitle}", author=document.institute,
            creator="casedu",
        )
        story = _Story(document, font, template.width).build()
        footer = document.footer

        def canvas_maker(*args: Any, **kwargs: Any) -> Canvas:
            return _NumberedCanvas(*args, font=font, footer=footer, **kwargs)

        template.build(story, canvasmaker=canvas_maker)


class _NumberedCanvas(Canvas):  # type: ignore[misc]
    """Holds every page until the end, then stamps "第 N 页 / 共 M 页" and the footer."""

    def __init__(self, *args: Any, font: str, footer: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []
        self._font_name = font
        self._footer = footer

    def showPage(self) -> None:  # reportlab's name
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for page in self._pages:
            self.__dict__.update(page)
            self._draw_footer(total)
            super().showPage()
        super().save()

    def _draw_footer(self, total: int) -> None:
        width, _ = self._pagesize
        self.saveState()
        self.setFont(self._font_name, 7)
        self.setFillColor(colors.HexColor("#555555"))
        self.drawString(_MARGIN, 0.9 * cm, self._footer)
        self.setFont(self._font_name, 9)
        self.setFillColor(colors.black)
        self.drawRightString(width - _MARGIN, 0.9 * cm,
                             f"第 {self._pageNumber} 页 / 共 {total} 页")
        self.restoreState()


class _Story:
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
        for block in document.blocks:
            if isinstance(block, Table):
                if block.title:
                    story.append(self._para(block.title, "heading"))
                story.append(self._table(block))
                story.append(Spacer(1, 0.3 * cm))
            elif isinstance(block, Paragraph):
                story.append(self._para(block.text, "note"))
                story.append(Spacer(1, 0.2 * cm))
            elif isinstance(block, Chart):
                story.append(self._chart(block))
        for note in document.notes:
            story.append(self._para(note, "note"))
        story.append(Spacer(1, 0.6 * cm))
        story.append(self._stamp(document.stamp))
        return story

    def _para(self, text: str, style: str) -> PdfParagraph:
        return PdfParagraph(_markup(text), self.styles[style])

    def _table(self, table: Table) -> PdfTable:
        widths = column_widths(table)
        scale = self.width / sum(widths)
        col_widths = [w * scale for w in widths]
        header_rows = self._header_rows(table)
        room = [w - 6 for w in col_widths]  # the cell padding is 3 points a side
        data: list[list[Any]] = list(header_rows)
        style: list[tuple[Any, ...]] = [
            ("FONTNAME", (0, 0), (-1, -1), self.font),
            ("FONTSIZE", (0, 0), (-1, -1), 8),
            ("LEADING", (0, 0), (-1, -1), 10),
            ("GRID", (0, 0), (-1, -1), 0.4, _GRID),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("BACKGROUND", (0, 0), (-1, len(header_rows) - 1), _HEADER),
            ("VALIGN", (0, 0), (-1, len(header_rows) - 1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ]
        if table.has_groups:
            style.extend(self._group_spans(table))
        for i, column in enumerate(table.columns):
            if column.kind in _NUMERIC:
                style.append(("ALIGN", (i, len(header_rows)), (i, -1), "RIGHT"))
        rows = list(table.rows)
        if table.totals is not None:
            rows.append(table.totals)
        for row in rows:
            index = len(data)
            cells, right = self._cells(table, row, room)
            data.append(cells)
            style.extend(("ALIGN", (i, index), (i, index), "RIGHT") for i in right)
            if Mark.NOT_IMPLEMENTED in row.marks:
                style.append(("BACKGROUND", (0, index), (-1, index), _RED))
                style.append(("TEXTCOLOR", (0, index), (-1, index), _RED_TEXT))
            if Mark.TOTAL in row.marks:
                style.append(("BACKGROUND", (0, index), (-1, index), _TOTAL))
                style.append(("LINEABOVE", (0, index), (-1, index), 1, colors.black))
        flowable = LongTable(data, colWidths=col_widths, repeatRows=len(header_rows),
                             style=TableStyle(style), hAlign="CENTER")
        return flowable

    def _header_rows(self, table: Table) -> list[list[Any]]:
        titles = [self._para(c.title, "header") for c in table.columns]
        if not table.has_groups:
            return [titles]
        groups: list[Any] = []
        for column, title in zip(table.columns, titles, strict=True):
            groups.append(self._para(column.group, "header") if column.group else title)
        return [groups, [title if c.group else "" for c, title in
                         zip(table.columns, titles, strict=True)]]

    def _group_spans(self, table: Table) -> list[tuple[Any, ...]]:
        return [("SPAN", (span.first, 0), (span.last, 0)) if span.group
                else ("SPAN", (span.first, 0), (span.first, 1))
                for span in header_spans(table)]

    def _cells(self, table: Table, row: Row,
               room: list[float]) -> tuple[list[Any], list[int]]:
        """The row's cells, and the columns where a cell of its own kind is a number.

        Text that fits its column stays a plain string, drawn as is; only text that must wrap
        becomes a Paragraph (wrapping Chinese costs far more than drawing it)."""
        cells: list[Any] = []
        right: list[int] = []
        marked = Mark.NOT_IMPLEMENTED in row.marks
        for i, (column, (value, kind)) in enumerate(
                zip(table.columns, typed_cells(table.columns, row), strict=True)):
            text = display(value, kind)
            if kind is Kind.DATE_RANGE:
                text = text.replace(" 至 ", "\n至 ")
            if kind in _NUMERIC and column.kind not in _NUMERIC:
                right.append(i)
            if marked and i == 0:
                text = f"【{Mark.NOT_IMPLEMENTED.label}】{text}"
            fits = all(stringWidth(line, self.font, 8) <= room[i] for line in text.split("\n"))
            if fits:
                cells.append(text)  # a plain string is drawn as is: no markup to escape
            else:
                cells.append(PdfParagraph(_markup(text), self.styles["cell"]))
        return cells, right

    def _chart(self, chart: Chart) -> Drawing:
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
        return drawing

    def _stamp(self, stamp: Stamp) -> PdfTable:
        left = self._para(f"{stamp.signer_label}：", "stamp")
        right = [self._para(f"{stamp.unit_label}：", "stamp"), Spacer(1, 1.6 * cm),
                 self._para(stamp.date_label, "stamp")]
        block = PdfTable([[left, right]], colWidths=[self.width * 0.55, self.width * 0.45])
        block.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
        block.keepWithNext = False
        return block


def _markup(text: str) -> str:
    """User text made safe for a Paragraph: markup characters escaped, lines kept."""
    return escape(text).replace("\n", "<br/>")
