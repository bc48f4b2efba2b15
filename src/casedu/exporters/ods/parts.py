"""The fixed parts of an ods file: the cells', rows' and columns' styles, the page layout, the
manifest, the settings.

Split from :mod:`casedu.exporters.ods`, which streams the rows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from xml.sax.saxutils import escape, quoteattr

from casedu.exporters.sheetgrid import Cell, GridRow
from casedu.exporters.sheetpage import MARGIN_BOTTOM, MARGIN_SIDE, MARGIN_TOP, Size
from casedu.reports.document import Document, Kind, Orientation

__all__ = [
    "DATA_STYLES",
    "MIMETYPE",
    "NAMESPACES",
    "automatic_styles",
    "cell_style",
    "column_style",
    "manifest",
    "row_style",
    "settings",
    "styles",
]

_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet"
CHART_TYPE = "application/vnd.oasis.opendocument.chart"

NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
    'xmlns:chart="urn:oasis:names:tc:opendocument:xmlns:chart:1.0" '
    'xmlns:xlink="http://www.w3.org/1999/xlink" '
    'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
    'xmlns:config="urn:oasis:names:tc:opendocument:xmlns:config:1.0" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
    'office:version="1.3"'
)

DATA_STYLES = {
    Kind.INTEGER: "N0",
    Kind.HOURS: "N1",
    Kind.MONEY: "N2",
    Kind.DECIMAL: "N3",
    Kind.PERCENT: "P2",
    Kind.DATE: "D1",
}
_BORDER = 'fo:border="0.5pt solid #808080"'
_RED, _RED_TEXT, _HEADER = "#ffc7ce", "#9c0006", "#d9d9d9"


def cell_style(cell: Cell) -> str:
    """The name of the automatic style of a cell of the grid."""
    return f"c_{cell.role}_{cell.kind.value}_{int(cell.red)}{int(cell.bold)}"


def row_style(row: GridRow) -> str:
    """The name of the automatic style of a row: its height, and a page break before it."""
    return f"r{round(row.height * 4)}{'b' if row.page_break else ''}"


def column_style(sheet: int, column: int) -> str:
    """The name of the style of a sheet's column (each sheet has its widths)."""
    return f"co{sheet}_{column}"


def automatic_styles(widths: Sequence[Sequence[float]], rows: Iterable[GridRow],
                     cells: Iterable[Cell]) -> str:
    """The automatic styles of content.xml: every sheet's columns (widths in points), and
    the rows' and cells' styles the sheets use."""
    parts = ["<office:automatic-styles>", _NUMBER_STYLES]
    for sheet, sheet_widths in enumerate(widths):
        for i, width in enumerate(sheet_widths):
            parts.append(f'<style:style style:name="{column_style(sheet, i)}" '
                         'style:family="table-column"><style:table-column-properties '
                         f'style:column-width="{width:.2f}pt"/></style:style>')
    for row in rows:
        page = ' fo:break-before="page"' if row.page_break else ""
        parts.append(f'<style:style style:name="{row_style(row)}" style:family="table-row">'
                     f'<style:table-row-properties style:row-height="{row.height:g}pt" '
                     f'style:use-optimal-row-height="false"{page}/></style:style>')
    parts.append('<style:style style:name="ta1" style:family="table" '
                 'style:master-page-name="CaseduPage"><style:table-properties '
                 'table:display="true"/></style:style>')
    parts.extend(_cell_style_xml(cell) for cell in cells)
    parts.append("</office:automatic-styles>")
    return "".join(parts)


def _cell_style_xml(cell: Cell) -> str:
    role, kind = cell.role, cell.kind
    size = f"{cell.size:g}pt"
    bold = cell.bold or role in ("title", "subtitle", "header", "mark")
    color = _RED_TEXT if cell.red else None
    data = f' style:data-style-name="{DATA_STYLES[kind]}"' if kind in DATA_STYLES else ""
    table = ['fo:wrap-option="wrap"']
    align = "start"
    if role in ("title", "subtitle"):
        table.append('style:vertical-align="middle"')
        align = "center"
    elif role == "header":
        table += [f'fo:background-color="{_HEADER}"', _BORDER, 'style:vertical-align="middle"']
        align = "center"
    elif role in ("note", "stamp"):
        table.append('style:vertical-align="top"')
    else:
        table += [_BORDER, 'style:vertical-align="top"']
        if cell.red:
            table.append(f'fo:background-color="{_RED}"')
        if role == "mark":
            align = "center"
        elif kind in DATA_STYLES and kind is not Kind.DATE:
            align = "end"
    # the list of marks that may not start or end a line (W3C clreq), as LibreOffice calls it
    paragraph = (f'<style:paragraph-properties fo:text-align="{align}" '
                 'style:line-break="strict"/>')
    return (f'<style:style style:name="{cell_style(cell)}" style:family="table-cell"{data}>'
            f'<style:table-cell-properties {" ".join(table)}/>{paragraph}'
            f"{_font(size, bold, color)}</style:style>")


