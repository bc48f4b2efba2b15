"""One document's grid (:class:`~casedu.exporters.sheetgrid.SheetLayout`) written on one
worksheet, its rows streamed as SpreadsheetML."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from decimal import Decimal
from typing import IO, Any
from xml.sax.saxutils import escape

from casedu.exporters.cells import NUMBER_FORMATS, display, looks_like_formula
from casedu.exporters.sheetgrid import Cell, GridRow, SheetLayout
from casedu.exporters.sheetpage import MARGIN_BOTTOM, MARGIN_SIDE, MARGIN_TOP, footer_lines
from casedu.exporters.sheetparts import LookOpenings
from casedu.exporters.xlsx.package import (
    EPOCH,
    MAIN,
    RELATIONSHIPS,
    ChartPart,
    SheetPart,
    column_letter,
)
from casedu.exporters.xlsx.styles import Alignment, CellStyle, Font, Styles
from casedu.reports.document import CellValue, Document, Kind, Orientation

__all__ = ["SheetWriter", "cell_style", "footer_text"]

_MAX_TEXT = 32_767  # Excel's limit of one cell
_RED = "FFC7CE"
_RED_TEXT = "9C0006"
_HEADER_FILL = "D9D9D9"
_FLUSH_ROWS = 500  # rows gathered before a write to the zip stream
_INCH = 72.0
_NUMBER_KINDS = frozenset(map(id, NUMBER_FORMATS))  # an enum's hash is slow: compare ids
_TEXT = Kind.TEXT
#: What XML 1.0 cannot hold (openpyxl's ILLEGAL_CHARACTERS_RE): shown as U+FFFD.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
#: The margins in inches, as SpreadsheetML gives them: left, right, top, bottom, header, footer.
MARGINS = (round(MARGIN_SIDE / _INCH, 3), round(MARGIN_SIDE / _INCH, 3),
           round(MARGIN_TOP / _INCH, 3), round(MARGIN_BOTTOM / _INCH, 3), 0.3, 0.3)


class SheetWriter:
    """Writes one document's grid, top to bottom, streaming its rows as XML."""

    def __init__(self, part: IO[bytes], styles: Styles, name: str, document: Document) -> None:
        self.part = part
        self.styles = styles
        self.name = name
        self.document = document
        self.layout = SheetLayout(document)
        self.letters = [column_letter(i) for i in range(1, max(self.layout.count, 3) + 1)]
        self.merged: list[str] = []
        self._buffer: list[str] = []
        self._style_numbers: dict[tuple[Any, ...], int] = {}
        #: Each look's styles of its columns' cells: of a value, and of an empty cell.
        self._looks: LookOpenings[int, str] = LookOpenings()

    def write(self) -> SheetPart:
        """Write the sheet; what the workbook says of it."""
        layout = self.layout
        rows = layout.rows()
        ahead: list[GridRow] = []
        for row in rows:  # the rows past the first table's header: where the pane freezes
            ahead.append(row)
            if layout.frozen is not None and not row.titles:
                break
        self._put(self._head(layout.frozen))
        number = 0
        for number, row in enumerate(_chain(ahead, rows), start=1):
            self._row(number, row)
        self._put(self._tail(number))
        self.part.write("".join(self._buffer).encode("utf-8"))
        last = f"${self.letters[layout.count - 1]}${max(number, 1)}"
        charts = tuple(ChartPart(sheet=self.name, title=c.chart.title, x_title="学时",
                                 y_title=c.chart.value_label, header=c.header, last=c.last,
                                 column=c.at_column, row=c.header - 1, label_column=c.column,
                                 width_cm=c.width_cm, height_cm=c.height_cm)
                       for c in layout.charts)
        return SheetPart(self.name, layout.print_titles, charts, f"$A$1:{last}")

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
        columns = "".join(f'<col min="{i}" max="{i}" width="{w:g}" customWidth="1"/>'
                          for i, w in enumerate(self.layout.units, start=1))
        return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                f'<worksheet xmlns="{MAIN}" xmlns:r="{RELATIONSHIPS}">'
                '<sheetPr><outlinePr summaryBelow="1" summaryRight="1"/>'
                '<pageSetUpPr fitToPage="1"/></sheetPr>'
                f'<sheetViews><sheetView workbookViewId="0">{view}</sheetView></sheetViews>'
                '<sheetFormatPr baseColWidth="8" defaultRowHeight="15"/>'
                + (f"<cols>{columns}</cols>" if columns else "") + "<sheetData>")

    def _tail(self, rows: int) -> str:
        """Everything after the rows: merged cells, the print settings, the page breaks."""
        merged = "".join(f'<mergeCell ref="{ref}"/>' for ref in self.merged)
        landscape = self.document.orientation is Orientation.LANDSCAPE
        left, right, top, bottom, header, footer = MARGINS
        breaks = "".join(f'<brk id="{row - 1}" max="16383" man="1"/>'
                         for row in self.layout.breaks if 1 < row <= rows)
        count = len(self.layout.breaks)
        return ("</sheetData>"
                + (f'<mergeCells count="{len(self.merged)}">{merged}</mergeCells>'
                   if merged else "")
                + '<printOptions horizontalCentered="1"/>'
                f'<pageMargins left="{left}" right="{right}" top="{top}" bottom="{bottom}"'
                f' header="{header}" footer="{footer}"/>'
                f'<pageSetup paperSize="9" orientation="{"landscape" if landscape else "portrait"}"'
                ' fitToWidth="1" fitToHeight="0"/>'
                f"<headerFooter><oddFooter>{escape(footer_text(self.document))}</oddFooter>"
                "</headerFooter>"
                + (f'<rowBreaks count="{count}" manualBreakCount="{count}">{breaks}</rowBreaks>'
                   if breaks else "")
                + ('<drawing r:id="rId1"/>' if self.layout.charts else "") + "</worksheet>")

    def _row(self, number: int, row: GridRow) -> None:
        letters = self.letters
        parts = [f'<row r="{number}" ht="{row.height:g}" customHeight="1">']
        if row.values is not None:
            self._values(number, row, parts)
            return
        for i, cell in enumerate(row.cells):
            if cell is None:
                continue
            parts.append(f'<c r="{letters[i]}{number}"{self._cell(cell)}')
            if cell.across > 1 or cell.down > 1:
                self.merged.append(f"{letters[i]}{number}:{letters[i + cell.across - 1]}"
                                   f"{number + cell.down - 1}")
        parts.append("</row>")
        self._put("".join(parts))

    def _values(self, number: int, row: GridRow, parts: list[str]) -> None:
        """A record's row of values (:class:`~casedu.exporters.sheetparts.Look`): each
        column's style found once per look, as :meth:`_style` finds it."""
        look, values = row.look, row.values
        assert look is not None and values is not None
        full, empty = self._looks.of(look, len(values))
        kinds, red = look.kinds, look.red
        for i, (letter, value) in enumerate(zip(self.letters, values, strict=False)):
            if value is None:
                text = empty[i]
                if text is None:
                    text = empty[i] = ' s="{}"/>'.format(self._style(
                        Cell(None, look.empty_kinds[i], look.roles[i], red, look.bolds[i])))
                parts.append(f'<c r="{letter}{number}"{text}')
                continue
            style = full[i]
            if style is None:
                style = self._style(Cell(None, kinds[i], look.roles[i], red, look.bolds[i]))
                full[i] = style
            kind = kinds[i]
            if kind is _TEXT and value.__class__ is str:  # most cells
                parts.append(f'<c r="{letter}{number}"{self._text(value, style)}')
            else:
                parts.append(f'<c r="{letter}{number}"{self._content(value, kind, style)}')
        parts.append("</row>")
        self._put("".join(parts))

    # -- cells -------------------------------------------------------------------------------

    def _cell(self, cell: Cell) -> str:
        style = self._style(cell)
        value, kind = cell.value, cell.kind
        if value is None:
            return f' s="{style}"/>'
        return self._content(value, kind, style)

    def _content(self, value: CellValue, kind: Kind, style: int) -> str:
        """A cell's value and type, in its format ``style``."""
        if isinstance(value, str) and kind is Kind.TEXT:  # most cells
            return self._text(value, style)
        if id(kind) in _NUMBER_KINDS and not isinstance(value, bool):
            if isinstance(value, int):
                return f' s="{style}" t="n"><v>{value}</v></c>'
            if isinstance(value, Decimal) and value.is_finite():
                # its own digits, up to the 17 that a spreadsheet's number can tell apart
                return f' s="{style}" t="n"><v>{value:.17g}</v></c>'
            if isinstance(value, dt.date):
                return f' s="{style}" t="n"><v>{_serial(value)}</v></c>'
        return self._text(display(value, kind), style)

    def _text(self, text: str, style: int) -> str:
        if looks_like_formula(text):
            # Data, not a formula: a string, shown as typed (a quote prefix in its format).
            style = self._quoted(style)
        if _ILLEGAL.search(text):
            text = _ILLEGAL.sub("\ufffd", text)
        text = escape(text[:_MAX_TEXT])
        if "\r" in text:
            text = text.replace("\r", "&#13;")
        return f' s="{style}" t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'

    def _style(self, cell: Cell) -> int:
        """A cell format's number, made once per combination."""
        key = (cell.role, id(cell.kind), cell.red, cell.bold)
        number = self._style_numbers.get(key)
        if number is None:
            number = self._style_numbers[key] = self.styles.index(cell_style(cell))
        return number

    def _quoted(self, style: int) -> int:
        key = ("quoted", style)
        number = self._style_numbers.get(key)
        if number is None:
            number = self._style_numbers[key] = self.styles.quoted(style)
        return number


