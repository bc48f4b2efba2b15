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
from collections.abc import Iterator
from decimal import Decimal
from typing import BinaryIO
from xml.sax.saxutils import escape, quoteattr

from casedu.exporters.cells import column_widths, display, typed_cells
from casedu.exporters.xlsx import sheet_title
from casedu.quantities import decimal_text
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

__all__ = ["OdsExporter"]

MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet"

_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
    'xmlns:config="urn:oasis:names:tc:opendocument:xmlns:config:1.0" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
    'office:version="1.3"'
)
_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SPACES = re.compile("  +")

_DATA_STYLES = {
    Kind.INTEGER: "N0",
    Kind.HOURS: "N1",
    Kind.MONEY: "N2",
    Kind.DECIMAL: "N3",
    Kind.PERCENT: "P2",
    Kind.DATE: "D1",
}
_FLUSH_ROWS = 500  # rows gathered before a write to the zip stream


class OdsExporter:
    """OpenDocument spreadsheet (LibreOffice, WPS, Excel)."""

    name = "ods"
    suffix = ".ods"
    media_type = MIMETYPE
    description = "OpenDocument spreadsheet, streamed (flat memory), A4, repeated header rows"

    def write(self, document: Document, stream: BinaryIO) -> None:
        """Write ``document`` as one sheet."""
        sheet = sheet_title(document.title)
        layout = _Layout(document)
        with zipfile.ZipFile(stream, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(zipfile.ZipInfo("mimetype"), MIMETYPE,
                             compress_type=zipfile.ZIP_STORED)
            archive.writestr("META-INF/manifest.xml", _MANIFEST)
            archive.writestr("meta.xml", _META)
            archive.writestr("styles.xml", _styles(document))
            with archive.open("content.xml", "w") as content:
                buffer: list[str] = []
                for piece in layout.content(sheet):
                    buffer.append(piece)
                    if len(buffer) >= _FLUSH_ROWS:
                        content.write("".join(buffer).encode("utf-8"))
                        buffer.clear()
                content.write("".join(buffer).encode("utf-8"))
            archive.writestr("settings.xml", _settings(sheet, layout.frozen_rows))


class _Layout:
    """Lays the document out as rows of XML, top to bottom."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.width = max((len(t.columns) for t in document.tables), default=2)
        self.row = 0
        self.frozen_rows = 0

    def content(self, sheet: str) -> Iterator[str]:
        document = self.document
        yield ('<?xml version="1.0" encoding="UTF-8"?>'
               f"<office:document-content {_NS}>")
        yield _automatic_styles(self.width, _widths(document))
        yield "<office:body><office:spreadsheet>"
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
        yield "</table:table></office:spreadsheet></office:body></office:document-content>"

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
        header.append(self._row("".join(_string_cell(c.title, "header") for c in table.columns),
                                "ro_header"))
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
            _value_cell(value, kind, _cell_style(kind, column.wrap, red, bold))
            for column, (value, kind) in zip(table.columns, typed_cells(table.columns, row),
                                             strict=True)
        ))

    def _chart(self, chart: Chart) -> Iterator[str]:
        yield self._line(chart.title, "subtitle")
        yield self._row(_string_cell("学时", "header") + _string_cell(chart.value_label, "header"))
        for label, value in zip(chart.labels, chart.values, strict=True):
            yield self._row(_string_cell(label, _cell_style(Kind.TEXT, False, False, False))
                            + _value_cell(value, Kind.INTEGER,
                                          _cell_style(Kind.INTEGER, False, False, False)))

    def _stamp(self) -> Iterator[str]:
        stamp = self.document.stamp
        right = max(self.width - 2, 2)
        yield self._blank()
        yield self._row(
            _string_cell(stamp.signer_label + "：", "stamp")
            + f'<table:table-cell table:number-columns-repeated="{right - 1}"/>'
            + _string_cell(stamp.unit_label + "：", "stamp"), "ro_stamp")
        yield self._row(f'<table:table-cell table:number-columns-repeated="{right}"/>'
                        + _string_cell(stamp.date_label, "stamp"))


def _group_cells(table: Table) -> str:
    out = []
    i = 0
    columns = table.columns
    while i < len(columns):
        group = columns[i].group
        span = 1
        while group and i + span < len(columns) and columns[i + span].group == group:
            span += 1
        out.append(_string_cell(group or columns[i].title, "header", span=span))
        out.append("<table:covered-table-cell/>" * (span - 1))
        i += span
    return "".join(out)


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


def _string_cell(text: str, style: str, span: int = 1) -> str:
    spanned = f' table:number-columns-spanned="{span}"' if span > 1 else ""
    return (f'<table:table-cell table:style-name="{style}"{spanned} office:value-type="string">'
            f"{_paragraphs(text)}</table:table-cell>")


def _value_cell(value: CellValue, kind: Kind, style: str) -> str:
    if value is None:
        return f'<table:table-cell table:style-name="{style}"/>'
    shown = escape(display(value, kind))
    if kind in _DATA_STYLES and not isinstance(value, bool):
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


def _cell_style(kind: Kind, wrap: bool, red: bool, bold: bool) -> str:
    return f"c_{kind.value}_{int(wrap)}{int(red)}{int(bold)}"


def _widths(document: Document) -> list[int]:
    widths: list[int] = []
    for table in document.tables:
        for i, w in enumerate(column_widths(table)):
            if i < len(widths):
                widths[i] = max(widths[i], w)
            else:
                widths.append(w)
    return widths or [40, 40]


def _automatic_styles(width: int, widths: list[int]) -> str:
    parts = ["<office:automatic-styles>", _NUMBER_STYLES]
    for i in range(width):
        cm = (widths[i] if i < len(widths) else 10) * 0.2 + 0.1
        parts.append(f'<style:style style:name="co{i + 1}" style:family="table-column">'
                     f'<style:table-column-properties style:column-width="{cm:.2f}cm"/>'
                     "</style:style>")
    for name, height in (("ro1", None), ("ro_title", "1cm"), ("ro_header", None),
                         ("ro_stamp", "1.4cm")):
        size = (f'style:row-height="{height}" style:use-optimal-row-height="false"' if height
                else 'style:use-optimal-row-height="true"')
        parts.append(f'<style:style style:name="{name}" style:family="table-row">'
                     f"<style:table-row-properties {size}/></style:style>")
    parts.append('<style:style style:name="ta1" style:family="table" '
                 'style:master-page-name="CaseduPage"><style:table-properties '
                 'table:display="true"/></style:style>')
    border = 'fo:border="0.5pt solid #808080"'
    parts.append(_text_style("title", "16pt", bold=True, center=True))
    parts.append(_text_style("subtitle", "11pt", bold=True, center=True))
    parts.append(_text_style("note", "9pt"))
    parts.append(_text_style("stamp", "11pt"))
    parts.append(
        '<style:style style:name="header" style:family="table-cell">'
        f'<style:table-cell-properties fo:background-color="#d9d9d9" {border} '
        'fo:wrap-option="wrap" style:vertical-align="middle"/>'
        '<style:paragraph-properties fo:text-align="center"/>'
        f"{_font('10pt', True)}</style:style>"
    )
    for kind in Kind:
        for wrap in (False, True):
            for red in (False, True):
                for bold in (False, True):
                    data = (f' style:data-style-name="{_DATA_STYLES[kind]}"'
                            if kind in _DATA_STYLES else "")
                    fill = ' fo:background-color="#ffc7ce"' if red else ""
                    wrapping = ' fo:wrap-option="wrap"' if wrap else ""
                    align = ('<style:paragraph-properties fo:text-align="end"/>'
                             if kind in _DATA_STYLES and kind is not Kind.DATE else "")
                    parts.append(
                        f'<style:style style:name="{_cell_style(kind, wrap, red, bold)}" '
                        f'style:family="table-cell"{data}>'
                        f'<style:table-cell-properties {border}{fill}{wrapping} '
                        'style:vertical-align="top"/>'
                        f"{align}{_font('10pt', bold, '#9c0006' if red else None)}</style:style>"
                    )
    parts.append("</office:automatic-styles>")
    return "".join(parts)


def _font(size: str, bold: bool = False, color: str | None = None) -> str:
    weight = (' fo:font-weight="bold" style:font-weight-asian="bold" '
              'style:font-weight-complex="bold"') if bold else ""
    colour = f' fo:color="{color}"' if color else ""
    return (f'<style:text-properties fo:font-size="{size}" style:font-size-asian="{size}" '
            f'style:font-size-complex="{size}"{weight}{colour}/>')


def _text_style(name: str, size: str, *, bold: bool = False, center: bool = False) -> str:
    align = '<style:paragraph-properties fo:text-align="center"/>' if center else ""
    return (f'<style:style style:name="{name}" style:family="table-cell">'
            f'<style:table-cell-properties style:vertical-align="middle"/>{align}'
            f"{_font(size, bold)}</style:style>")


_NUMBER_STYLES = (
    '<number:number-style style:name="N0"><number:number number:decimal-places="0" '
    'number:min-decimal-places="0" number:min-integer-digits="1"/></number:number-style>'
    '<number:number-style style:name="N1"><number:number number:decimal-places="1" '
    'number:min-decimal-places="1" number:min-integer-digits="1"/></number:number-style>'
    '<number:number-style style:name="N2"><number:number number:decimal-places="2" '
    'number:min-decimal-places="2" number:min-integer-digits="1" number:grouping="true"/>'
    "</number:number-style>"
    '<number:number-style style:name="N3"><number:number number:decimal-places="2" '
    'number:min-decimal-places="2" number:min-integer-digits="1"/></number:number-style>'
    '<number:percentage-style style:name="P2"><number:number number:decimal-places="2" '
    'number:min-decimal-places="2" number:min-integer-digits="1"/><number:text>%</number:text>'
    "</number:percentage-style>"
    '<number:date-style style:name="D1"><number:year number:style="long"/>'
    '<number:text>-</number:text><number:month number:style="long"/>'
    '<number:text>-</number:text><number:day number:style="long"/></number:date-style>'
)

_MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
    'manifest:version="1.3">'
    f'<manifest:file-entry manifest:full-path="/" manifest:version="1.3" '
    f'manifest:media-type="{MIMETYPE}"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>'
    '<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>'
    '<manifest:file-entry manifest:full-path="settings.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>"
)

_META = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    f"<office:document-meta {_NS}><office:meta>"
    "<meta:generator>casedu</meta:generator></office:meta></office:document-meta>"
)


def _styles(document: Document) -> str:
    landscape = document.orientation is Orientation.LANDSCAPE
    width, height = ("29.7cm", "21cm") if landscape else ("21cm", "29.7cm")
    footer = ('<text:p><text:span text:style-name="footer_small">'
              f"{escape(_ILLEGAL_XML.sub('', document.footer))}</text:span></text:p>")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f"<office:document-styles {_NS}>"
        "<office:styles>"
        '<style:default-style style:family="table-cell"><style:text-properties '
        'style:font-name-asian="宋体" fo:font-size="10pt" style:font-size-asian="10pt"/>'
        "</style:default-style></office:styles>"
        "<office:automatic-styles>"
        '<style:page-layout style:name="pm1"><style:page-layout-properties '
        f'fo:page-width="{width}" fo:page-height="{height}" '
        f'style:print-orientation="{"landscape" if landscape else "portrait"}" '
        'fo:margin-top="1.5cm" fo:margin-bottom="1.2cm" fo:margin-left="1.2cm" '
        'fo:margin-right="1.2cm" style:scale-to-X="1" style:table-centering="horizontal" '
        'style:print="charts drawings objects zero-values"/>'
        '<style:footer-style><style:header-footer-properties fo:min-height="0.6cm" '
        'fo:margin-top="0.2cm"/></style:footer-style></style:page-layout>'
        '<style:style style:name="footer_small" style:family="text"><style:text-properties '
        'fo:font-size="7pt" style:font-size-asian="7pt"/></style:style>'
        "</office:automatic-styles>"
        '<office:master-styles><style:master-page style:name="CaseduPage" '
        'style:page-layout-name="pm1"><style:footer>'
        f"<style:region-left>{footer}</style:region-left>"
        "<style:region-right><text:p>第 <text:page-number>1</text:page-number> 页 / 共 "
        "<text:page-count>1</text:page-count> 页</text:p></style:region-right>"
        "</style:footer></style:master-page></office:master-styles>"
        "</office:document-styles>"
    )


def _settings(sheet: str, frozen_rows: int) -> str:
    def item(name: str, kind: str, value: object) -> str:
        return (f'<config:config-item config:name="{name}" config:type="{kind}">{value}'
                "</config:config-item>")

    split = "".join((
        item("HorizontalSplitMode", "short", 0),
        item("VerticalSplitMode", "short", 2 if frozen_rows else 0),
        item("HorizontalSplitPosition", "int", 0),
        item("VerticalSplitPosition", "int", frozen_rows),
        item("ActiveSplitRange", "short", 2),
        item("PositionLeft", "int", 0),
        item("PositionRight", "int", 0),
        item("PositionTop", "int", 0),
        item("PositionBottom", "int", frozen_rows),
    ))
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f"<office:document-settings {_NS}><office:settings>"
        '<config:config-item-set config:name="ooo:view-settings">'
        '<config:config-item-map-indexed config:name="Views"><config:config-item-map-entry>'
        + item("ViewId", "string", "view1")
        + '<config:config-item-map-named config:name="Tables">'
        f"<config:config-item-map-entry config:name={quoteattr(sheet)}>{split}"
        "</config:config-item-map-entry></config:config-item-map-named>"
        + item("ActiveTable", "string", escape(sheet))
        + "</config:config-item-map-entry></config:config-item-map-indexed>"
        "</config:config-item-set></office:settings></office:document-settings>"
    )
