"""The summary's hours distribution as an ODF chart object (a bar chart), drawn from the cells
that hold its numbers, as the xlsx draws its chart: the frame in the sheet, and the object's
own ``content.xml`` with a copy of the numbers (what a program shows before it reads the
cells again)."""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from casedu.exporters.ods.parts import NAMESPACES
from casedu.exporters.sheetgrid import ChartAt
from casedu.exporters.sheets import column_name

__all__ = ["chart_frame", "chart_object"]


def _ranges(chart: ChartAt, sheet: str) -> tuple[str, str, str, str]:
    """The whole table, the labels, the values and the values' title, as cell ranges."""
    quoted = "'" + sheet.replace("'", "''") + "'"
    a, b = column_name(chart.column + 1), column_name(chart.column + 2)
    return (f"{quoted}.{a}{chart.header}:{quoted}.{b}{chart.last}",
            f"{quoted}.{a}{chart.first}:{quoted}.{a}{chart.last}",
            f"{quoted}.{b}{chart.first}:{quoted}.{b}{chart.last}",
            f"{quoted}.{b}{chart.header}")


def chart_frame(chart: ChartAt, sheet: str, name: str) -> str:
    """The frame in the sheet's cell where the chart is drawn."""
    whole = _ranges(chart, sheet)[0]
    return (f'<draw:frame draw:z-index="0" svg:width="{chart.width_cm:.2f}cm" '
            f'svg:height="{chart.height_cm:.2f}cm" svg:x="0cm" svg:y="0cm">'
            f'<draw:object draw:notify-on-update-of-ranges={quoteattr(whole)} '
            f'xlink:href={quoteattr("./" + name)} xlink:type="simple" xlink:show="embed" '
            'xlink:actuate="onLoad"/></draw:frame>')


def chart_object(chart: ChartAt, sheet: str) -> str:
    """The chart object's ``content.xml``."""
    whole, labels, values, title = _ranges(chart, sheet)
    data = chart.chart
    rows = "".join(
        f'<table:table-row><table:table-cell office:value-type="string"><text:p>'
        f"{escape(label)}</text:p></table:table-cell>"
        f'<table:table-cell office:value-type="float" office:value="{value}"><text:p>{value}'
        "</text:p></table:table-cell></table:table-row>"
        for label, value in zip(data.labels, data.values, strict=True))
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f"<office:document-content {NAMESPACES}>"
        "<office:automatic-styles>"
        # the text as large as it says (9 pt and more), not scaled with the chart
        '<style:style style:name="ch_chart" style:family="chart"><style:chart-properties '
        'chart:scale-text="false"/></style:style>'
        '<style:style style:name="ch_title" style:family="chart"><style:text-properties '
        'fo:font-size="11pt" style:font-size-asian="11pt"/></style:style>'
        '<style:style style:name="ch_axis" style:family="chart"><style:chart-properties '
        'chart:display-label="true"/><style:text-properties fo:font-size="9pt" '
        'style:font-size-asian="9pt"/></style:style>'
        '<style:style style:name="ch_bars" style:family="chart"><style:chart-properties '
        'chart:data-label-number="value"/><style:graphic-properties draw:fill="solid" '
        'draw:fill-color="#4f81bd"/><style:text-properties fo:font-size="9pt" '
        'style:font-size-asian="9pt"/></style:style>'
        "</office:automatic-styles>"
        "<office:body><office:chart>"
        f'<chart:chart svg:width="{chart.width_cm:.2f}cm" svg:height="{chart.height_cm:.2f}cm" '
        'chart:class="chart:bar" chart:style-name="ch_chart">'
        f'<chart:title chart:style-name="ch_title"><text:p>{escape(data.title)}</text:p>'
        "</chart:title>"
        f'<chart:plot-area table:cell-range-address={quoteattr(whole)} '
        'chart:data-source-has-labels="both">'
        '<chart:axis chart:dimension="x" chart:name="primary-x" chart:style-name="ch_axis">'
        "<chart:title><text:p>学时</text:p></chart:title>"
        f"<chart:categories table:cell-range-address={quoteattr(labels)}/></chart:axis>"
        '<chart:axis chart:dimension="y" chart:name="primary-y" chart:style-name="ch_axis">'
        f"<chart:title><text:p>{escape(data.value_label)}</text:p></chart:title>"
        '<chart:grid chart:class="major"/></chart:axis>'
        f'<chart:series chart:style-name="ch_bars" chart:class="chart:bar" '
        f"chart:values-cell-range-address={quoteattr(values)} "
        f"chart:label-cell-address={quoteattr(title)}>"
        f'<chart:data-point chart:repeated="{len(data.values)}"/></chart:series>'
        "</chart:plot-area>"
        '<table:table table:name="local-table"><table:table-header-columns>'
        "<table:table-column/></table:table-header-columns><table:table-columns>"
        '<table:table-column/></table:table-columns><table:table-header-rows><table:table-row>'
        "<table:table-cell><text:p/></table:table-cell>"
        f'<table:table-cell office:value-type="string"><text:p>{escape(data.value_label)}'
        "</text:p></table:table-cell></table:table-row></table:table-header-rows>"
        f"<table:table-rows>{rows}</table:table-rows></table:table>"
        "</chart:chart></office:chart></office:body></office:document-content>"
    )
