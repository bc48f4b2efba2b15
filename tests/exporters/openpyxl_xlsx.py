"""The reference for casedu's streaming xlsx writer: the xlsx exporter as it was written on
openpyxl's write-only mode (casedu 0.1 up to the streaming writer), kept unchanged so that
tests/exporters/test_xlsx_stream.py can compare the two files of every document, and
benchmarks/xlsx.py can time both.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any, BinaryIO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from casedu.exporters.cells import (
    NUMBER_FORMATS,
    display,
    header_spans,
    looks_like_formula,
    marked_cells,
)
from casedu.exporters.sheets import unique_titles
from casedu.exporters.widths import sheet_widths, wrapped_lines
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

__all__ = ["XlsxExporter"]

_MAX_TEXT = 32_767  # Excel's limit of one cell
_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_RED = PatternFill(fill_type="solid", start_color="FFC7CE", end_color="FFC7CE")
_HEADER_FILL = PatternFill(fill_type="solid", start_color="D9D9D9", end_color="D9D9D9")
_FONT = "宋体"
_LINE_HEIGHT = 13.5  # points per line of 10-point text


class XlsxExporter:
    """The workbook through openpyxl's write-only mode (the sheet titles as casedu makes them)."""

    def write(self, document: Document, stream: BinaryIO) -> None:
        self.write_many((document,), stream)

    def write_many(self, documents: Sequence[Document], stream: BinaryIO,
                   names: Sequence[str] | None = None) -> None:
        """Write several documents (an institute-year each) as one workbook, a sheet each."""
        workbook = Workbook(write_only=True)
        for title in unique_titles(names or [d.title for d in documents]):
            document = documents[len(workbook.worksheets)]
            _SheetWriter(workbook.create_sheet(title=title), document).write()
        workbook.save(stream)


