"""pdf: a print-ready PDF drawn by reportlab platypus, with an embedded Chinese font.

A4 in the document's orientation; column widths fitted to the content and the page
(:func:`~casedu.exporters.cells.fit_widths`); text broken into lines as Chinese print does
(:mod:`~casedu.exporters.linebreak`: numbers, dates, amounts and phone numbers stay whole, no
line starts with closing punctuation); a row taller than what is left of a page is split across
pages with the header rows repeated; the last rows of the last table stay on the page of the
signature block; "第 N 页 / 共 M 页" and the footer line on every page; rows not implemented
carry the text mark 【未实施】 (it survives black-and-white printing) and a red fill. Every font
is embedded (the canvas starts in the document's font, so no base-14 font is referenced); the
document carries its title, author, subject and language (zh-CN).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import Any, BinaryIO
from xml.sax.saxutils import escape

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.renderbase import renderScaledDrawing
from reportlab.graphics.renderPDF import _PDFRenderer
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase.pdfdoc import XMP
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    LongTable,
    PageBreak,
    SimpleDocTemplate,
    Spacer,
    TableStyle,
)
from reportlab.platypus import Paragraph as PdfParagraph
from reportlab.platypus import Table as PdfTable

from casedu.exporters.cells import (
    display,
    fit_widths,
    header_lines,
    header_spans,
    marked_cells,
)
from casedu.exporters.fonts import ChosenFont, choose_font
from casedu.exporters.linebreak import break_lines
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
_PADDING = 3  # points, each side of a cell
#: The rows of the last table kept on the page of the signature block.
_TAIL_ROWS = 2
#: The rows of a table handed to reportlab at a time (:class:`_Window`), at first; then a
#: quarter more than the page before held, and twice as many while they do not fill the page.
_WINDOW_ROWS = 16
#: Tables are handed to reportlab in windows; False gives reportlab the whole table to split
#: (the tests and the benchmark compare the two).
_WINDOWED = True


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
        self.write_many((document,), stream)

    def write_many(self, documents: Sequence[Document], stream: BinaryIO,
                   names: Sequence[str] | None = None) -> None:
        """Lay out several documents (an institute-year each) as one PDF, a section each,
        every section starting on a new page with its own title and signature block."""
        document = documents[0]
        font = self.font.name
        size = landscape(A4) if document.orientation is Orientation.LANDSCAPE else A4
        title = f"{document.title} {document.subtitle}" if len(documents) == 1 else \
            f"{document.title}（{'、'.join(names or [d.subtitle for d in documents])}）"
        author = "、".join(dict.fromkeys(d.institute for d in documents))
        subject = "；".join(f"{d.title}（{d.institute} {d.year}年度）" for d in documents)
        template = SimpleDocTemplate(
            stream, pagesize=size, leftMargin=_MARGIN, rightMargin=_MARGIN,
            topMargin=_MARGIN, bottomMargin=_MARGIN + 0.3 * cm, title=title, author=author,
            subject=subject, creator="casedu", producer="casedu", lang="zh-CN",
        )
        story: list[Flowable] = []
        for index, part in enumerate(documents):
            if index:
                story.append(PageBreak())
            story.extend(_Story(part, font, template.width).build())
        footer = document.footer
        metadata = _xmp(title=title, author=author, subject=subject)

        def canvas_maker(*args: Any, **kwargs: Any) -> Canvas:
            # the canvas starts in the document's font: no unembedded Helvetica is referenced
            kwargs["initialFontName"] = font
            canvas = _NumberedCanvas(*args, font=font, footer=footer, **kwargs)
            canvas._doc.Catalog.Metadata = XMP(creator=lambda _doc: metadata.encode("utf-8"))
            return canvas

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
        story.append(_Ending(ending))
        return story

    def _para(self, text: str, style: str) -> PdfParagraph:
        """A paragraph broken into lines by :func:`break_lines` (reportlab's own CJK wrapping
        breaks numbers and starts lines with closing punctuation)."""
        paragraph_style = self.styles[style]
        measure = _measure(self.font, paragraph_style.fontSize)
        lines = break_lines(text, self.width - 2, measure)
        return PdfParagraph("<br/>".join(escape(line) for line in lines), paragraph_style)

    def _table(self, table: Table, *, split_tail: bool = False) -> tuple[Flowable | None,
                                                                          Flowable | None]:
        """The table, and (with ``split_tail``) its last rows as a table of their own, to be
        kept with the signature block (a table of a few rows goes there whole)."""
        measure = _measure(self.font, 8)
        col_widths = fit_widths(table, self.width, measure, padding=2 * _PADDING)
        header_rows = self._header_rows(table, col_widths)
        room = [w - 2 * _PADDING for w in col_widths]
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
            ("LEFTPADDING", (0, 0), (-1, -1), _PADDING),
            ("RIGHTPADDING", (0, 0), (-1, -1), _PADDING),
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
        keep = min(_TAIL_ROWS + (table.totals is not None), len(rows)) if split_tail else 0

        def table_of(first: int, last: int, with_header: bool = True,
                     lead: tuple[list[Any], float] | None = None) -> LongTable:
            """Rows ``first`` to ``last`` (exclusive), under the header or without it; with
            ``lead``, row ``first`` is those cells of that height (what is left of a row split
            across pages)."""
            offset = heads if with_header else 0
            body = common + (header if with_header else [])
            body += [("ALIGN", (i, offset), (i, -1), "RIGHT") for i in numeric]
            body += [_at_row(s, offset + i) for i, own in enumerate(row_styles[first:last])
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
            return _Window(table_of, 0, last) if _WINDOWED else table_of(0, last)

        if not keep:
            return body_of(len(rows)), None
        if keep == len(rows):  # a short table goes whole with the signature block
            return None, table_of(0, len(rows))
        tail = _Tail(table_of(len(rows) - keep, len(rows), True),
                     table_of(len(rows) - keep, len(rows), False))
        return body_of(len(rows) - keep), tail

    def _header_rows(self, table: Table, widths: list[float]) -> list[list[Any]]:
        """The header rows as plain lines, titles broken in balanced lines
        (:func:`~casedu.exporters.cells.header_lines`)."""
        measure = _measure(self.font, 8)

        def lines(text: str, width: float) -> str:
            return "\n".join(header_lines(text, width - 2 * _PADDING, measure))

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
               measure: _Measure) -> tuple[list[Any], list[int]]:
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
        return _Drawn(drawing, self.font)

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


class _Renderer(_PDFRenderer):  # type: ignore[misc]
    """reportlab's PDF renderer, starting in the document's font rather than Helvetica (which
    it would reference, unembedded, even when no text is drawn in it)."""

    def __init__(self, font: str) -> None:
        super().__init__()
        self._font = font

    def initState(self, x: float, y: float) -> None:  # reportlab's name
        self._tracker._combined[-1]["fontName"] = self._font
        super().initState(x, y)


class _Drawn(Flowable):  # type: ignore[misc]
    """A chart drawn by :class:`_Renderer`."""

    def __init__(self, drawing: Drawing, font: str) -> None:
        super().__init__()
        self._drawing = drawing
        self._font = font
        self.width, self.height = drawing.width, drawing.height

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        _Renderer(self._font).draw(renderScaledDrawing(self._drawing), self.canv, 0, 0)


class _Tail(Flowable):  # type: ignore[misc]
    """The last rows of a table, kept with the signature block: right under the rest of the
    table they go without the header; at the top of a page, under the header again."""

    def __init__(self, with_header: Flowable, without: Flowable) -> None:
        super().__init__()
        self._with_header = with_header
        self._without = without
        self._chosen = without

    def _choose(self) -> Flowable:
        frame = getattr(self, "_frame", None)
        at_top = frame is not None and getattr(frame, "_atTop", False)
        self._chosen = self._with_header if at_top else self._without
        return self._chosen

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        width, height = self._choose().wrapOn(self.canv, available_width, available_height)
        self.width, self.height = width, height
        return width, height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        return list(self._choose().splitOn(self.canv, available_width, available_height))

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        self._chosen.drawOn(canvas, x, y, _sW)

    def split_pair(self, canvas: Canvas, available_width: float,
                   height: float) -> list[Flowable]:
        """Split where it stands (without the header when it is not at the top of a page) and
        continue on the next page under the header: the same rows and lines, since both tables
        share their widths."""
        first = self._choose()
        pieces = first.splitOn(canvas, available_width, height)
        if len(pieces) < 2 or first is self._with_header:
            return list(pieces)
        header = self._with_header
        header.wrapOn(canvas, available_width, 1e9)
        above = sum(header._rowHeights[:header.repeatRows])
        rest = header.splitOn(canvas, available_width, height + above)
        return [pieces[0], *rest[1:]] if len(rest) >= 2 else list(pieces)


class _Window(Flowable):  # type: ignore[misc]
    """A long table handed to reportlab a page of rows at a time.

    Splitting a ``LongTable`` at the end of a page makes a new table of every row after the
    split (their cells copied, their styles applied again): a table of 10,000 rows over 500
    pages did that 500 times, so each page cost in proportion to the rows after it. The
    window's table holds only the rows from the top of the page until past its end; reportlab
    splits it where it would split the whole table (it measures the rows from the top until
    the page is full, and no further), and what it carries of a row split across pages
    starts the next window. The pages are the same, line for line
    (``tests/exporters/test_pdf_window.py``), but one: under the header of a page that starts
    with the rest of a row, reportlab's split leaves out the header's bottom line (it drops the
    line between the two halves of the row), which the window draws.
    """

    def __init__(self, make: Callable[..., LongTable], first: int, last: int,
                 lead: tuple[list[Any], float] | None = None, rows: int = 0) -> None:
        super().__init__()
        self._make = make
        self._first, self._last, self._lead = first, last, lead
        self._rows = max(rows, _WINDOW_ROWS)  # how many rows to try first
        self._probe: tuple[float, float, LongTable, int] | None = None

    def _table(self, available_width: float, available_height: float) -> tuple[LongTable, int]:
        """The window's table for this space, and how many rows it holds: every row left, or
        enough to reach past the end of the page."""
        probe = self._probe
        if probe is not None and probe[:2] == (available_width, available_height):
            return probe[2], probe[3]
        rows = self._rows
        while True:
            last = min(self._first + rows, self._last)
            table = self._make(self._first, last, lead=self._lead)
            _, height = table.wrapOn(self.canv, available_width, available_height)
            if last == self._last or height > available_height:
                break
            rows *= 2
        self._probe = (available_width, available_height, table, last - self._first)
        return table, last - self._first

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        table, _ = self._table(available_width, available_height)
        self.width, self.height = table._width, table._height
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        table, rows = self._table(available_width, available_height)
        pieces = table.splitOn(self.canv, available_width, available_height)
        if len(pieces) != 2:
            return list(pieces)
        placed, carried = (len(piece._cellvalues) - piece.repeatRows for piece in pieces)
        hint = placed + placed // 4 + 2  # the next page holds about as many
        if placed + carried == rows:  # the split fell between two rows
            return [pieces[0], _Window(self._make, self._first + placed, self._last, None, hint)]
        assert placed + carried == rows + 1  # a row split across the pages
        rest = pieces[1]  # its first row after the header: what is left of the row, as tall
        lead = (rest._cellvalues[rest.repeatRows], rest._argH[rest.repeatRows])  # as reportlab
        return [pieces[0], _Window(self._make, self._first + placed - 1, self._last, lead, hint)]

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        assert self._probe is not None  # drawn whole: the window holds every row left
        self._probe[2].drawOn(canvas, x, y, _sW)


class _Ending(Flowable):  # type: ignore[misc]
    """The last rows of the last table, the notes and the signature block, kept together: they
    move to the next page whole when they fit on one; when they are taller than a page (rows of
    thousands of characters) the rows split so that some of them stay on the signature's page.
    A signed and stamped page never carries the stamp alone."""

    #: What of the last rows at least stays with the signature, in points (a few lines).
    KEEP = 60

    def __init__(self, parts: list[Flowable]) -> None:
        super().__init__()
        self._parts = parts

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        width = height = 0.0
        self._sizes: list[tuple[float, float]] = []
        for part in self._parts:
            part._frame = getattr(self, "_frame", None)
            w, h = part.wrapOn(self.canv, available_width, available_height)
            self._sizes.append((w, h))
            width, height = max(width, w), height + h + part.getSpaceBefore() \
                + part.getSpaceAfter()
        self.width, self.height = width, height
        return width, height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        frame = getattr(self, "_frame", None)
        page = getattr(frame, "_height", available_height)
        at_top = bool(getattr(frame, "_atTop", False))
        if self.height <= page and not at_top:
            return []  # it fits on a page: all of it goes to the next one
        head = self._parts[0]
        if not isinstance(head, (_Tail, LongTable)):
            return []
        _, tall = head.wrapOn(self.canv, available_width, available_height)
        room = min(available_height, tall - self.KEEP)
        if room < 2 * self.KEEP and not at_top:
            return []
        pieces = (head.split_pair(self.canv, available_width, room) if isinstance(head, _Tail)
                  else head.splitOn(self.canv, available_width, room))
        if len(pieces) < 2:
            return []
        return [pieces[0], _Ending([*pieces[1:], *self._parts[1:]])]

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        top = y + self.height
        for part, (w, h) in zip(self._parts, self._sizes, strict=True):
            top -= part.getSpaceBefore()
            part.drawOn(canvas, x, top - h, _sW=self.width - w + _sW)
            top -= h + part.getSpaceAfter()


def _xmp(*, title: str, author: str, subject: str) -> str:
    """The document's XMP metadata packet: Dublin Core title, creator, description and language
    (zh-CN), and the producing tool, as archives and PDF/A checkers read them."""
    from xml.sax.saxutils import escape as esc

    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
        'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmp="http://ns.adobe.com/xap/1.0/">'
        f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{esc(title)}</rdf:li></rdf:Alt>'
        f'</dc:title><dc:creator><rdf:Seq><rdf:li>{esc(author)}</rdf:li></rdf:Seq></dc:creator>'
        f'<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{esc(subject)}</rdf:li>'
        '</rdf:Alt></dc:description><dc:language><rdf:Bag><rdf:li>zh-CN</rdf:li></rdf:Bag>'
        '</dc:language><pdf:Producer>casedu</pdf:Producer><xmp:CreatorTool>casedu'
        '</xmp:CreatorTool></rdf:Description></rdf:RDF></x:xmpmeta>'
        '<?xpacket end="w"?>'
    )


def _at_row(command: tuple[Any, ...], row: int) -> tuple[Any, ...]:
    """A style command written for row 0, moved to ``row``."""
    name, (c0, r0), (c1, r1), *rest = command
    return (name, (c0, r0 + row), (c1, r1 + row), *rest)


class _Measure:
    """The width of a text in points, from a memo of each character's width (reportlab's
    ``stringWidth`` per call costs far more than a dictionary look-up per character)."""

    def __init__(self, font: str, size: float) -> None:
        self.font = font
        self.size = size
        self.widths: dict[str, float] = {}

    def __call__(self, text: str) -> float:
        widths = self.widths
        total = 0.0
        for char in text:
            width = widths.get(char)
            if width is None:
                width = widths[char] = stringWidth(char, self.font, self.size)
            total += width
        return total


_MEASURES: dict[tuple[str, float], _Measure] = {}


def _measure(font: str, size: float) -> _Measure:
    found = _MEASURES.get((font, size))
    if found is None:
        found = _MEASURES[(font, size)] = _Measure(font, size)
    return found
