"""The parts of an xlsx package that casedu's streaming writer (:mod:`casedu.exporters.xlsx`)
writes around its sheets: the styles, the workbook, the charts and their drawings, the
relationships and the content types (Office Open XML, ECMA-376 part 1, SpreadsheetML).

Each is a function of what the sheets needed; nothing here holds the rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from xml.sax.saxutils import escape, quoteattr

import attrs

from casedu.exporters.sheets import column_name as column_letter
from casedu.exporters.xlsx.styles import MAIN, Styles

__all__ = ["MAIN", "ChartPart", "SheetPart", "column_letter", "package_parts", "quoted_sheet"]

RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
DRAWING_ML = "http://schemas.openxmlformats.org/drawingml/2006/main"
CHART_ML = "http://schemas.openxmlformats.org/drawingml/2006/chart"
SHEET_DRAWING = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"
_TYPES = "application/vnd.openxmlformats-officedocument"
_RELATION = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

#: Excel's day 0 for serial dates (1900 date system, with its leap-year quirk).
EPOCH = dt.date(1899, 12, 30)
#: Centimetres in English Metric Units (the drawing's unit).
EMU_PER_CM = 360_000


def quoted_sheet(name: str) -> str:
    """A sheet's name as a reference writes it: ``'总结 2'`` (a quote doubled)."""
    return "'" + name.replace("'", "''") + "'"


@attrs.frozen
class ChartPart:
    """A bar chart of a sheet's small table: categories in column ``label_column`` (0-based),
    values in the next, under the header row ``header``, drawn with its top-left corner at
    (``column``, ``row``), both counted from 0."""

    sheet: str
    title: str
    x_title: str
    y_title: str
    header: int
    last: int
    column: int
    row: int
    label_column: int = 0
    width_cm: float = 12
    height_cm: float = 6.5

    def xml(self) -> str:
        sheet = quoted_sheet(self.sheet)
        first = self.header + 1
        a, b = column_letter(self.label_column + 1), column_letter(self.label_column + 2)
        return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                f'<c:chartSpace xmlns:c="{CHART_ML}" xmlns:a="{DRAWING_ML}">'
                f"<c:chart>{_title(self.title)}<c:autoTitleDeleted val=\"0\"/><c:plotArea>"
                '<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/>'
                '<c:varyColors val="0"/><c:ser><c:idx val="0"/><c:order val="0"/>'
                f"<c:tx><c:strRef><c:f>{escape(sheet)}!${b}${self.header}</c:f></c:strRef></c:tx>"
                '<c:spPr><a:ln><a:prstDash val="solid"/></a:ln></c:spPr>'
                f"<c:cat><c:strRef><c:f>{escape(sheet)}!${a}${first}:${a}${self.last}</c:f>"
                "</c:strRef></c:cat>"
                f"<c:val><c:numRef><c:f>{escape(sheet)}!${b}${first}:${b}${self.last}</c:f>"
                "</c:numRef></c:val></c:ser>"
                '<c:gapWidth val="150"/><c:axId val="10"/><c:axId val="100"/></c:barChart>'
                '<c:catAx><c:axId val="10"/><c:scaling><c:orientation val="minMax"/>'
                f'</c:scaling><c:delete val="0"/><c:axPos val="b"/>{_title(self.x_title)}'
                '<c:majorTickMark val="none"/><c:minorTickMark val="none"/>'
                '<c:crossAx val="100"/><c:lblOffset val="100"/></c:catAx>'
                '<c:valAx><c:axId val="100"/><c:scaling><c:orientation val="minMax"/>'
                '</c:scaling><c:delete val="0"/><c:axPos val="l"/><c:majorGridlines/>'
                f'{_title(self.y_title)}<c:majorTickMark val="none"/>'
                '<c:minorTickMark val="none"/><c:crossAx val="10"/></c:valAx></c:plotArea>'
                '<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>')

    def anchor(self, relation: str, number: int) -> str:
        """The chart's place in its sheet's drawing."""
        return (f"<xdr:oneCellAnchor><xdr:from><xdr:col>{self.column}</xdr:col>"
                f"<xdr:colOff>0</xdr:colOff><xdr:row>{self.row}</xdr:row>"
                "<xdr:rowOff>0</xdr:rowOff></xdr:from>"
                f'<xdr:ext cx="{round(self.width_cm * EMU_PER_CM)}" '
                f'cy="{round(self.height_cm * EMU_PER_CM)}"/>'
                f'<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr>'
                f'<xdr:cNvPr id="{number}" name="Chart {number}"/><xdr:cNvGraphicFramePr/>'
                "</xdr:nvGraphicFramePr><xdr:xfrm/><a:graphic>"
                f'<a:graphicData uri="{CHART_ML}"><c:chart r:id="{relation}"/>'
                "</a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/>"
                "</xdr:oneCellAnchor>")


def _title(text: str) -> str:
    return ("<c:title><c:tx><c:rich><a:bodyPr/><a:p><a:pPr><a:defRPr/></a:pPr>"
            f"<a:r><a:t>{escape(text)}</a:t></a:r></a:p></c:rich></c:tx>"
            '<c:overlay val="0"/></c:title>')


@attrs.frozen
class SheetPart:
    """What the workbook says of a sheet once its rows are written."""

    name: str
    print_titles: tuple[int, int] | None
    charts: tuple[ChartPart, ...]
    print_area: str | None = None  # $A$1:$N$120


