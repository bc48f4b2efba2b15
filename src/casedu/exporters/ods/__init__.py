"""ods: an OpenDocument spreadsheet, streamed row by row so memory stays flat for any length.

odfpy builds the whole document in memory (gigabytes for 100,000 rows), so this exporter writes
the OpenDocument XML itself, straight into the zip entry, and casedu uses odfpy to read ODS. The
file carries what the xlsx carries: A4 in the document's orientation fitted to the page width,
header rows repeated on every printed page (``table:table-header-rows``) and frozen on screen,
page numbers in the footer, red not-implemented rows, numbers stored as numbers with formats.
A text cell is always a string cell here: OpenDocument runs only ``table:formula``, never text.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import BinaryIO
from xml.sax.saxutils import escape, quoteattr

from casedu.exporters.cells import display, header_spans, marked_cells
from casedu.exporters.ods.parts import (
    DATA_STYLES,
    MANIFEST,
    META,
    MIMETYPE,
    NAMESPACES,
    automatic_styles,
    cell_style,
    settings,
    styles,
)
from casedu.exporters.sheets import unique_titles
from casedu.exporters.widths import sheet_widths
from casedu.quantities import decimal_text
from casedu.reports.document import (
    CellValue,
    Chart,
    Document,
    Kind,
    Mark,
    Paragraph,
    Row,
    Table,
)

__all__ = ["OdsExporter"]

_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SPACES = re.compile("  +")
_FLUSH_ROWS = 500  # rows gathered before a write to the zip stream


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
        sheets = unique_titles(names or [d.title for d in documents])
        layouts = [_Layout(d) for d in documents]
        widths: list[int] = []
        for document in documents:
            for i, width in enumerate(sheet_widths(document)):
                widths[i:i + 1] = [max(widths[i], width)] if i < len(widths) else [width]
        with zipfile.ZipFile(stream, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(zipfile.ZipInfo("mimetype"), MIMETYPE,
                             compress_type=zipfile.ZIP_STORED)
            archive.writestr("META-INF/manifest.xml", MANIFEST)
            archive.writestr("meta.xml", META)
            archive.writestr("styles.xml", styles(documents[0]))
            with archive.open("content.xml", "w") as content:
                buffer: list[str] = []

                def pieces() -> Iterator[str]:
                    yield _head(max(layout.width for layout in layouts), widths)
                    for layout, sheet in zip(layouts, sheets, strict=True):
                        yield from layout.table(sheet)
                    yield _TAIL

                for piece in pieces():
                    buffer.append(piece)
                    if len(buffer) >= _FLUSH_ROWS:
                        content.write("".join(buffer).encode("utf-8"))
                        buffer.clear()
                content.write("".join(buffer).encode("utf-8"))
            archive.writestr("settings.xml", settings(sheets[0], layouts[0].frozen_rows))


_TAIL = "</office:spreadsheet></office:body></office:document-content>"


def _head(width: int, widths: list[int]) -> str:
    return ('<?xml version="1.0" encoding="UTF-8"?>'
            f"<office:document-content {NAMESPACES}>"
            + automatic_styles(width, widths) + "<office:body><office:spreadsheet>")


class _Layout:
    """Lays the document out as rows of XML, top to bottom."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.width = max((len(t.columns) for t in document.tables), default=2)
        self.row = 0
        self.frozen_rows = 0

    def table(self, sheet: str) -> Iterator[str]:
        """The document as one ``table:table`` of the spreadsheet."""
        document = self.document
        yield f'<table:table table:name={quoteattr(sheet)} table:style-name="ta1">'
        for i in range(self.width):
            yield f'<table:table-column table:style-name="co{i + 1}"/>'
        yield self._line(document.title, "title", height="ro_title")
        yield self._line(document.subtitle, "subtitle")
        first_table = True
        for block in document.blocks:
            yield self._blank()
            if isinstance(block, Table):
                yield from self._table(block, repeat=first_table)
                first_table = False
            elif isinstance(block, Paragraph):
                yield self._line(block.text, "note")
            elif isinstance(block, Chart):
                yield from self._chart(block)
        if document.notes:
            yield self._blank()
            for note in document.notes:
                yield self._line(note, "note")
        yield from self._stamp()
        yield "</table:table>"

    def _row(self, cells: str, height: str = "ro1") -> str:
        self.row += 1
        return f'<table:table-row table:style-name="{height}">{cells}</table:table-row>'

    def _blank(self) -> str:
        return self._row(f'<table:table-cell table:number-columns-repeated="{self.width}"/>')

    def _line(self, text: str, style: str, height: str = "ro1") -> str:
        span = self.width
        cell = _string_cell(text, style, span=span)
        covered = "<table:covered-table-cell/>" * (span - 1)
        return self._row(cell + covered, height)

    def _table(self, table: Table, *, repeat: bool) -> Iterator[str]:
        if table.title:
            yield self._line(table.title, "subtitle")
        header = []
        if table.has_groups:
            header.append(self._row(_group_cells(table)))
        header.append(self._row(
            _lower_header(table) if table.has_groups
            else "".join(_string_cell(c.title, "header") for c in table.columns), "ro_header"))
        if repeat:
            self.frozen_rows = self.row
            yield "<table:table-header-rows>" + "".join(header) + "</table:table-header-rows>"
        else:
            yield "".join(header)
        for row in table.rows:
            yield self._data_row(table, row)
        if table.totals is not None:
            yield self._data_row(table, table.totals)

    def _data_row(self, table: Table, row: Row) -> str:
        red = Mark.NOT_IMPLEMENTED in row.marks
        bold = Mark.TOTAL in row.marks
        return self._row("".join(
            _value_cell(value, kind, cell_style(kind, column.wrap, red, bold))
            for column, (value, kind) in zip(table.columns, marked_cells(table, row),
                                             strict=True)
        ))

    def _chart(self, chart: Chart) -> Iterator[str]:
        yield self._line(chart.title, "subtitle")
        yield self._row(_string_cell("学时", "header") + _string_cell(chart.value_label, "header"))
        for label, value in zip(chart.labels, chart.values, strict=True):
            yield self._row(_string_cell(label, cell_style(Kind.TEXT, False, False, False))
                            + _value_cell(value, Kind.INTEGER,
                                          cell_style(Kind.INTEGER, False, False, False)))

    def _stamp(self) -> Iterator[str]:
        stamp = self.document.stamp
        right = max(self.width - 2, 2)
        yield self._blank()
        yield self._row(_string_cell(f"{stamp.filing_label}：{self.document.institute}",
                                     "stamp"))
        yield self._row(
            _string_cell(stamp.signer_label + "：", "stamp")
            + f'<table:table-cell table:number-columns-repeated="{right - 1}"/>'
            + _string_cell(stamp.unit_label + "：", "stamp"), "ro_stamp")
        yield self._row(_string_cell(stamp.preparer_line, "stamp")
                        + f'<table:table-cell table:number-columns-repeated="{right - 1}"/>'
                        + _string_cell(stamp.date_label, "stamp"))


