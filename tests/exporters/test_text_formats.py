"""csv, json and html."""

import csv
import io
import json

from hypothesis import example, given
from hypothesis import strategies as st

from casedu.exporters import export
from casedu.reports.document import Column, Document, Kind, Row, Table, Typed
from tests.exporters.conftest import HOSTILE


def test_csv_has_bom_titles_marks_and_safe_text(documents, tmp_path):
    path = tmp_path / "cs.csv"
    export(documents["class-stats"], "csv", path)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:3] == ["序号", "培训名称", "是否精品"] and rows[0][-1] == "标记"
    assert "经费开支（元）" in rows[0]
    done = next(r for r in rows if r[1:2] == ["培训tp1"])
    assert done[0] == "1" and done[8:11] == ["38", "4", "11800.50"] and done[-1] == ""
    hostile = next(r for r in rows if r[1:2] and r[1].startswith("'="))
    assert hostile[-1] == "not_implemented"
    for cell in hostile:
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    assert "'" + HOSTILE["name"] in hostile
    # the signature block after a blank line: each label beside a cell to fill in
    end = rows.index([], 3)
    assert rows[end + 1][0] == "填报单位" and ["填表人", "", "联系电话", ""] in rows[end:]
    assert ["日期", "", "年", "", "月", "", "日"] in rows[end:]


def test_csv_of_several_tables(documents, tmp_path):
    path = tmp_path / "archive.csv"
    export(documents["archive"], "csv", path)
    text = path.read_text(encoding="utf-8-sig")
    assert "2026年度学习记录" in text and "历年计入学时" in text


def test_json_keeps_exact_values_and_marks(documents, tmp_path):
    path = tmp_path / "cs.json"
    export(documents["class-stats"], "json", path)
    value = json.loads(path.read_text(encoding="utf-8"))
    table = value["blocks"][0]
    assert [c["key"] for c in table["columns"]][:3] == ["index", "name", "premium"]
    rows = {r["name"]: r for r in table["rows"]}
    assert rows["培训tp1"]["expense"] == "11800.50" and rows["培训tp1"]["marks"] == []
    assert rows[HOSTILE["name"]]["marks"] == ["not_implemented"]
    assert table["totals"]["attendees"] == 38
    signature = value["signature"]
    assert signature["filing_unit"] == documents["class-stats"].institute
    assert set(signature["fields"]) == {"负责人（签字）", "填表人", "联系电话", "单位（盖章）",
                                        "日期"}


def test_json_summary_rates_are_fractions(documents, tmp_path):
    path = tmp_path / "s.json"
    export(documents["summary"], "json", path)
    rows = json.loads(path.read_text(encoding="utf-8"))["blocks"][0]["rows"]
    values = {r["figure"]: r["value"] for r in rows}
    assert values["职工完训率"] == "0.5000"
    assert values["年度计划执行率"] == "0.5000"


def test_html_escapes_and_marks(documents, tmp_path):
    path = tmp_path / "cs.html"
    export(documents["class-stats"], "html", path)
    page = path.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "<b>粗体</b>" not in page and "&lt;b&gt;粗体&lt;/b&gt;" in page
    assert 'class="not_implemented"' in page and "【未实施】" in page
    assert "size: A4 landscape" in page and "table-header-group" in page
    assert "单位（盖章）" in page
    # blanks to write on, as wide as they are on paper
    assert 'class="blank" style="width:2.5cm"' in page and "联系电话" in page
    assert page.count('class="blank"') == 6  # 负责人, 填表人, 联系电话, 年, 月, 日


def test_documents_show_in_notebooks(documents):
    html = documents["summary"]._repr_html_()
    assert "<table" in html and "职工完训率" in html


_VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-10**12, 10**12),
    st.decimals(allow_nan=False, allow_infinity=False, places=6,
                min_value=-10**9, max_value=10**9),
    st.dates(), st.tuples(st.dates(), st.dates()), st.text(max_size=8),
    st.sampled_from(["=1+1", "-3", "@x", "\tx", "+", "培训"]))


@given(value=_VALUES, kind=st.sampled_from(Kind))
@example(value="0\x1e", kind=Kind.TEXT)  # a record separator: no line's end for csv
def test_a_csv_shortcut_writes_what_the_general_way_writes(value, kind):
    """Each type's shortcut of a column's kind, and a text written as it is, give what the
    general way gives: a value typed as its column and as a Typed cell of another column."""
    from casedu.exporters.csv import _SHORTCUTS, _cell

    shortcut = _SHORTCUTS[kind].get(type(value))
    if shortcut is not None:
        assert shortcut(value, kind) == _cell(value, kind)
    one = Table(columns=(Column("v", "值", kind),), rows=(Row((value,)),))
    typed = Table(columns=(Column("v", "值"),), rows=(Row((Typed(value, kind),)),))
    written = [export(Document(title="t", institute="所", year=2026, blocks=(t,)), "csv")
               for t in (one, typed)]
    assert written[0] == written[1]
    # read as csv reads it: str.splitlines would also end a line at \x1c-\x1e, \x85, \u2028
    cells = list(csv.reader(io.StringIO(written[0].decode("utf-8-sig"), newline="")))[1]
    expected = _cell(value, kind)
    assert cells == [str(expected)]


@given(values=st.lists(_VALUES, min_size=1, max_size=4), kind=st.sampled_from(Kind),
       typed=st.booleans())
def test_an_html_row_by_its_tables_look_is_the_general_row(values, kind, typed):
    """A row without marks written by its table's look (each column's kind and tag found
    once) is the row written cell by cell, escaped the same."""
    from casedu.exporters.html import _look, _row

    columns = tuple(Column(f"c{i}", "值", kind) for i in range(len(values)))
    cells = tuple(Typed(v, kind) if typed else v for v in values)
    table = Table(columns=columns, rows=(Row(cells),))
    assert _row(table, table.rows[0], _look(table)) == _row(table, table.rows[0])
