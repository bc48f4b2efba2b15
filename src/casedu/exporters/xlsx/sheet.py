"""One document laid out on one worksheet, its rows streamed as SpreadsheetML."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from decimal import Decimal
from typing import IO, Any
from xml.sax.saxutils import escape

from casedu.exporters.cells import (
    NUMBER_FORMATS,
    display,
    header_spans,
    looks_like_formula,
    marked_cells,
)
from casedu.exporters.widths import sheet_widths, wrapped_lines
from casedu.exporters.xlsx.package import (
    EPOCH,
    MAIN,
    RELATIONSHIPS,
    ChartPart,
    SheetPart,
    column_letter,
)
from casedu.exporters.xlsx.styles import Alignment, CellStyle, Font, Styles
from casedu.reports.document import (
    CellValue,
    Chart,
    Document,
    Kind,
    Mark,
    Orientation,
    Paragraph,
    Row,
    Table,
)

__all__ = ["SheetWriter"]

_MAX_TEXT = 32_767  # Excel's limit of one cell
_RED = "FFC7CE"
_RED_TEXT = "9C0006"
_HEADER_FILL = "D9D9D9"
_LINE_HEIGHT = 13.5  # points per line of 10-point text
_FLUSH_ROWS = 500  # rows gathered before a write to the zip stream
#: What XML 1.0 cannot hold (openpyxl's ILLEGAL_CHARACTERS_RE): shown as U+FFFD.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


class SheetWriter:
    """Lays one document out on one worksheet, top to bottom, streaming its rows as XML."""

    def __init__(self, part: IO[bytes], styles: Styles, name: str, document: Document) -> None:
        self.part = part
        self.styles = styles
        self.name = name
        self.document = document
        self.row = 0  # the last row written
        self.width = max((len(t.columns) for t in document.tables), default=2)
        self.widths: list[int] = sheet_widths(document)
        self.letters = [column_letter(i) for i in range(1, max(self.width, 3) + 1)]
        self.merged: list[str] = []
        self.print_titles: tuple[int, int] | None = None
        self.charts: list[ChartPart] = []
        self._buffer: list[str] = []
        self._style_numbers: dict[tuple[Any, ...], int] = {}

    def write(self) -> SheetPart:
        document = self.document
        self._put(self._head(self._first_data_row()))
        self._line(document.title, self._style("title"), height=28)
        self._line(document.subtitle, self._style("subtitle"))
        first_table = True
        for block in document.blocks:
            self._blank()
            if isinstance(block, Table):
                self._table(block, repeat=first_table)
                first_table = False
            elif isinstance(block, Paragraph):
                self._line(block.text, self._style("note"))
            elif isinstance(block, Chart):
                self._chart(block)
        if document.notes:
            self._blank()
            for note in document.notes:
                self._line(note, self._style("note"))
        self._stamp()
        self._put(self._tail())
        self.part.write("".join(self._buffer).encode("utf-8"))
        return SheetPart(self.name, self.print_titles, tuple(self.charts))

    # -- the worksheet's XML -----------------------------------------------------------------

    def _put(self, text: str) -> None:
        self._buffer.append(text)
        if len(self._buffer) >= _FLUSH_ROWS:
            self.part.write("".join(self._buffer).encode("utf-8"))
            self._buffer.clear()

    def _head(self, frozen: int | None) -> str:
        """Everything before the rows: the fit to the page, the frozen header, the widths."""
        if frozen is not None:
            view = (f'<pane ySplit="{frozen - 1}" topLeftCell="A{frozen}" activePane="bottomLeft"'
                    ' state="frozen"/><selection pane="bottomLeft" activeCell="A1" sqref="A1"/>')
        else:
            view = '<selection activeCell="A1" sqref="A1"/>'
        columns = "".join(f'<col min="{i}" max="{i}" width="{w}" customWidth="1"/>'
                          for i, w in enumerate(self.widths, start=1))
        return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                f'<worksheet xmlns="{MAIN}" xmlns:r="{RELATIONSHIPS}">'
                '<sheetPr><outlinePr summaryBelow="1" summaryRight="1"/>'
                '<pageSetUpPr fitToPage="1"/></sheetPr>'
                f'<sheetViews><sheetView workbookViewId="0">{view}</sheetView></sheetViews>'
                '<sheetFormatPr baseColWidth="8" defaultRowHeight="15"/>'
                + (f"<cols>{columns}</cols>" if columns else "") + "<sheetData>")

    def _tail(self) -> str:
        """Everything after the rows: merged cells and the print settings."""
        merged = "".join(f'<mergeCell ref="{ref}"/>' for ref in self.merged)
        landscape = self.document.orientation is Orientation.LANDSCAPE
        footer = (f"&L&7 {_footer_text(self.document.footer)}&R&9 第 &P 页 / 共 &N 页")
        return ("</sheetData>"
                + (f'<mergeCells count="{len(self.merged)}">{merged}</mergeCells>'
                   if merged else "")
                + '<printOptions horizontalCentered="1"/>'
                '<pageMargins left="0.5" right="0.5" top="0.75" bottom="0.75" header="0.5"'
                ' footer="0.5"/>'
                f'<pageSetup paperSize="9" orientation="{"landscape" if landscape else "portrait"}"'
                ' fitToWidth="1" fitToHeight="0"/>'
                f"<headerFooter><oddFooter>{escape(footer)}</oddFooter></headerFooter>"
                + ('<drawing r:id="rId1"/>' if self.charts else "") + "</worksheet>")

    # -- layout ------------------------------------------------------------------------------

    def _first_data_row(self) -> int | None:
        """The row under the first table's header, as :meth:`write` will lay it out."""
        row = 2  # title and subtitle
        for block in self.document.blocks:
            row += 1  # the blank line before each block
            if isinstance(block, Table):
                return row + bool(block.title) + block.has_groups + 2
            row += 1 if isinstance(block, Paragraph) else 2 + len(block.labels)
        return None

    def _append(self, cells: Sequence[str | None], height: float | None = None) -> None:
        """A row of cells (each the XML after its reference, or None for no cell)."""
        self.row += 1
        row = self.row
        letters = self.letters
        attributes = f' ht="{height:g}" customHeight="1"' if height is not None else ""
        self._put(f'<row r="{row}"{attributes}>'
                  + "".join(f'<c r="{letters[i]}{row}"{cell}' for i, cell in enumerate(cells)
                            if cell is not None)
                  + "</row>")

    def _blank(self) -> None:
        self._append([])

    def _merge(self, first: int, last: int, row: int, last_row: int | None = None) -> None:
        letters = self.letters
        self.merged.append(f"{letters[first]}{row}:{letters[last]}{last_row or row}")

    def _line(self, text: str, style: int, height: float | None = None) -> None:
        """A line of text across the page width."""
        self._append([self._text_cell(text, style)], height=height)
        if self.width > 1:
            self._merge(0, self.width - 1, self.row)

    def _table(self, table: Table, *, repeat: bool) -> None:
        if table.title:
            self._line(table.title, self._style("subtitle"))
        header_first = self.row + 1
        header = self._style("header")
        if table.has_groups:
            self._group_header(table)
            # a column without a group takes both header rows (merged down)
            self._append([self._text_cell(c.title if c.group else "", header)
                          for c in table.columns], height=30)
            for span in header_spans(table):
                if span.group is None:
                    self._merge(span.first, span.first, self.row - 1, self.row)
        else:
            self._append([self._text_cell(c.title, header) for c in table.columns], height=30)
        if repeat:
            self.print_titles = (header_first, self.row)
        for row in table.rows:
            self._data_row(table, row)
        if table.totals is not None:
            self._data_row(table, table.totals)

    def _group_header(self, table: Table) -> None:
        header = self._style("header")
        self._append([self._text_cell(column.group or column.title, header)
                      for column in table.columns])
        for span in header_spans(table):
            if span.last > span.first:
                self._merge(span.first, span.last, self.row)

    def _data_row(self, table: Table, row: Row) -> None:
        red = Mark.NOT_IMPLEMENTED in row.marks
        bold = Mark.TOTAL in row.marks
        cells = [
            self._value_cell(value, kind, wrap=column.wrap, red=red, bold=bold)
            for column, (value, kind) in zip(table.columns, marked_cells(table, row),
                                             strict=True)
        ]
        lines = wrapped_lines(table, self.widths, row)
        self._append(cells, height=_LINE_HEIGHT * lines + 2 if lines > 1 else None)

    def _chart(self, chart: Chart) -> None:
        """The chart's data as a small table, and a bar chart drawn from it beside it."""
        self._line(chart.title, self._style("subtitle"))
        header = self._style("header")
        self._append([self._text_cell("学时", header),
                      self._text_cell(chart.value_label, header)])
        first = self.row
        for label, value in zip(chart.labels, chart.values, strict=True):
            self._append([self._text_cell(label, self._style("cell", Kind.TEXT)),
                          self._value_cell(value, Kind.INTEGER)])
        self.charts.append(ChartPart(
            sheet=self.name, title=chart.title, x_title="学时", y_title=chart.value_label,
            header=first, last=self.row, column=3, row=first - 1))
        while self.row < first + 13:  # the chart's room, so the stamp goes below it
            self._blank()

    def _stamp(self) -> None:
        stamp = self.document.stamp
        style = self._style("stamp")
        self._blank()
        right = max(self.width - 2, 2)
        self._append([self._text_cell(f"{stamp.filing_label}：{self.document.institute}",
                                      style)], height=20)
        cells: list[str | None] = [self._text_cell(stamp.signer_label + "：", style)]
        cells += [None] * (right - 1)
        cells.append(self._text_cell(stamp.unit_label + "：", style))
        self._append(cells, height=40)
        cells = [self._text_cell(stamp.preparer_line, style)]
        cells += [None] * (right - 1)
        cells.append(self._text_cell(stamp.date_label, style))
        self._append(cells, height=24)

    # -- cells -------------------------------------------------------------------------------

    def _text_cell(self, text: str, style: int) -> str:
        if looks_like_formula(text):
            # Data, not a formula: a string, shown as typed (a quote prefix in its format).
            style = self._quoted(style)
        if _ILLEGAL.search(text):
            text = _ILLEGAL.sub("\ufffd", text)
        text = escape(text[:_MAX_TEXT])
        if "\r" in text:
            text = text.replace("\r", "&#13;")
        return f' s="{style}" t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'

    def _value_cell(self, value: CellValue, kind: Kind, *, wrap: bool = False,
                    red: bool = False, bold: bool = False) -> str:
        style = self._style("cell", kind, wrap, red, bold)
        if value is None:
            return f' s="{style}"/>'
        if kind in NUMBER_FORMATS and not isinstance(value, bool):
            if isinstance(value, int):
                return f' s="{style}" t="n"><v>{value}</v></c>'
            if isinstance(value, Decimal) and value.is_finite():
                # its own digits, up to the 17 that a spreadsheet's number can tell apart
                return f' s="{style}" t="n"><v>{value:.17g}</v></c>'
            if isinstance(value, dt.date):
                return f' s="{style}" t="n"><v>{_serial(value)}</v></c>'
        return self._text_cell(display(value, kind), style)

    def _style(self, role: str, kind: Kind = Kind.TEXT, wrap: bool = False, red: bool = False,
               bold: bool = False) -> int:
        """A cell format's number, made once per combination."""
        key = (role, kind, wrap, red, bold)
        number = self._style_numbers.get(key)
        if number is None:
            number = self._style_numbers[key] = self.styles.index(
                _cell_style(role, kind, wrap, red, bold))
        return number

    def _quoted(self, style: int) -> int:
        key = ("quoted", style)
        number = self._style_numbers.get(key)
        if number is None:
            number = self._style_numbers[key] = self.styles.quoted(style)
        return number


