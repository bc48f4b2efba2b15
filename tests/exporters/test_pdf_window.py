"""A long table is handed to reportlab a page of rows at a time (``casedu.exporters.pdf._Window``):
the pages are the ones the whole table gives, text for text, fill for fill, line for line.

The two differ in how the grid is cut into strokes (after a row split across pages reportlab
draws the grid of the rest in segments), so the lines are compared as the union of what they
cover on the page; and in one line: where a page starts with the rest of a row split across
pages, reportlab's split of the whole table leaves out the line under the repeated header
(it drops the line between the two halves of the row, which the header now stands between),
and the window draws it, as on every other page.
"""

from __future__ import annotations

import datetime as dt
import io
from collections import defaultdict
from decimal import Decimal

import pytest
from pypdf import PdfReader

from casedu.exporters import export
from casedu.exporters.pdf import table as pdf_table
from casedu.reports import Column, Document, Kind, Mark, Orientation, Row, Table
from tests.exporters.test_pdf import needs_font

COLUMNS = (Column("name", "培训名称", wrap=True), Column("effect", "培训成效", wrap=True),
           Column("dates", "培训起止时间", kind=Kind.DATE_RANGE),
           Column("count", "参会人数", kind=Kind.INTEGER),
           Column("money", "经费开支", kind=Kind.MONEY))


def _row(i: int) -> Row:
    day = dt.date(2026, 1 + i % 12, 1 + i % 28)
    # mostly a line or two; every 23rd row runs over several pages, every 7th over a third
    length = 6000 if i % 23 == 5 else 400 if i % 7 == 3 else 8 + i % 30
    effect = ("全员考核合格，满意度高。" * (length // 12 + 1))[:length]
    return Row((f"科研安全与实验室管理专题培训第{i}期", effect, (day, day + dt.timedelta(days=2)),
                30 + i % 50, Decimal(1000 + i)),
               marks=frozenset({Mark.NOT_IMPLEMENTED}) if i % 9 == 0 else frozenset())


def _document(rows: int, *, totals: bool = False) -> Document:
    table = Table(columns=COLUMNS, rows=tuple(_row(i) for i in range(rows)),
                  totals=Row(("合计", "", "", 99, Decimal("123.45")), marks=frozenset({Mark.TOTAL}))
                  if totals else None)
    return Document(title="培训项目执行情况表", institute="中国科学院示范研究所", year=2026,
                    blocks=(table,), orientation=Orientation.LANDSCAPE, footer="test")


def _transform(m, x, y):
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


def _multiply(a, b):
    return [a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3],
            a[2] * b[0] + a[3] * b[2], a[2] * b[1] + a[3] * b[3],
            a[4] * b[0] + a[5] * b[2] + b[4], a[4] * b[1] + a[5] * b[3] + b[5]]


def _merged(intervals):
    out = []
    for low, high in sorted(intervals):
        if out and low <= out[-1][1] + 0.01:
            out[-1][1] = max(out[-1][1], high)
        else:
            out.append([low, high])
    return [(round(a, 2), round(b, 2)) for a, b in out]


def drawn(page):
    """What a page shows: its text with positions, its filled rectangles, and the lines
    stroked, as the intervals they cover on each horizontal and vertical."""
    texts = []
    page.extract_text(visitor_text=lambda text, cm, tm, font, size: text.strip() and texts.append(
        (text, round(_multiply(tm, cm)[4], 2), round(_multiply(tm, cm)[5], 2))))
    fills, strokes = [], defaultdict(list)
    matrix, stack, path, here = [1, 0, 0, 1, 0, 0], [], [], None
    for operands, operator in page.get_contents().operations:
        if operator == b"q":
            stack.append(matrix)
        elif operator == b"Q":
            matrix = stack.pop()
        elif operator == b"cm":
            matrix = _multiply([float(v) for v in operands], matrix)
        elif operator == b"m":
            here = _transform(matrix, *map(float, operands))
        elif operator == b"l":
            point = _transform(matrix, *map(float, operands))
            path.append((here, point))
            here = point
        elif operator == b"re":
            x, y, w, h = map(float, operands)
            corners = [_transform(matrix, x, y), _transform(matrix, x + w, y + h)]
            path.append(("re", tuple(corners)))
        elif operator in (b"S", b"f", b"B", b"n", b"f*"):
            for segment in path:
                if segment[0] == "re":
                    if operator != b"S":
                        (x0, y0), (x1, y1) = segment[1]
                        fills.append(tuple(round(v, 2) for v in (min(x0, x1), min(y0, y1),
                                                                  max(x0, x1), max(y0, y1))))
                elif operator == b"S":
                    (x0, y0), (x1, y1) = segment
                    if abs(x0 - x1) < 0.01:
                        strokes[("|", round(x0, 2))].append((min(y0, y1), max(y0, y1)))
                    else:
                        strokes[("-", round(y0, 2))].append((min(x0, x1), max(x0, x1)))
            path = []
    lines = {key: _merged(spans) for key, spans in strokes.items()}
    return sorted(texts), sorted(fills), lines


def _pages(document: Document) -> list[tuple]:
    return [drawn(page) for page in PdfReader(io.BytesIO(export(document, "pdf"))).pages]


@needs_font
@pytest.mark.parametrize(("rows", "totals"), [
    (17, False), (180, True), pytest.param(400, False, marks=pytest.mark.slow)])
def test_a_table_in_windows_draws_the_pages_of_the_whole_table(monkeypatch, rows, totals):
    document = _document(rows, totals=totals)
    windowed = _pages(document)
    monkeypatch.setattr(pdf_table, "WINDOWED", False)  # reportlab splits the whole table
    whole = _pages(document)
    assert len(windowed) == len(whole) > (1 if rows < 100 else 10)
    for number, (ours, theirs) in enumerate(zip(windowed, whole, strict=True), 1):
        assert ours[0] == theirs[0], f"text of page {number}"
        assert ours[1] == theirs[1], f"fills of page {number}"
        header = max(ours[1], key=lambda fill: fill[3])  # the grey at the top of the table
        under_header = ("-", header[1])
        assert ours[2][under_header] == [(header[0], header[2])], f"header of page {number}"
        assert {k: v for k, v in ours[2].items() if k != under_header} == {
            k: v for k, v in theirs[2].items() if k != under_header}, f"lines of page {number}"


@needs_font
def test_rows_taller_than_a_page_go_on_through_the_windows():
    document = _document(60)
    reader = PdfReader(io.BytesIO(export(document, "pdf")))
    texts = ["".join(page.extract_text().split()) for page in reader.pages]
    found = [next(n for n, t in enumerate(texts) if f"培训第{i}期" in t) for i in range(60)]
    assert found == sorted(found)  # every row's name is printed, in order
    # the 6,000-character row 5 runs over several pages, under the header on each
    spread = [n for n, t in enumerate(texts) if "全员考核合格" in t and "培训名称" in t]
    assert len(spread) >= 4
