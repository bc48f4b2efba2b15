"""html: one self-contained page that prints from any browser, and notebook previews.

The page carries its own CSS: A4 in the document's orientation, the table header repeated on
every printed page, red not-implemented rows with a visible mark, the stamp block. Every text is
escaped, so user text never becomes markup.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from html import escape
from typing import BinaryIO

from casedu.exporters.cells import display, header_spans, typed_cells
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
    Typed,
)

__all__ = ["HtmlExporter", "render_document_fragment"]

_NUMERIC = {Kind.INTEGER, Kind.HOURS, Kind.MONEY, Kind.PERCENT, Kind.DECIMAL}

_CSS = """
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei",
       "Microsoft YaHei", "PingFang SC", "SimSun", sans-serif; font-size: 10pt; margin: 1.5cm;
       line-break: strict; }
h1 { font-size: 18pt; text-align: center; margin: 0 0 4pt; }
.subtitle { text-align: center; font-size: 11pt; margin: 0 0 12pt; }
table.casedu { border-collapse: collapse; width: 100%; margin: 6pt 0 10pt; }
table.casedu th, table.casedu td { border: 0.5pt solid #808080; padding: 2pt 4pt;
       vertical-align: top; white-space: pre-line; }
table.casedu th { background: #d9d9d9; text-align: center; vertical-align: middle; }
table.casedu thead { display: table-header-group; }
table.casedu tr { page-break-inside: avoid; }
td.num { text-align: right; white-space: nowrap; }
tr.not_implemented td { background: #ffc7ce; color: #9c0006; }
tr.total td { background: #f2f2f2; border-top: 1pt solid #000; }
.mark { font-weight: bold; }
.note { font-size: 10pt; margin: 3pt 0; }
.bars td.bar div { background: #4f81bd; height: 10pt; }
.stamp { display: flex; justify-content: space-between; margin-top: 24pt; font-size: 11pt;
         break-inside: avoid; break-before: avoid; }
.stamp p { margin: 6pt 0; }
.blank { display: inline-block; border-bottom: 0.75pt solid #000; height: 1em;
         vertical-align: bottom; }
.stamp .unit { min-width: 40%; }
.stamp .space { height: 1.6cm; }
footer { font-size: 9pt; color: #555; margin-top: 24pt; }
"""


class HtmlExporter:
    """A single HTML page, printable from a browser (A4, repeated table headers)."""

    name = "html"
    suffix = ".html"
    media_type = "text/html"
    description = "HTML page, self-contained and printable from a browser"

    def write(self, document: Document, stream: BinaryIO) -> None:
        """Write ``document`` as a complete HTML page in UTF-8."""
        stream.write(render_page(document).encode("utf-8"))


def render_page(document: Document) -> str:
    """The whole page."""
    page = "A4 landscape" if document.orientation is Orientation.LANDSCAPE else "A4 portrait"
    title = escape(f"{document.title} · {document.subtitle}")
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>{title}</title><style>@page {{ size: {page}; margin: 1.5cm; }}{_CSS}</style>"
        f"</head><body>{render_document_fragment(document, limit=None)}"
        f"{_stamp(document)}<footer>{escape(document.footer)}</footer></body></html>\n"
    )


def render_document_fragment(document: Document, limit: int | None = 50) -> str:
    """The document's title and blocks as HTML; ``limit`` rows per table (for notebooks)."""
    parts = [f"<h1>{escape(document.title)}</h1>",
             f'<p class="subtitle">{escape(document.subtitle)}</p>']
    for block in document.blocks:
        if isinstance(block, Table):
            parts.append(_table(block, limit))
        elif isinstance(block, Paragraph):
            parts.append(f'<p class="note">{escape(block.text)}</p>')
        elif isinstance(block, Chart):
            parts.append(_chart(block))
    parts.extend(f'<p class="note">{escape(note)}</p>' for note in document.notes)
    return "".join(parts)


def _table(table: Table, limit: int | None) -> str:
    anchor = f' id="{escape(table.anchor)}"' if table.anchor else ""
    parts = [f'<table class="casedu"{anchor}>']
    if table.title:
        parts.append(f"<caption>{escape(table.title)}</caption>")
    parts.append("<thead>")
    if table.has_groups:
        parts.append(_group_row(table))
        parts.append("<tr>" + "".join(f"<th>{escape(c.title)}</th>"
                                      for c in table.columns if c.group) + "</tr>")
    else:
        parts.append("<tr>" + "".join(f"<th>{escape(c.title)}</th>"
                                      for c in table.columns) + "</tr>")
    parts.append("</thead><tbody>")
    rows = table.rows if limit is None else table.rows[:limit]
    look = _look(table)
    parts.extend(_row(table, row, look) for row in rows)
    hidden = len(table.rows) - len(rows)
    if hidden:
        parts.append(f'<tr><td colspan="{len(table.columns)}">… {hidden} more rows</td></tr>')
    if table.totals is not None:
        parts.append(_row(table, table.totals))
    parts.append("</tbody></table>")
    return "".join(parts)


def _group_row(table: Table) -> str:
    cells = [
        f'<th colspan="{span.last - span.first + 1}">{escape(span.title)}</th>' if span.group
        else f'<th rowspan="2">{escape(span.title)}</th>'
        for span in header_spans(table)
    ]
    return "<tr>" + "".join(cells) + "</tr>"


#: The types of value whose display holds none of the characters HTML escapes (digits,
#: signs, dates, 是/否, —).
_PLAIN_TYPES = frozenset({bool, int, Decimal, dt.date, type(None)})


def _row(table: Table, row: Row,
         look: list[tuple[Kind, str]] | None = None) -> str:
    """A row of the table; ``look`` (each column's kind and opening ``<td>``, found once for
    the table) lets a row without marks or a link be written without asking each cell its
    way (the same text as the general way)."""
    if look is not None and not row.marks and row.link is None:
        cells = [
            f"{td}{cell if cell.isalnum() else escape(cell)}</td>" if type(cell) is str
            else f"{td}{display(cell, kind)}</td>"  # type: ignore[arg-type]
            if type(cell) in _PLAIN_TYPES
            else _cell(cell, kind)
            for (kind, td), cell in zip(look, row.cells, strict=True)]
        return f"<tr>{''.join(cells)}</tr>"
    classes = " ".join(sorted(m.value for m in row.marks))
    cells = []
    for i, (value, kind) in enumerate(typed_cells(table.columns, row)):
        text = escape(display(value, kind))
        if i == 0 and Mark.NOT_IMPLEMENTED in row.marks:
            text = f'<span class="mark">【{Mark.NOT_IMPLEMENTED.label}】</span>{text}'
        if row.link is not None and table.columns[i].links:
            text = f'<a href="{escape(row.link)}">{text}</a>'
        css = ' class="num"' if kind in _NUMERIC else ""
        cells.append(f"<td{css}>{text}</td>")
    attr = f' class="{classes}"' if classes else ""
    return f"<tr{attr}>{''.join(cells)}</tr>"


def _cell(cell: CellValue | Typed, kind: Kind) -> str:
    """A cell of a row without marks or link, the general way."""
    value = cell.value if isinstance(cell, Typed) else cell
    kind = cell.kind if isinstance(cell, Typed) else kind
    css = ' class="num"' if kind in _NUMERIC else ""
    return f"<td{css}>{escape(display(value, kind))}</td>"


def _look(table: Table) -> list[tuple[Kind, str]]:
    """Each column's kind and opening tag (numbers to the right)."""
    return [(c.kind, '<td class="num">' if c.kind in _NUMERIC else "<td>")
            for c in table.columns]


def _chart(chart: Chart) -> str:
    top = max(chart.values, default=0) or 1
    rows: Iterable[str] = (
        f'<tr><td>{escape(label)}</td><td class="num">{value}</td>'
        f'<td class="bar" style="width:60%"><div style="width:{100 * value / top:.1f}%">'
        "</div></td></tr>"
        for label, value in zip(chart.labels, chart.values, strict=True)
    )
    return (f'<table class="casedu bars"><caption>{escape(chart.title)}</caption>'
            f"<thead><tr><th>学时</th><th>{escape(chart.value_label)}</th><th></th></tr>"
            f"</thead><tbody>{''.join(rows)}</tbody></table>")


def _blank(cm: float) -> str:
    return f'<span class="blank" style="width:{cm:g}cm"></span>'


def _stamp(document: Document) -> str:
    """The signature block, its blanks as lines of the width they need on paper."""
    stamp = document.stamp
    left = (f"<p>{escape(stamp.filing_label)}：{escape(document.institute)}</p>"
            f"<p>{escape(stamp.signer_label)}：{_blank(stamp.signer_cm)}</p>"
            f"<p>{escape(stamp.preparer_label)}：{_blank(stamp.preparer_cm)}　"
            f"{escape(stamp.phone_label)}：{_blank(stamp.phone_cm)}</p>")
    right = (f'<p>{escape(stamp.unit_label)}：</p><div class="space"></div>'
             f"<p>{_blank(stamp.year_cm)}年{_blank(stamp.month_cm)}月"
             f"{_blank(stamp.day_cm)}日</p>")
    return f'<div class="stamp"><div>{left}</div><div class="unit">{right}</div></div>'