def cell_style(cell: Cell) -> CellStyle:
    """The format of a cell of the grid: fonts of a form (titles 16 pt, titles of columns
    10.5 pt, body 9 pt), borders on the tables, red fill on rows not implemented."""
    role, kind, size = cell.role, cell.kind, cell.size
    if role == "title":
        return CellStyle(Font(size, bold=True), alignment=Alignment("center", "center", True))
    if role == "subtitle":
        return CellStyle(Font(size, bold=True), alignment=Alignment("center", "center", True))
    if role == "header":
        return CellStyle(Font(size, bold=True), fill=_HEADER_FILL, border=True,
                         alignment=Alignment("center", "center", wrap=True))
    if role in ("note", "stamp"):
        return CellStyle(Font(size), alignment=Alignment("left", "top", wrap=True))
    if role == "mark":
        return CellStyle(Font(size, bold=True, color=_RED_TEXT if cell.red else None),
                         fill=_RED if cell.red else None, border=True,
                         alignment=Alignment("center", "top", wrap=True))
    numeric = kind in NUMBER_FORMATS
    return CellStyle(
        Font(size, bold=cell.bold, color=_RED_TEXT if cell.red else None),
        fill=_RED if cell.red else None, border=True,
        alignment=Alignment("right" if numeric and kind is not Kind.DATE else None, "top",
                            wrap=not numeric),
        number_format=NUMBER_FORMATS[kind] if numeric else None)


def footer_text(document: Document) -> str:
    """The footer as SpreadsheetML writes it: the rules and fingerprint on the left, the page
    number on the right, at 9 pt."""
    left = "\n".join(line.replace("&", "&&") for line in footer_lines(document))
    return f"&L&9 {left}&R&9 第 &P 页 共 &N 页"


def _chain(first: list[GridRow], rest: Iterator[GridRow]) -> Iterator[GridRow]:
    yield from first
    yield from rest


def _serial(value: dt.date) -> str:
    """A date (or date and time) as Excel's serial number of days."""
    if isinstance(value, dt.datetime):
        delta = value.replace(tzinfo=None) - dt.datetime(1899, 12, 30)
        return f"{delta.days + delta.seconds / 86400 + delta.microseconds / 86400e6:.10g}"
    return str((value - EPOCH).days)