def package_parts(sheets: Sequence[SheetPart], styles: Styles, theme: str,
                  created: dt.datetime) -> dict[str, str]:
    """Every part but the sheets' own XML (``xl/worksheets/sheetN.xml``, written as they
    stream), by name."""
    parts: dict[str, str] = {}
    overrides = [("/xl/workbook.xml", f"{_TYPES}.spreadsheetml.sheet.main+xml"),
                 ("/xl/styles.xml", f"{_TYPES}.spreadsheetml.styles+xml"),
                 ("/xl/theme/theme1.xml", f"{_TYPES}.theme+xml"),
                 ("/docProps/core.xml",
                  "application/vnd.openxmlformats-package.core-properties+xml"),
                 ("/docProps/app.xml", f"{_TYPES}.extended-properties+xml")]
    sheet_entries, names, relations = [], [], []
    chart_number = 0
    for number, sheet in enumerate(sheets, start=1):
        overrides.append((f"/xl/worksheets/sheet{number}.xml",
                          f"{_TYPES}.spreadsheetml.worksheet+xml"))
        sheet_entries.append(f"<sheet name={quoteattr(sheet.name)} sheetId=\"{number}\" "
                             f'r:id="rId{number}"/>')
        relations.append(_relation(f"rId{number}", "worksheet",
                                   f"worksheets/sheet{number}.xml"))
        if sheet.print_area is not None:
            names.append(f'<definedName name="_xlnm.Print_Area" localSheetId="{number - 1}">'
                         f"{escape(quoted_sheet(sheet.name))}!{sheet.print_area}</definedName>")
        if sheet.print_titles is not None:
            first, last = sheet.print_titles
            names.append(f'<definedName name="_xlnm.Print_Titles" localSheetId="{number - 1}">'
                         f"{escape(quoted_sheet(sheet.name))}!${first}:${last}</definedName>")
        if sheet.charts:
            overrides.append((f"/xl/drawings/drawing{number}.xml", f"{_TYPES}.drawing+xml"))
            parts[f"xl/worksheets/_rels/sheet{number}.xml.rels"] = _relationships(
                [_relation("rId1", "drawing", f"../drawings/drawing{number}.xml")])
            anchors, chart_relations = [], []
            for i, chart in enumerate(sheet.charts, start=1):
                chart_number += 1
                overrides.append((f"/xl/charts/chart{chart_number}.xml",
                                  f"{_TYPES}.drawingml.chart+xml"))
                parts[f"xl/charts/chart{chart_number}.xml"] = chart.xml()
                anchors.append(chart.anchor(f"rId{i}", i))
                chart_relations.append(_relation(f"rId{i}", "chart",
                                                 f"../charts/chart{chart_number}.xml"))
            parts[f"xl/drawings/drawing{number}.xml"] = (
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                f'<xdr:wsDr xmlns:xdr="{SHEET_DRAWING}" xmlns:a="{DRAWING_ML}" '
                f'xmlns:c="{CHART_ML}" xmlns:r="{RELATIONSHIPS}">{"".join(anchors)}</xdr:wsDr>')
            parts[f"xl/drawings/_rels/drawing{number}.xml.rels"] = _relationships(
                chart_relations)
    count = len(sheets)
    relations += [_relation(f"rId{count + 1}", "styles", "styles.xml"),
                  _relation(f"rId{count + 2}", "theme", "theme/theme1.xml")]
    defined = f"<definedNames>{''.join(names)}</definedNames>" if names else ""
    parts["xl/workbook.xml"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<workbook xmlns="{MAIN}" xmlns:r="{RELATIONSHIPS}"><workbookPr/>'
        '<bookViews><workbookView activeTab="0"/></bookViews>'
        f"<sheets>{''.join(sheet_entries)}</sheets>{defined}"
        '<calcPr calcId="124519" fullCalcOnLoad="1"/></workbook>')
    parts["xl/_rels/workbook.xml.rels"] = _relationships(relations)
    parts["xl/styles.xml"] = styles.xml()
    parts["xl/theme/theme1.xml"] = theme
    stamp = created.strftime("%Y-%m-%dT%H:%M:%SZ")
    parts["docProps/core.xml"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
        'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>casedu</dc:creator>'
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
        "</cp:coreProperties>")
    parts["docProps/app.xml"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        'extended-properties"><Application>casedu</Application></Properties>')
    parts["_rels/.rels"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Relationships xmlns="{PACKAGE_RELATIONSHIPS}">'
        f'<Relationship Id="rId1" Type="{_RELATION}/officeDocument" Target="xl/workbook.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/'
        'relationships/metadata/core-properties" Target="docProps/core.xml"/>'
        f'<Relationship Id="rId3" Type="{_RELATION}/extended-properties" '
        'Target="docProps/app.xml"/></Relationships>')
    parts["[Content_Types].xml"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        + "".join(f'<Override PartName="{name}" ContentType="{kind}"/>'
                  for name, kind in overrides) + "</Types>")
    return parts


def _relation(identifier: str, kind: str, target: str) -> str:
    return f'<Relationship Id="{identifier}" Type="{_RELATION}/{kind}" Target="{target}"/>'


def _relationships(relations: Sequence[str]) -> str:
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<Relationships xmlns="{PACKAGE_RELATIONSHIPS}">{"".join(relations)}'
            "</Relationships>")