def _group_cells(table: Table) -> str:
    """The upper header row: a group's title over its columns; a column without a group takes
    both header rows (merged down, as in every format)."""
    out = []
    for span in header_spans(table):
        width = span.last - span.first + 1
        out.append(_string_cell(span.title, "header", span=width,
                                rows=1 if span.group else 2))
        out.append("<table:covered-table-cell/>" * (width - 1))
    return "".join(out)


def _lower_header(table: Table) -> str:
    """The lower header row: the grouped columns' titles; the others are covered from above."""
    return "".join(_string_cell(c.title, "header") if c.group
                   else "<table:covered-table-cell/>" for c in table.columns)


def _paragraphs(text: str) -> str:
    """Text as <text:p> paragraphs, one per line, keeping runs of spaces and tabs."""
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


def _string_cell(text: str, style: str, span: int = 1, rows: int = 1) -> str:
    spanned = f' table:number-columns-spanned="{span}"' if span > 1 else ""
    spanned += f' table:number-rows-spanned="{rows}"' if rows > 1 else ""
    return (f'<table:table-cell table:style-name="{style}"{spanned} office:value-type="string">'
            f"{_paragraphs(text)}</table:table-cell>")


def _value_cell(value: CellValue, kind: Kind, style: str) -> str:
    if value is None:
        return f'<table:table-cell table:style-name="{style}"/>'
    shown = escape(display(value, kind))
    if kind in DATA_STYLES and not isinstance(value, bool):
        if isinstance(value, dt.date) and kind is Kind.DATE:
            return (f'<table:table-cell table:style-name="{style}" office:value-type="date" '
                    f'office:date-value="{value.isoformat()}"><text:p>{shown}</text:p>'
                    "</table:table-cell>")
        if isinstance(value, (int, Decimal)):
            number = decimal_text(value) if isinstance(value, Decimal) else str(value)
            value_type = "percentage" if kind is Kind.PERCENT else "float"
            return (f'<table:table-cell table:style-name="{style}" '
                    f'office:value-type="{value_type}" office:value="{number}">'
                    f"<text:p>{shown}</text:p></table:table-cell>")
    return _string_cell(display(value, kind), style)