class _SheetWriter:
    """Lays one document out on one write-only worksheet, top to bottom."""

    def __init__(self, sheet: Any, document: Document) -> None:
        self.sheet = sheet
        self.document = document
        self.row = 0  # the last row written
        self.width = max((len(t.columns) for t in document.tables), default=2)
        self._styles: dict[tuple[Any, ...], Any] = {}
        self.widths: list[int] = []

    def write(self) -> None:
        document = self.document
        self._page_setup()
        frozen = self._first_data_row()
        if frozen is not None:
            # The sheet view is streamed before the rows: freeze before the first row.
            self.sheet.freeze_panes = f"A{frozen}"
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

    def _page_setup(self) -> None:
        sheet = self.sheet
        self.widths = sheet_widths(self.document)
        for i, w in enumerate(self.widths, start=1):
            sheet.column_dimensions[get_column_letter(i)].width = w
        landscape = self.document.orientation is Orientation.LANDSCAPE
        sheet.page_setup.orientation = "landscape" if landscape else "portrait"
        sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        sheet.print_options.horizontalCentered = True
        sheet.page_margins.left = sheet.page_margins.right = 0.5
        sheet.page_margins.top = sheet.page_margins.bottom = 0.75
        sheet.oddFooter.right.text = "第 &P 页 / 共 &N 页"
        sheet.oddFooter.right.size = 9
        sheet.oddFooter.left.text = _footer_text(self.document.footer)
        sheet.oddFooter.left.size = 7

    def _append(self, cells: Sequence[Any], height: float | None = None) -> None:
        # A row's height must be known before the streamed row is written.
        if height is not None:
            self.sheet.row_dimensions[self.row + 1].height = height
        self.sheet.append(list(cells))
        self.row += 1

    def _blank(self) -> None:
        self._append([])

    def _line(self, text: str, style: Any, height: float | None = None) -> None:
        """A line of text across the page width."""
        self._append([self._text_cell(text, style)], height=height)
        if self.width > 1:
            self.sheet.merged_cells.add(f"A{self.row}:{get_column_letter(self.width)}{self.row}")

    def _table(self, table: Table, *, repeat: bool) -> None:
        if table.title:
            self._line(table.title, self._style("subtitle"))
        header_first = self.row + 1
        if table.has_groups:
            self._group_header(table)
            # a column without a group takes both header rows (merged down)
            self._append([self._text_cell(c.title, self._style("header")) if c.group
                          else self._text_cell("", self._style("header"))
                          for c in table.columns], height=30)
            for span in header_spans(table):
                if span.group is None:
                    letter = get_column_letter(span.first + 1)
                    self.sheet.merged_cells.add(f"{letter}{self.row - 1}:{letter}{self.row}")
        else:
            self._append([self._text_cell(c.title, self._style("header"))
                          for c in table.columns], height=30)
        if repeat:
            self.sheet.print_title_rows = f"{header_first}:{self.row}"
        for row in table.rows:
            self._data_row(table, row)
        if table.totals is not None:
            self._data_row(table, table.totals)

    def _group_header(self, table: Table) -> None:
        cells = [self._text_cell(column.group or column.title, self._style("header"))
                 for column in table.columns]
        self._append(cells)
        for span in header_spans(table):
            if span.last > span.first:
                self.sheet.merged_cells.add(f"{get_column_letter(span.first + 1)}{self.row}:"
                                            f"{get_column_letter(span.last + 1)}{self.row}")

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
        self._append([self._text_cell("学时", self._style("header")),
                      self._text_cell(chart.value_label, self._style("header"))])
        header = self.row
        for label, value in zip(chart.labels, chart.values, strict=True):
            self._append([self._text_cell(label, self._style("cell", Kind.TEXT)),
                          self._value_cell(value, Kind.INTEGER)])
        bars = BarChart()
        bars.type = "col"
        bars.title = chart.title
        bars.y_axis.title = chart.value_label
        bars.x_axis.title = "学时"
        bars.legend = None
        bars.height, bars.width = 6.5, 12  # centimetres
        bars.add_data(Reference(self.sheet, min_col=2, min_row=header, max_row=self.row),
                      titles_from_data=True)
        bars.set_categories(Reference(self.sheet, min_col=1, min_row=header + 1,
                                      max_row=self.row))
        self.sheet.add_chart(bars, f"D{header}")
        while self.row < header + 13:  # the chart's room, so the stamp goes below it
            self._blank()

    def _stamp(self) -> None:
        stamp = self.document.stamp
        self._blank()
        right = max(self.width - 2, 2)
        self._append([self._text_cell(f"{stamp.filing_label}：{self.document.institute}",
                                      self._style("stamp"))], height=20)
        cells: list[Any] = [self._text_cell(stamp.signer_label + "：", self._style("stamp"))]
        cells += [None] * (right - 1)
        cells.append(self._text_cell(stamp.unit_label + "：", self._style("stamp")))
        self._append(cells, height=40)
        cells = [self._text_cell(stamp.preparer_line, self._style("stamp"))]
        cells += [None] * (right - 1)
        cells.append(self._text_cell(stamp.date_label, self._style("stamp")))
        self._append(cells, height=24)

    # -- cells -------------------------------------------------------------------------------

    def _text_cell(self, text: str, style: Any) -> Any:
        cell = WriteOnlyCell(self.sheet)
        if ILLEGAL_CHARACTERS_RE.search(text):
            text = ILLEGAL_CHARACTERS_RE.sub("\ufffd", text)
        cell.value = text[:_MAX_TEXT]
        # The style arrays are shared: a streamed cell is written at once and never changed.
        cell._style = style
        if looks_like_formula(text):
            # Data, not a formula: stored as a shared string, shown with a quote prefix.
            cell._style = copy.copy(style)
            cell.data_type = "s"
            cell.quotePrefix = True
        return cell

    def _value_cell(self, value: CellValue, kind: Kind, *, wrap: bool = False,
                    red: bool = False, bold: bool = False) -> Any:
        style = self._style("cell", kind, wrap, red, bold)
        if value is None:
            cell = WriteOnlyCell(self.sheet)
            cell._style = style
            return cell
        if kind in NUMBER_FORMATS and isinstance(value, (int, Decimal, dt.date)) \
                and not isinstance(value, bool):
            cell = WriteOnlyCell(self.sheet, value=value)
            cell._style = style
            return cell
        return self._text_cell(display(value, kind), style)

    def _style(self, role: str, kind: Kind = Kind.TEXT, wrap: bool = False, red: bool = False,
               bold: bool = False) -> Any:
        """A cell style, made once per combination and copied onto cells (fast in bulk)."""
        key = (role, kind, wrap, red, bold)
        style = self._styles.get(key)
        if style is None:
            proto = WriteOnlyCell(self.sheet)
            _dress(proto, role, kind, wrap, red, bold)
            style = self._styles[key] = proto._style
        return style


def _dress(cell: Any, role: str, kind: Kind, wrap: bool, red: bool, bold: bool) -> None:
    if role == "title":
        cell.font = Font(name=_FONT, size=16, bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center")
    elif role == "subtitle":
        cell.font = Font(name=_FONT, size=11, bold=True)
        cell.alignment = Alignment(horizontal="center")
    elif role == "header":
        cell.font = Font(name=_FONT, size=10, bold=True)
        cell.fill = _HEADER_FILL
        cell.border = _BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    elif role == "note":
        cell.font = Font(name=_FONT, size=9)
        cell.alignment = Alignment(wrap_text=False)
    elif role == "stamp":
        cell.font = Font(name=_FONT, size=11)
        cell.alignment = Alignment(vertical="top")
    else:
        cell.font = Font(name=_FONT, size=10, bold=bold,
                         color="9C0006" if red else None)
        cell.border = _BORDER
        numeric = kind in NUMBER_FORMATS
        cell.alignment = Alignment(
            horizontal="right" if numeric and kind is not Kind.DATE else None,
            vertical="top", wrap_text=wrap or None,
        )
        if numeric:
            cell.number_format = NUMBER_FORMATS[kind]
        if red:
            cell.fill = _RED


def _footer_text(text: str) -> str:
    # '&' starts a header/footer code in Excel: double it to print it.
    return text.replace("&", "&&")[:200]
