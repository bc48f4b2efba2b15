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


def find_row(sheet, first_value):
    for row in sheet.iter_rows():
        if row[0].value == first_value:
            return row
    raise AssertionError(f"no row starting {first_value!r}")


def test_title_header_and_values(class_stats):
    sheet = class_stats.active
    assert sheet["A1"].value == "培训项目执行情况表"
    assert "2026" in sheet["A2"].value
    header = find_row(sheet, "培训名称")
    assert [c.value for c in header][:3] == ["培训名称", "是否精品", "培训对象"]
    row = find_row(sheet, "培训tp1")
    values = [c.value for c in row]
    assert values[7:10] == [38, 4, pytest.approx(11800.5)]
    assert row[9].data_type == "n" and row[9].number_format == "#,##0.00"
    assert row[7].number_format == "0"
    assert values[5] == "2026-03-02 至 2026-03-08"
    assert row[0].fill.fgColor.rgb in (None, "00000000") or row[0].fill.fill_type is None


def test_not_implemented_rows_are_red(class_stats):
    sheet = class_stats.active
    row = find_row(sheet, "【未实施】" + HOSTILE["name"])  # a mark that survives grey print
    assert all(c.fill.fill_type == "solid" and c.fill.fgColor.rgb.endswith("FFC7CE")
               for c in row)
    assert [c.value for c in row][7:9] == [0, 0]


def test_user_text_never_becomes_a_formula(class_stats):
    sheet = class_stats.active
    row = find_row(sheet, "【未实施】" + HOSTILE["name"])
    texts = {c.value for c in row}
    for key, typed in HOSTILE.items():
        assert (typed if key != "name" else "【未实施】" + typed) in texts
    for cell in row:
        assert cell.data_type != "f", cell.value
    assert all(c.quotePrefix for c in row if str(c.value).startswith(("=", "+", "-", "@", "\t")))
    assert sum(c.quotePrefix for c in row) == 5  # audience, content, objectives, location, contact


def test_print_settings(class_stats):
    sheet = class_stats.active
    assert sheet.page_setup.orientation == "landscape"
    assert str(sheet.page_setup.paperSize) == "9"  # A4
    assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    header_row = find_row(sheet, "培训名称")[0].row
    assert sheet.print_title_rows.replace("$", "") == f"{header_row}:{header_row}"
    assert sheet.freeze_panes == f"A{header_row + 1}"
    assert "&P" in sheet.oddFooter.right.text and "&N" in sheet.oddFooter.right.text
    assert "数据指纹" in sheet.oddFooter.left.text
    widths = [sheet.column_dimensions[c].width for c in "ABCDEFGHIJKLM"]
    assert all(w and w >= 6 for w in widths)


def test_percent_and_hours_formats(documents, tmp_path):
    path = tmp_path / "summary.xlsx"
    export(documents["summary"], "xlsx", path)
    sheet = openpyxl.load_workbook(path).active
    rate = find_row(sheet, "职工完训率")[1]
    assert rate.value == pytest.approx(0.5) and rate.number_format == "0.00%"
    hours = find_row(sheet, "单位职工总学时")[1]
    assert hours.number_format == "0.0" and Decimal(str(hours.value)) == Decimal("158.5")
    average = find_row(sheet, "单位职工平均学时")[1]
    assert average.number_format == "0.00" and average.value == pytest.approx(79.25)
    assert sheet.page_setup.orientation == "portrait"


def test_group_headers_are_merged(documents, tmp_path):
    path = tmp_path / "overview.xlsx"
    export(documents["staff-overview"], "xlsx", path)
    sheet = openpyxl.load_workbook(path).active
    merged = [str(r) for r in sheet.merged_cells.ranges]
    group = find_row(sheet, "人员编号")
    assert any(r.startswith(f"G{group[0].row}:J{group[0].row}") for r in merged), merged
    header_row = group[0].row
    assert sheet.print_title_rows.replace("$", "") == f"{header_row}:{header_row + 1}"


def test_freeze_under_the_first_header_after_a_paragraph(documents, tmp_path):
    path = tmp_path / "archive.xlsx"
    export(documents["archive"], "xlsx", path)
    sheet = openpyxl.load_workbook(path).active
    header_row = find_row(sheet, "类别")[0].row
    assert sheet.freeze_panes == f"A{header_row + 1}"
    assert sheet.print_title_rows.replace("$", "") == f"{header_row}:{header_row}"