def _cell_style(role: str, kind: Kind, wrap: bool, red: bool, bold: bool) -> CellStyle:
    if role == "title":
        return CellStyle(Font(16, bold=True), alignment=Alignment("center", "center"))
    if role == "subtitle":
        return CellStyle(Font(11, bold=True), alignment=Alignment("center"))
    if role == "header":
        return CellStyle(Font(10, bold=True), fill=_HEADER_FILL, border=True,
                         alignment=Alignment("center", "center", wrap=True))
    if role == "note":
        return CellStyle(Font(9))
    if role == "stamp":
        return CellStyle(Font(11), alignment=Alignment(vertical="top"))
    numeric = kind in NUMBER_FORMATS
    return CellStyle(
        Font(10, bold=bold, color=_RED_TEXT if red else None), fill=_RED if red else None,
        border=True,
        alignment=Alignment("right" if numeric and kind is not Kind.DATE else None, "top",
                            wrap=wrap),
        number_format=NUMBER_FORMATS[kind] if numeric else None)


def _serial(value: dt.date) -> str:
    """A date (or date and time) as Excel's serial number of days."""
    if isinstance(value, dt.datetime):
        delta = value.replace(tzinfo=None) - dt.datetime(1899, 12, 30)
        return f"{delta.days + delta.seconds / 86400 + delta.microseconds / 86400e6:.10g}"
    return str((value - EPOCH).days)


def _footer_text(text: str) -> str:
    # '&' starts a header/footer code in Excel: double it to print it.
    return text.replace("&", "&&")[:200]
