"""ods: an OpenDocument spreadsheet, streamed row by row so memory stays flat for any length.

odfpy builds the whole document in memory (gigabytes for 100,000 rows), so this exporter writes
the OpenDocument XML itself, and casedu uses odfpy to read ODS. It writes the grid every
spreadsheet format shares (:mod:`casedu.exporters.sheetgrid`): A4 in the document's
orientation, columns sized from their content, rows as tall as their text, a record too long
for one row continued under its number and （续）, page breaks that keep records and the
signature block whole, header rows repeated on every printed page
(``table:table-header-rows``) and frozen on screen, the print range, page numbers in the
footer, red not-implemented rows with the mark 【未实施】 in a cell of its own, numbers stored
as numbers with formats, the summary's chart as an ODF chart object, and lines broken as
Chinese print breaks them (``style:line-break="strict"``). A text cell is always a string cell
here: OpenDocument runs only ``table:formula``, never text.

A sheet's rows are written to a spooled temporary file first: the rows' styles and the print
range, which come before them in the file, are known only once they are laid out.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import tempfile
import zipfile
from collections.abc import Sequence
from decimal import Decimal
from typing import IO, BinaryIO
from xml.sax.saxutils import escape, quoteattr

from casedu.exporters.cells import display
from casedu.exporters.ods.chart import chart_frame, chart_object
from casedu.exporters.ods.parts import (
    DATA_STYLES,
    META,
    MIMETYPE,
    NAMESPACES,
    automatic_styles,
    cell_style,
    column_style,
    manifest,
    row_style,
    settings,
    styles,
)
from casedu.exporters.sheetgrid import Cell, GridRow, SheetLayout
from casedu.exporters.sheetpage import footer_lines
from casedu.exporters.sheetparts import LookOpenings
from casedu.exporters.sheets import column_name, unique_titles
from casedu.quantities import decimal_text
from casedu.reports.document import CellValue, Document, Kind

__all__ = ["OdsExporter"]

_DATA_KINDS = frozenset(map(id, DATA_STYLES))  # an enum's hash is slow: compare ids
_TEXT = Kind.TEXT
_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SPACES = re.compile("  +")
_NUMBERS = 4096  # numbers' cells remembered
_COVERED = "<table:covered-table-cell/>"
_FLUSH_ROWS = 500  # rows gathered before a write to the spooled sheet
_SPOOL = 64 * 1024 * 1024  # bytes of a sheet held in memory before it goes to a file


class OdsExporter:
    """OpenDocument spreadsheet (LibreOffice, WPS, Excel)."""

    name = "ods"
    suffix = ".ods"
    media_type = MIMETYPE
    description = "OpenDocument spreadsheet, streamed (flat memory), A4, repeated header rows"

    def write(self, document: Document, stream: BinaryIO) -> None:
        """Write ``document`` as one sheet."""
        self.write_many((document,), stream)

    def write_many(self, documents: Sequence[Document], stream: BinaryIO,
                   names: Sequence[str] | None = None) -> None:
        """Write several documents (an institute-year each) as one spreadsheet, a sheet each
        (one page style: the first document's)."""
        titles = unique_titles(names or [d.title for d in documents])
        with contextlib.ExitStack() as stack, \
                zipfile.ZipFile(stream, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            sheets = [_Sheet(number, title, document, stack.enter_context(
                          tempfile.SpooledTemporaryFile(max_size=_SPOOL)))
                      for number, (title, document) in enumerate(zip(titles, documents,
                                                                      strict=True))]
            archive.writestr(zipfile.ZipInfo("mimetype"), MIMETYPE,
                             compress_type=zipfile.ZIP_STORED)
            for sheet in sheets:
                sheet.lay_out()
            objects = [name for sheet in sheets for name, _ in sheet.charts]
            archive.writestr("META-INF/manifest.xml", manifest(objects))
            archive.writestr("meta.xml", META)
            archive.writestr("styles.xml", styles(documents[0], footer_lines(documents[0])))
            for sheet in sheets:
                for name, text in sheet.charts:
                    archive.writestr(f"{name}/content.xml", text)
            with archive.open("content.xml", "w", force_zip64=True) as content:
                rows = {k: r for sheet in sheets for k, r in sheet.row_styles.items()}
                cells = {k: c for sheet in sheets for k, c in sheet.cell_styles.items()}
                content.write(('<?xml version="1.0" encoding="UTF-8"?>'
                               f"<office:document-content {NAMESPACES}>"
                               + automatic_styles([s.layout.widths for s in sheets],
                                                  rows.values(), cells.values())
                               + "<office:body><office:spreadsheet>").encode("utf-8"))
                for sheet in sheets:
                    sheet.copy_to(content)
                content.write(b"</office:spreadsheet></office:body></office:document-content>")
            first = sheets[0]
            archive.writestr("settings.xml", settings(first.title,
                                                      (first.layout.frozen or 1) - 1))


class _Sheet:
    """One document's grid as a ``table:table``, its rows spooled until they are laid out."""

    def __init__(self, number: int, title: str, document: Document, spool: IO[bytes]) -> None:
        self.number = number
        self.title = title
        self.document = document
        self.layout = SheetLayout(document)
        self.row_styles: dict[str, GridRow] = {}
        self.cell_styles: dict[str, Cell] = {}
        self._heads: dict[tuple[object, ...], str] = {}  # each style's opening of a cell
        self._numbers: dict[tuple[str, str], str] = {}  # numbers' cells, by style and value
        self._row_names: dict[tuple[int, float, bool], str] = {}  # rows' styles, by height
        #: Each look's openings of its columns' cells: of a value, and of an empty cell.
        self._looks: LookOpenings[str, str] = LookOpenings()
        self.charts: list[tuple[str, str]] = []  # (object name, its content.xml)
        self._spool = spool
        self._rows = 0

    def lay_out(self) -> None:
        """Write the rows to the spool, noting the styles they use."""
        layout = self.layout
        buffer: list[str] = []
        covered: dict[tuple[int, int], bool] = {}  # cells merged into one above
        inside = False  # the header rows printed on every page
        for number, row in enumerate(layout.rows(), start=1):
            if row.titles != inside:
                inside = row.titles
                buffer.append("<table:table-header-rows>" if inside
                              else "</table:table-header-rows>")
            buffer.append(self._row(number, row, covered))
            self._rows = number
            if len(buffer) >= _FLUSH_ROWS:
                self._spool.write("".join(buffer).encode("utf-8"))
                buffer.clear()
        if inside:
            buffer.append("</table:table-header-rows>")
        self._spool.write("".join(buffer).encode("utf-8"))

    def _row(self, number: int, row: GridRow, covered: dict[tuple[int, int], bool]) -> str:
        name = self._row_names.get((row.lines, row.size, row.page_break))
        if name is None:
            name = row_style(row)
            self.row_styles.setdefault(name, row)
            self._row_names[row.lines, row.size, row.page_break] = name
        head = f'<table:table-row table:style-name="{name}">'
        charts = {c.at_column: c for c in self.layout.charts if c.header == number} \
            if self.layout.charts else {}
        if not covered and not charts:
            if row.values is not None:
                return self._values(head, row)
            write = self._cell
            if row.plain:  # most rows: no merged cell, nothing covered from above
                return "".join([head, *["<table:table-cell/>" if c is None else write(c)
                                        for c in row.cells], "</table:table-row>"])
            if all(c is None or c.down == 1 for c in row.cells):
                # cells merged across this row alone (a text under its record): each
                # followed by the cells it covers, none left over for the rows below
                parts = [head]
                skip = 0
                for cell in row.cells:
                    if skip:
                        skip -= 1
                        parts.append(_COVERED)
                    elif cell is None:
                        parts.append("<table:table-cell/>")
                    else:
                        parts.append(write(cell))
                        skip = cell.across - 1
                parts.append(_COVERED * skip)
                parts.append("</table:table-row>")
                return "".join(parts)
        parts = [head]
        # every column a merged cell of this row covers is written, so none is left over
        # for the rows below (where the fast way above is taken only with nothing covered)
        width = max(len(row.cells), max(charts, default=-1) + 1,
                    *(column + cell.across for column, cell in enumerate(row.cells)
                      if cell is not None))
        for column in range(width):
            cell = row.cells[column] if column < len(row.cells) else None
            if covered.pop((number, column), False):
                parts.append(_COVERED)
                continue
            if cell is None:
                chart = charts.get(column)
                if chart is not None:
                    object_name = f"Object {len(self.charts) + 1 + 100 * self.number}"
                    self.charts.append((object_name, chart_object(chart, self.title)))
                    parts.append(f"<table:table-cell>{chart_frame(chart, self.title, object_name)}"
                                 "</table:table-cell>")
                else:
                    parts.append("<table:table-cell/>")
                continue
            for down in range(cell.down):
                for across in range(cell.across):
                    if down or across:
                        covered[(number + down, column + across)] = True
            parts.append(self._cell(cell))
        parts.append("</table:table-row>")
        return "".join(parts)

    def _values(self, head: str, row: GridRow) -> str:
        """A record's row of values (:class:`~casedu.exporters.sheetparts.Look`): each
        column's opening found once per look, as :meth:`_cell` finds it."""
        look, values = row.look, row.values
        assert look is not None and values is not None
        full, empty = self._looks.of(look, len(values))
        kinds, red = look.kinds, look.red
        parts = [head]
        for i, value in enumerate(values):
            if value is None:
                text = empty[i]
                if text is None:
                    text = empty[i] = self._head(look.roles[i], look.empty_kinds[i], red,
                                                 look.bolds[i]) + "/>"
                parts.append(text)
                continue
            start = full[i]
            if start is None:
                start = full[i] = self._head(look.roles[i], kinds[i], red, look.bolds[i])
            kind = kinds[i]
            if kind is _TEXT and value.__class__ is str:  # most cells
                parts.append(f'{start} office:value-type="string">{_paragraphs(value)}'
                             "</table:table-cell>")
            else:
                parts.append(self._content(start, value, kind))
        parts.append("</table:table-row>")
        return "".join(parts)

    def _head(self, role: str, kind: Kind, red: bool, bold: bool) -> str:
        """The opening of a cell of a style, its style noted the first time."""
        key = (role, id(kind), red, bold)  # an enum's hash is slow
        head = self._heads.get(key)
        if head is None:
            cell = Cell(None, kind, role, red, bold)
            style = cell_style(cell)
            self.cell_styles.setdefault(style, cell)
            head = self._heads[key] = f'<table:table-cell table:style-name="{style}"'
        return head

    def _cell(self, cell: Cell) -> str:
        value, kind, role, red, bold, across, down = cell
        head = self._heads.get((role, id(kind), red, bold))
        if head is None:
            head = self._head(role, kind, red, bold)
        if across > 1 or down > 1:
            head += (f' table:number-columns-spanned="{across}"' if across > 1
                     else "") + (f' table:number-rows-spanned="{down}"' if down > 1 else "")
        if value is None:
            return head + "/>"
        if kind is _TEXT and isinstance(value, str):  # most cells
            return (f'{head} office:value-type="string">{_paragraphs(value)}'
                    "</table:table-cell>")
        return self._content(head, value, kind)

    def _content(self, head: str, value: CellValue, kind: Kind) -> str:
        """A cell that holds a value other than text, from its opening ``head``."""
        if kind is _TEXT and isinstance(value, str):
            return (f'{head} office:value-type="string">{_paragraphs(value)}'
                    "</table:table-cell>")
        if value.__class__ is bool:  # 是 or 否, of a few styles
            known = self._numbers.get((head, "true" if value else "false"))
            if known is None:
                known = (f'{head} office:value-type="string">'
                         f"{_paragraphs(display(value, kind))}</table:table-cell>")
                if len(self._numbers) < _NUMBERS:
                    self._numbers[head, "true" if value else "false"] = known
            return known
        if id(kind) in _DATA_KINDS and not isinstance(value, bool):
            if isinstance(value, (int, Decimal)):
                number = decimal_text(value) if isinstance(value, Decimal) else str(value)
                known = self._numbers.get((head, number))  # hours and counts repeat
                if known is None:
                    value_type = "percentage" if kind is Kind.PERCENT else "float"
                    # a number's text needs no escaping
                    known = (f'{head} office:value-type="{value_type}" office:value="{number}">'
                             f"<text:p>{display(value, kind)}</text:p></table:table-cell>")
                    if len(self._numbers) < _NUMBERS:
                        self._numbers[head, number] = known
                return known
            if isinstance(value, dt.date) and kind is Kind.DATE:
                return (f'{head} office:value-type="date" office:date-value='
                        f'"{value.isoformat()}"><text:p>{escape(display(value, kind))}'
                        "</text:p></table:table-cell>")
        return (f'{head} office:value-type="string">{_paragraphs(display(value, kind))}'
                "</table:table-cell>")

    def copy_to(self, content: IO[bytes]) -> None:
        """The sheet's ``table:table``: its print range, its columns, its rows."""
        last = f"{column_name(self.layout.count)}{max(self._rows, 1)}"
        sheet = "'" + self.title.replace("'", "''") + "'"
        content.write((f'<table:table table:name={quoteattr(self.title)} table:style-name="ta1" '
                       f'table:print-ranges={quoteattr(f"{sheet}.A1:{sheet}.{last}")}>'
                       + "".join(f'<table:table-column table:style-name='
                                 f'"{column_style(self.number, i)}"/>'
                                 for i in range(self.layout.count))).encode("utf-8"))
        self._spool.seek(0)
        while chunk := self._spool.read(1 << 20):
            content.write(chunk)
        content.write(b"</table:table>")


def _paragraphs(text: str) -> str:
    """Text as <text:p> paragraphs, one per line, keeping runs of spaces and tabs."""
    if _plain(text):  # most texts: nothing to escape or keep in a line
        if "\n" not in text:
            return f"<text:p>{text}</text:p>"
        return "<text:p>" + text.replace("\n", "</text:p><text:p>") + "</text:p>"
    return _escaped_paragraphs(text)


def _plain(text: str) -> bool:
    """Whether ``text`` needs no escaping and no space kept: no ``<``, ``>`` or ``&``, no
    control character but the line break, no run of spaces and no line starting with one.
    (Searches for single characters and ``str.isprintable``, in C: a regular expression of
    the same read a character at a time, a tenth of the ods's time for the large year.)
    A character ``isprintable`` refuses that needs nothing (an ideographic space) goes the
    long way, which writes it the same."""
    if "<" in text or ">" in text or "&" in text or "  " in text or text[:1] == " ":
        return False
    if text.isprintable():
        return True
    return "\n " not in text and text.replace("\n", "").isprintable()


def _escaped_paragraphs(text: str) -> str:
    """:func:`_paragraphs` the long way, for any text."""
    text = _ILLEGAL_XML.sub("\ufffd", text)
    out = []
    for line in text.split("\n"):
        line = escape(line.replace("\r", ""))
        line = _SPACES.sub(lambda m: f' <text:s text:c="{len(m.group()) - 1}"/>', line)
        line = line.replace("\t", "<text:tab/>")
        if line.startswith(" "):
            line = "<text:s/>" + line[1:]
        out.append(f"<text:p>{line}</text:p>")
    return "".join(out)
