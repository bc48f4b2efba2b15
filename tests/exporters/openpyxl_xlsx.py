"""The reference for casedu's streaming xlsx writer: the same grid
(:class:`casedu.exporters.sheetgrid.SheetLayout`) written through openpyxl's own writer, so that
tests/exporters/test_xlsx_stream.py can compare the two files of every document (every cell's
value, type and format, the merges, heights, widths, print settings, page breaks and charts),
and benchmarks/xlsx.py can time both.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any, BinaryIO

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break, RowBreak
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from casedu.exporters.cells import NUMBER_FORMATS, display, looks_like_formula
from casedu.exporters.sheetgrid import Cell, SheetLayout
from casedu.exporters.sheets import unique_titles
from casedu.exporters.xlsx.sheet import MARGINS, cell_style, footer_text
from casedu.reports.document import Document, Orientation

__all__ = ["XlsxExporter"]

_MAX_TEXT = 32_767  # Excel's limit of one cell
_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


class XlsxExporter:
    """The workbook through openpyxl (the sheet titles as casedu makes them)."""

    def write(self, document: Document, stream: BinaryIO) -> None:
        self.write_many((document,), stream)

    def write_many(self, documents: Sequence[Document], stream: BinaryIO,
                   names: Sequence[str] | None = None) -> None:
        """Write several documents (an institute-year each) as one workbook, a sheet each."""
        workbook = Workbook()
        workbook.remove(workbook.active)
        for title, document in zip(unique_titles(names or [d.title for d in documents]),
                                   documents, strict=True):
            _write_sheet(workbook.create_sheet(title=title), document)
        workbook.save(stream)


def _write_sheet(sheet: Worksheet, document: Document) -> None:
    layout = SheetLayout(document)
    for i, width in enumerate(layout.units, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    number = 0
    for number, row in enumerate(layout.rows(), start=1):
        sheet.row_dimensions[number].height = row.height
        for column, cell in enumerate(row.cells, start=1):
            if cell is None:
                continue
            _put(sheet.cell(row=number, column=column), cell)
            if cell.across > 1 or cell.down > 1:
                sheet.merge_cells(start_row=number, start_column=column,
                                  end_row=number + cell.down - 1,
                                  end_column=column + cell.across - 1)
    if layout.frozen is not None:
        sheet.freeze_panes = f"A{layout.frozen}"
    if layout.print_titles is not None:
        sheet.print_title_rows = "{}:{}".format(*layout.print_titles)
    sheet.print_area = f"A1:{get_column_letter(layout.count)}{max(number, 1)}"
    sheet.row_breaks = RowBreak(brk=[Break(id=r - 1) for r in layout.breaks if r > 1])
    landscape = document.orientation is Orientation.LANDSCAPE
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_options.horizontalCentered = True
    margins = sheet.page_margins
    (margins.left, margins.right, margins.top, margins.bottom, margins.header,
     margins.footer) = MARGINS
    left, right = footer_text(document)[len("&L&9 "):].split("&R&9 ")
    sheet.oddFooter.left.text, sheet.oddFooter.left.size = left, 9
    sheet.oddFooter.right.text, sheet.oddFooter.right.size = right, 9
    for chart in layout.charts:
        bars = BarChart()
        bars.type = "col"
        bars.title = chart.chart.title
        bars.y_axis.title = chart.chart.value_label
        bars.x_axis.title = "学时"
        bars.legend = None
        bars.height, bars.width = chart.height_cm, chart.width_cm
        bars.add_data(Reference(sheet, min_col=chart.column + 2, min_row=chart.header,
                                max_row=chart.last), titles_from_data=True)
        bars.set_categories(Reference(sheet, min_col=chart.column + 1, min_row=chart.first,
                                      max_row=chart.last))
        sheet.add_chart(bars, f"{get_column_letter(chart.at_column + 1)}{chart.header}")


def _put(target: Any, cell: Cell) -> None:
    style = cell_style(cell)
    target.font = Font(name=style.font.name, size=style.font.size, bold=style.font.bold,
                       color=style.font.color)
    if style.fill:
        target.fill = PatternFill(fill_type="solid", start_color=style.fill,
                                  end_color=style.fill)
    if style.border:
        target.border = _BORDER
    alignment = style.alignment
    if alignment.horizontal or alignment.vertical or alignment.wrap:
        target.alignment = Alignment(horizontal=alignment.horizontal,
                                     vertical=alignment.vertical,
                                     wrap_text=alignment.wrap or None)
    if style.number_format:
        target.number_format = style.number_format
    value, kind = cell.value, cell.kind
    if value is None:
        return
    if kind in NUMBER_FORMATS and isinstance(value, (int, Decimal, dt.date)) \
            and not isinstance(value, bool):
        target.value = value
        return
    text = display(value, kind)
    if ILLEGAL_CHARACTERS_RE.search(text):
        text = ILLEGAL_CHARACTERS_RE.sub("\ufffd", text)
    target.value = text[:_MAX_TEXT]
    if looks_like_formula(text):
        # Data, not a formula: stored as a string, shown with a quote prefix.
        target.data_type = "s"
        target.quotePrefix = True



