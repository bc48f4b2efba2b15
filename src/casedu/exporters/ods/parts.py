"""The fixed parts of an ods file: styles, page layout, manifest, settings.

Split from :mod:`casedu.exporters.ods`, which streams the rows.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape, quoteattr

from casedu.reports.document import Document, Kind, Orientation

__all__ = [
    "DATA_STYLES",
    "MANIFEST",
    "META",
    "MIMETYPE",
    "NAMESPACES",
    "automatic_styles",
    "cell_style",
    "settings",
    "styles",
]

_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet"

NAMESPACES = (
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

DATA_STYLES = {
    Kind.INTEGER: "N0",
    Kind.HOURS: "N1",
    Kind.MONEY: "N2",
    Kind.DECIMAL: "N3",
    Kind.PERCENT: "P2",
    Kind.DATE: "D1",
}


def cell_style(kind: Kind, wrap: bool, red: bool, bold: bool) -> str:
    """The name of the automatic style of a data cell."""
    return f"c_{kind.value}_{int(wrap)}{int(red)}{int(bold)}"


def automatic_styles(width: int, widths: list[int]) -> str:
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
                    data = (f' style:data-style-name="{DATA_STYLES[kind]}"'
                            if kind in DATA_STYLES else "")
                    fill = ' fo:background-color="#ffc7ce"' if red else ""
                    wrapping = ' fo:wrap-option="wrap"' if wrap else ""
                    align = ('<style:paragraph-properties fo:text-align="end"/>'
                             if kind in DATA_STYLES and kind is not Kind.DATE else "")
                    parts.append(
                        f'<style:style style:name="{cell_style(kind, wrap, red, bold)}" '
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

MANIFEST = (
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

META = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    f"<office:document-meta {NAMESPACES}><office:meta>"
    "<meta:generator>casedu</meta:generator></office:meta></office:document-meta>"
)


def styles(document: Document) -> str:
    landscape = document.orientation is Orientation.LANDSCAPE
    width, height = ("29.7cm", "21cm") if landscape else ("21cm", "29.7cm")
    footer = ('<text:p><text:span text:style-name="footer_small">'
              f"{escape(_ILLEGAL_XML.sub('', document.footer))}</text:span></text:p>")
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


def settings(sheet: str, frozen_rows: int) -> str:
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