def _font(size: str, bold: bool = False, color: str | None = None) -> str:
    weight = (' fo:font-weight="bold" style:font-weight-asian="bold" '
              'style:font-weight-complex="bold"') if bold else ""
    colour = f' fo:color="{color}"' if color else ""
    return (f'<style:text-properties style:font-name="Arial" style:font-name-asian="宋体" '
            f'fo:font-size="{size}" style:font-size-asian="{size}" '
            f'style:font-size-complex="{size}"{weight}{colour}/>')


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


def manifest(charts: Sequence[str]) -> str:
    """The manifest: the parts, and each chart object (``Object 1``…) with its own."""
    objects = "".join(
        f'<manifest:file-entry manifest:full-path="{name}/" manifest:version="1.3" '
        f'manifest:media-type="{CHART_TYPE}"/>'
        f'<manifest:file-entry manifest:full-path="{name}/content.xml" '
        'manifest:media-type="text/xml"/>'
        for name in charts)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"'
        ' manifest:version="1.3">'
        f'<manifest:file-entry manifest:full-path="/" manifest:version="1.3" '
        f'manifest:media-type="{MIMETYPE}"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>'
        '<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>'
        '<manifest:file-entry manifest:full-path="settings.xml" manifest:media-type="text/xml"/>'
        f"{objects}</manifest:manifest>"
    )


META = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    f"<office:document-meta {NAMESPACES}><office:meta>"
    "<meta:generator>casedu</meta:generator></office:meta></office:document-meta>"
)


def styles(document: Document, footer: Sequence[str]) -> str:
    """The page: A4 in the document's orientation, casedu's margins, the footer (``footer``'s
    lines and the page number, at 9 pt), fitted to the page's width."""
    landscape = document.orientation is Orientation.LANDSCAPE
    width, height = ("29.7cm", "21cm") if landscape else ("21cm", "29.7cm")
    lines = "".join(f'<text:p><text:span text:style-name="footer_text">'
                    f"{escape(_ILLEGAL_XML.sub('', line))}</text:span></text:p>"
                    for line in footer)
    side, top, bottom = (f"{v / 72 * 2.54:.2f}cm" for v in (MARGIN_SIDE, MARGIN_TOP,
                                                             MARGIN_BOTTOM))
    size = f"{Size.FOOTER.value:g}pt"
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f"<office:document-styles {NAMESPACES}>"
        "<office:styles>"
        '<style:default-style style:family="table-cell"><style:text-properties '
        'style:font-name-asian="宋体" fo:font-size="10pt" style:font-size-asian="10pt"/>'
        "</style:default-style></office:styles>"
        "<office:automatic-styles>"
        '<style:page-layout style:name="pm1"><style:page-layout-properties '
        f'fo:page-width="{width}" fo:page-height="{height}" '
        f'style:print-orientation="{"landscape" if landscape else "portrait"}" '
        f'fo:margin-top="{top}" fo:margin-bottom="0.5cm" fo:margin-left="{side}" '
        f'fo:margin-right="{side}" style:scale-to-X="1" style:table-centering="horizontal" '
        'style:print="charts drawings objects zero-values"/>'
        # the footer's three lines at most, and the body's bottom where the xlsx has it
        '<style:footer-style><style:header-footer-properties fo:min-height="1.15cm" '
        f'fo:margin-top="{float(bottom[:-2]) - 0.5 - 1.15:.2f}cm"/></style:footer-style>'
        "</style:page-layout>"
        '<style:style style:name="footer_text" style:family="text"><style:text-properties '
        f'fo:font-size="{size}" style:font-size-asian="{size}"/></style:style>'
        "</office:automatic-styles>"
        '<office:master-styles><style:master-page style:name="CaseduPage" '
        'style:page-layout-name="pm1"><style:footer>'
        f"<style:region-left>{lines}</style:region-left>"
        '<style:region-right><text:p><text:span text:style-name="footer_text">第 '
        "<text:page-number>1</text:page-number> 页 共 <text:page-count>1</text:page-count> 页"
        "</text:span></text:p></style:region-right>"
        "</style:footer></style:master-page></office:master-styles>"
        "</office:document-styles>"
    )


def settings(sheet: str, frozen_rows: int) -> str:
    """The view: the first sheet shown, its header rows frozen."""
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
        f"<office:document-settings {NAMESPACES}><office:settings>"
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
