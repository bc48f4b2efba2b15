"""继续教育与培训工作汇总 in a spreadsheet: with real institutes' long names beside it, the 状态
column still holds the totals' "已提交 N" and a submitted date on one line each (a row as tall
as its lines, not a line more for a wrapped word)."""

import datetime as dt
import io

import openpyxl

from benchmarks.academy import academy as academy_at
from casedu.exporters import export
from casedu.exporters.sheetpage import BODY_SIZE, row_height
from casedu.metrics import academy_rollup
from casedu.reports.rollup import rollup_report
from tests.metrics.test_rollup import submitted


def _sheet(data):
    body = io.BytesIO()
    export(rollup_report(academy_rollup(data, 2026)), "xlsx", body)
    return openpyxl.load_workbook(io.BytesIO(body.getvalue())).active


def _height_of(sheet, first):
    row = next(r for r in sheet.iter_rows() if first in [c.value for c in r])
    return sheet.row_dimensions[row[0].row].height


def test_the_status_column_holds_the_count_and_the_date_on_a_line_each():
    data = academy_at(0.005)  # five institutes, none submitted: "已提交 0" is the longest status
    one, two = row_height(1, BODY_SIZE), row_height(2, BODY_SIZE)
    assert _height_of(_sheet(data), "已提交 0") <= one  # the totals' row: one line
    data = submitted(data, "I003", on=dt.date(2026, 12, 20))
    assert _height_of(_sheet(data), "已提交\n2026-12-20") <= two  # the status and its date
