"""The xlsx files, read back with openpyxl."""

from decimal import Decimal

import openpyxl
import pytest

from casedu.exporters import export
from tests.exporters.conftest import HOSTILE


@pytest.fixture(scope="module")
def class_stats(documents, tmp_path_factory):
    path = tmp_path_factory.mktemp("xlsx") / "class-stats.xlsx"
    export(documents["class-stats"], "xlsx", path)
    return openpyxl.load_workbook(path)


def find_row(sheet, value, column=0):
    for row in sheet.iter_rows():
        if len(row) > column and row[column].value == value:
            return row
    raise AssertionError(f"no row with {value!r} in column {column}")


def test_title_header_and_values(class_stats):
    sheet = class_stats.active
    assert sheet["A1"].value == "培训项目执行情况表"
    assert "2026" in sheet["A2"].value
    header = find_row(sheet, "序号")
    # titles broken where casedu chooses, between words; units in the titles
    assert [c.value for c in header][:3] == ["序号", "培训名称", "是否\n精品"]
    assert header[3].value in ("培训对象", "培训\n对象")
    assert "经费开支\n（元）" in [c.value for c in header]
    row = find_row(sheet, "培训tp1", 1)
    values = [c.value for c in row]
    assert values[0] == 1  # 序号
    assert values[8:11] == [38, 4, pytest.approx(11800.5)]
    # an amount is a number with thousands separators as its format, never text
    assert row[10].data_type == "n" and row[10].number_format == "#,##0.00"
    assert row[8].number_format == "0"
    assert values[6] == "2026-03-02\n至 2026-03-08"  # a period in two whole lines
    assert row[1].fill.fgColor.rgb in (None, "00000000") or row[1].fill.fill_type is None


def test_not_implemented_rows_are_red(class_stats):
    sheet = class_stats.active
    # the name cell holds the name alone; the mark, which survives grey print, a cell of its own
    row = find_row(sheet, HOSTILE["name"], 1)
    assert row[-1].value == "【未实施】"
    assert all(c.fill.fill_type == "solid" and c.fill.fgColor.rgb.endswith("FFC7CE")
               for c in row)
    assert [c.value for c in row][8:10] == [0, 0]
    assert find_row(sheet, "培训tp1", 1)[-1].value is None


def test_user_text_never_becomes_a_formula(class_stats):
    sheet = class_stats.active
    row = find_row(sheet, HOSTILE["name"], 1)
    texts = {c.value for c in row}
    for typed in HOSTILE.values():
        assert typed in texts
    for cell in row:
        assert cell.data_type != "f", cell.value
    assert all(c.quotePrefix for c in row if str(c.value).startswith(("=", "+", "-", "@", "\t")))
    # the name (alone in its cell now), audience, content, objectives, location, contact
    assert sum(c.quotePrefix for c in row) == 6


def test_print_settings(class_stats):
    sheet = class_stats.active
    assert sheet.page_setup.orientation == "landscape"
    assert str(sheet.page_setup.paperSize) == "9"  # A4
    assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    header_row = find_row(sheet, "序号")[0].row
    assert sheet.print_title_rows.replace("$", "") == f"{header_row}:{header_row}"
    assert sheet.freeze_panes == f"A{header_row + 1}"
    assert "&P" in sheet.oddFooter.right.text and "&N" in sheet.oddFooter.right.text
    assert sheet.oddFooter.left.size == sheet.oddFooter.right.size == 9  # nothing under 9 pt
    assert "数据指纹" in sheet.oddFooter.left.text
    last = max(r for r in range(1, sheet.max_row + 1) if any(c.value for c in sheet[r]))
    assert sheet.print_area == f"'培训项目执行情况表'!$A$1:$N${last}"
    widths = [sheet.column_dimensions[c].width for c in "ABCDEFGHIJKLMN"]
    assert all(w and w >= 3 for w in widths)
    # every column at 100 % fits the page (6.1 points a character): nothing is shrunk
    assert sum(widths) * 6.1 <= (29.7 - 3) / 2.54 * 72 + 0.5


def test_percent_and_hours_formats(documents, tmp_path):
    path = tmp_path / "summary.xlsx"
    export(documents["summary"], "xlsx", path)
    sheet = openpyxl.load_workbook(path).active
    rate = find_row(sheet, "职工完训率", 1)[2]
    assert rate.value == pytest.approx(0.5) and rate.number_format == "0.00%"
    hours = find_row(sheet, "单位职工总学时", 1)[2]
    assert hours.number_format == "0.0" and Decimal(str(hours.value)) == Decimal("158.5")
    money = find_row(sheet, "单位投入总经费（元）", 1)[2]
    assert money.number_format == "#,##0.00" and money.data_type == "n"
    average = find_row(sheet, "单位职工平均学时", 1)[2]
    assert average.number_format == "0.00" and average.value == pytest.approx(79.25)
    assert sheet.page_setup.orientation == "portrait"


def test_group_headers_are_merged(documents, tmp_path):
    path = tmp_path / "overview.xlsx"
    export(documents["staff-overview"], "xlsx", path)
    sheet = openpyxl.load_workbook(path).active
    merged = [str(r) for r in sheet.merged_cells.ranges]
    group = find_row(sheet, "序号")
    assert any(r.startswith(f"H{group[0].row}:K{group[0].row}") for r in merged), merged
    header_row = group[0].row
    assert sheet.print_title_rows.replace("$", "") == f"{header_row}:{header_row + 1}"


def test_freeze_under_the_first_header_after_a_paragraph(documents, tmp_path):
    path = tmp_path / "archive.xlsx"
    export(documents["archive"], "xlsx", path)
    sheet = openpyxl.load_workbook(path).active
    header_row = find_row(sheet, "类别", 1)[0].row
    assert sheet.freeze_panes == f"A{header_row + 1}"
    assert sheet.print_title_rows.replace("$", "") == f"{header_row}:{header_row}"
