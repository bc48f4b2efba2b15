"""The spreadsheets' shortcuts write what the long way writes: a record's row handed to the
writers as its values with its table's look (no Cell made for each value), the ods's rows
merged across themselves alone written without the table of covered cells, lines without
escaping, and a one-line text under its record not broken. Each file is written both ways,
byte for byte the same, for every report of the large year, the sample and the hostile text."""

from __future__ import annotations

import io
import zipfile

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casedu.exporters import export
from casedu.exporters import ods as ods_module
from casedu.exporters.linebreak import line_spans
from casedu.exporters.sheetgrid import SheetLayout
from casedu.exporters.sheetpage import BODY_SIZE, measure
from casedu.reports import REPORTS, ReportContext, build_report
from casedu.reports.document import Typed
from casedu.sample import large_sample_dataset, sample_dataset
from tests.exporters.conftest import hostile_dataset


def _documents():
    for label, data, institute in (("hostile", hostile_dataset(), "IOP"),
                                   ("sample", sample_dataset(), "DEMO"),
                                   ("large", large_sample_dataset(), "DEMO")):
        context = ReportContext(data, institute, 2026)
        person = data.people[0].id
        for name in REPORTS:
            yield f"{label}-{name}", build_report(name, context, person=person)


DOCUMENTS = dict(_documents())
PARTS = {"ods": "content.xml", "xlsx": "xl/worksheets/sheet1.xml"}


def _part(document, format_name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(export(document, format_name))) as archive:
        return archive.read(PARTS[format_name])


def _rows_as_cells(monkeypatch) -> list[int]:
    """Every record's row handed to the writers as cells; how many were values."""
    rows = SheetLayout.rows
    made: list[int] = [0]

    def as_cells(self):
        for row in rows(self):
            if row.values is not None:
                made[0] += 1
                row = attrs.evolve(row, cells=row.cells, values=None, look=None)
            yield row

    monkeypatch.setattr(SheetLayout, "rows", as_cells)
    return made


@pytest.mark.parametrize("format_name", sorted(PARTS))
@pytest.mark.parametrize("label", sorted(DOCUMENTS))
def test_rows_of_values_write_what_rows_of_cells_write(label, format_name, monkeypatch):
    document = DOCUMENTS[label]
    shortcut = _part(document, format_name)
    made = _rows_as_cells(monkeypatch)
    assert _part(document, format_name) == shortcut
    # the shortcut was taken where it could be: a record without a cell of its own kind
    untyped = [r for t in document.tables for r in t.rows
               if not any(isinstance(c, Typed) for c in r.cells)]
    assert (made[0] > 0) == bool(untyped)


@pytest.mark.parametrize("label", sorted(DOCUMENTS))
def test_ods_rows_written_the_long_way_are_the_same(label, monkeypatch):
    """Every row through the general way (each covered column noted, then popped): the
    same XML as the rows merged across themselves alone and the rows of values."""
    document = DOCUMENTS[label]
    shortcut = _part(document, "ods")
    row = ods_module._Sheet._row

    def long_way(self, number, grid_row, covered):
        covered.setdefault((0, -1), True)  # never popped: no row is number 0
        return row(self, number, grid_row, covered)

    monkeypatch.setattr(ods_module._Sheet, "_row", long_way)
    _rows_as_cells(monkeypatch)
    assert _part(document, "ods") == shortcut


LINES = st.lists(st.text(alphabet=st.sampled_from(list("甲乙 a&<>\t\r\x01\ufffe、")), max_size=8),
                 min_size=1, max_size=5)


@settings(max_examples=300, deadline=None)
@given(LINES)
def test_an_ods_text_is_a_paragraph_per_line(lines):
    """A text of several lines is written as each of its lines alone, one after another."""
    paragraphs = ods_module._paragraphs
    text = "\n".join(lines)
    assert paragraphs(text) == "".join(paragraphs(line) for line in lines)
    assert paragraphs(text).count("<text:p>") == len(lines)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(
    list("甲乙 a&<>\t\r\n\x01\x1f\ufffe\uffff\u3000\xa0\u2028、")), max_size=12))
def test_an_ods_text_found_plain_is_written_as_the_long_way_writes_it(text):
    """The ods's test for a text that needs nothing escaped or kept (single characters and
    ``str.isprintable``) writes every text as the escaping of each line writes it."""
    assert ods_module._paragraphs(text) == ods_module._escaped_paragraphs(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("培训成效：。、（）【】1234 .%-—…")), max_size=60),
       st.sampled_from([200.0, 400.0, 800.0]))
def test_a_text_under_its_record_that_fits_a_line_is_one_line(text, room):
    """The shortcut of RowMaker.detail: a text no longer than the room at one em a
    character, with no line break and no blank at its end, is one whole line."""
    text = f"培训成效：{text}"
    if len(text) * BODY_SIZE > room or text[-1].isspace():
        return
    assert line_spans(text, room, measure(BODY_SIZE)) == [(0, len(text))]


COLUMNS = st.lists(st.tuples(st.floats(1, 400), st.floats(1, 200), st.floats(0, 300)),
                   min_size=1, max_size=20)


@settings(max_examples=300, deadline=None)
@given(COLUMNS, st.floats(0.01, 0.99))
def test_widths_solved_directly_are_the_bisected(columns, share):
    """The spreadsheets' widths solved on the line between two points are the widths 60
    rounds of bisection find (the PDF's, refined after): within a millionth of a point."""
    from casedu.exporters.widths import _bisected, _shared

    mass = [m for m, _, _ in columns]
    minimum = [low for _, low, _ in columns]
    natural = [low + more for _, low, more in columns]
    available = sum(minimum) + share * (sum(natural) - sum(minimum))
    if not sum(minimum) < available < sum(natural):
        return
    solved = _shared(mass, minimum, natural, available)
    assert solved == pytest.approx(_bisected(mass, minimum, natural, available), abs=1e-6)
    assert sum(solved) == pytest.approx(available, abs=1e-6)
    assert all(low - 1e-9 <= w <= high + 1e-9
               for w, low, high in zip(solved, minimum, natural, strict=True))
