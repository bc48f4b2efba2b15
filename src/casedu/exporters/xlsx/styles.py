"""The cell formats of an xlsx workbook (``xl/styles.xml``), each made once."""

from __future__ import annotations

from xml.sax.saxutils import quoteattr

import attrs

__all__ = ["MAIN", "Alignment", "CellStyle", "Font", "Styles"]

#: SpreadsheetML's namespace.
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"

#: The first id of a number format of the workbook's own.
FIRST_CUSTOM_FORMAT = 164


@attrs.frozen
class Font:
    size: float
    bold: bool = False
    color: str | None = None
    name: str = "宋体"

    def xml(self) -> str:
        bold = '<b val="1"/>' if self.bold else ""
        color = f'<color rgb="00{self.color}"/>' if self.color else ""
        return (f"<font><name val={quoteattr(self.name)}/>{bold}{color}"
                f'<sz val="{self.size:g}"/></font>')


@attrs.frozen
class Alignment:
    horizontal: str | None = None
    vertical: str | None = None
    wrap: bool = False

    def xml(self) -> str:
        parts = []
        if self.horizontal:
            parts.append(f'horizontal="{self.horizontal}"')
        if self.vertical:
            parts.append(f'vertical="{self.vertical}"')
        if self.wrap:
            parts.append('wrapText="1"')
        return f"<alignment {' '.join(parts)}/>" if parts else ""


@attrs.frozen
class CellStyle:
    """One cell format: its font, fill colour, border, alignment and number format."""

    font: Font
    fill: str | None = None  # a solid fill's RGB
    border: bool = False  # a thin grey border on all four sides
    alignment: Alignment = Alignment()
    number_format: str | None = None
    quote_prefix: bool = False  # text that looks like a formula, shown as typed


#: The workbook's default font: its digit is the unit of columns' widths. Arial is drawn in
#: Liberation Sans (metrically Arial) by LibreOffice on Linux, so a width prints alike in
#: Excel, WPS and LibreOffice (see casedu.exporters.sheetpage).
_DEFAULT_FONT = '<font><name val="Arial"/><family val="2"/><sz val="11"/></font>'

_THIN = '<{0} style="thin"><color rgb="00808080"/></{0}>'


class Styles:
    """The workbook's cell formats, each made once; :meth:`index` gives a format's number."""

    def __init__(self) -> None:
        self.fonts: dict[Font | None, int] = {None: 0}
        self.fills: dict[str | None, int] = {None: 0}  # 1 is gray125, as the format wants
        self.formats: dict[str, int] = {}
        self.styles: dict[CellStyle | None, int] = {None: 0}

    def index(self, style: CellStyle) -> int:
        """The number of ``style`` in the workbook's cell formats (``s`` of a cell)."""
        found = self.styles.get(style)
        if found is None:
            found = self.styles[style] = len(self.styles)
            self.fonts.setdefault(style.font, len(self.fonts))
            if style.fill is not None:
                self.fills.setdefault(style.fill, len(self.fills) + 1)
            if style.number_format is not None:
                self.formats.setdefault(style.number_format,
                                        FIRST_CUSTOM_FORMAT + len(self.formats))
        return found

    def quoted(self, number: int) -> int:
        """The number of the format ``number`` with a quote prefix (text shown as typed)."""
        style = next(s for s, n in self.styles.items() if n == number)
        if style is None:
            style = CellStyle(Font(11, name="Arial"))
        return self.index(attrs.evolve(style, quote_prefix=True))

    def xml(self) -> str:
        formats = "".join(f'<numFmt numFmtId="{number}" formatCode={quoteattr(code)}/>'
                          for code, number in self.formats.items())
        fonts = "".join(_DEFAULT_FONT if font is None else font.xml() for font in self.fonts)
        fills = ['<fill><patternFill/></fill>', '<fill><patternFill patternType="gray125"/></fill>']
        fills += [f'<fill><patternFill patternType="solid"><fgColor rgb="00{rgb}"/>'
                  f'<bgColor rgb="00{rgb}"/></patternFill></fill>'
                  for rgb in self.fills if rgb is not None]
        thin = "".join(_THIN.format(side) for side in ("left", "right", "top", "bottom"))
        borders = (f"<border><left/><right/><top/><bottom/><diagonal/></border>"
                   f"<border>{thin}<diagonal/></border>")
        xfs = []
        for style in self.styles:
            if style is None:
                xfs.append('<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>')
                continue
            number = self.formats[style.number_format] if style.number_format else 0
            fill = self.fills[style.fill]
            alignment = style.alignment.xml()
            attributes = [f'numFmtId="{number}"', f'fontId="{self.fonts[style.font]}"',
                          f'fillId="{fill}"', f'borderId="{int(style.border)}"', 'xfId="0"',
                          'applyFont="1"']
            if number:
                attributes.append('applyNumberFormat="1"')
            if fill:
                attributes.append('applyFill="1"')
            if style.border:
                attributes.append('applyBorder="1"')
            if alignment:
                attributes.append('applyAlignment="1"')
            if style.quote_prefix:
                attributes.append('quotePrefix="1"')
            xfs.append(f"<xf {' '.join(attributes)}>{alignment}</xf>")
        return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                f'<styleSheet xmlns="{MAIN}">'
                + (f'<numFmts count="{len(self.formats)}">{formats}</numFmts>' if formats else "")
                + f'<fonts count="{len(self.fonts)}">{fonts}</fonts>'
                f'<fills count="{len(fills)}">{"".join(fills)}</fills>'
                f'<borders count="2">{borders}</borders>'
                '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
                "</cellStyleXfs>"
                f'<cellXfs count="{len(xfs)}">{"".join(xfs)}</cellXfs>'
                '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/>'
                "</cellStyles></styleSheet>")
