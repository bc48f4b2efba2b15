"""Each report's document holds what SPEC section 5 says, computed from the metrics."""

from decimal import Decimal

import pytest

from casedu.errors import UnknownRecordError
from casedu.reports import Kind, Mark, Orientation, ReportContext, Typed, build_report
from tests.builders import dataset, institute, person
from tests.exporters.conftest import hostile_dataset


@pytest.fixture(scope="module")
def context():
    return ReportContext(hostile_dataset(), "IOP", 2026)


def test_class_stats_columns_values_and_marks(context):
    doc = build_report("class-stats", context)
    table = doc.tables[0]
    assert [c.title for c in table.columns] == [
        "序号", "培训名称", "是否精品", "培训对象", "培训内容", "目的目标", "培训起止时间",
        "培训地点", "参会人数", "工作人数", "经费开支（元）", "培训成效", "联系人", "联系电话"]
    assert [r.cells[0] for r in table.rows] == [1, 2]  # 序号
    done, pending = table.rows
    cells = dict(zip([c.key for c in table.columns], done.cells, strict=True))
    assert (cells["attendees"], cells["staff"], cells["expense"]) == (38, 4, Decimal("11800.50"))
    assert done.marks == frozenset()
    cells = dict(zip([c.key for c in table.columns], pending.cells, strict=True))
    assert (cells["attendees"], cells["staff"]) == (0, 0)
    assert pending.marks == {Mark.NOT_IMPLEMENTED}
    assert table.totals.cells[8:11] == (38, 4, Decimal("14800.50"))
    assert table.totals.cells[1] == "合计 2 项"
    assert doc.orientation is Orientation.LANDSCAPE
    assert "中国科学院" not in doc.title and doc.year == 2026


def test_backbone_report_lists_the_reported(context):
    doc = build_report("backbone", context)
    (row,) = doc.tables[0].rows
    assert row.cells[1:5] == ("p1", "张伟", "综合处", Decimal(108))
    assert "60学时" in row.cells[5] and "48学时" in row.cells[5]
    assert str(row.cells[6]) == "2026-12-01"


def test_summary_report_has_the_ten_figures_typed(context):
    doc = build_report("summary", context)
    rows = doc.tables[0].rows
    assert len(rows) == 10
    assert [r.cells[0] for r in rows] == list(range(1, 11))  # 序号
    values = {r.cells[1]: r.cells[2] for r in rows}
    # p1 has 48 + 60 = 108 h, p2 has 48 + 2.5 = 50.5 h: one of two completed
    assert values["职工完训率"] == Typed(Decimal("0.5"), Kind.PERCENT)
    # an amount's label names its unit
    assert values["单位投入总经费（元）"] == Typed(Decimal("350000.00"), Kind.MONEY)
    assert values["单位职工平均学时"].kind is Kind.DECIMAL
    origins = {r.cells[1]: r.cells[4] for r in rows}
    assert origins["单位投入总经费（元）"] == "管理员填写"
    chart = doc.blocks[2]
    assert sum(chart.values) == 2


def test_overview_totals(context):
    doc = build_report("staff-overview", context)
    table = doc.tables[0]
    assert len(table.rows) == 2
    assert [r.cells[0] for r in table.rows] == [1, 2]  # 序号
    total = table.totals.cells[10]
    assert total == Typed(Decimal("158.5"), Kind.HOURS)  # 48+60 + 48+2.5


def test_archive_needs_a_person_of_the_institute():
    data = dataset(institutes=[institute("IOP"), institute("IOA")],
                   people=[person("x", institute="IOA")])
    with pytest.raises(UnknownRecordError, match="not on the roster of 'IOP'"):
        build_report("archive", ReportContext(data, "IOP", 2026), person="x")
    with pytest.raises(ValueError, match="name them"):
        build_report("archive", ReportContext(data, "IOP", 2026))


def test_unknown_report_and_institute():
    with pytest.raises(UnknownRecordError, match="no report"):
        build_report("nope", ReportContext(dataset(), "IOP", 2026))
    with pytest.raises(UnknownRecordError, match="no institute"):
        ReportContext(dataset(), "XYZ", 2026)


def test_footer_names_the_rules_and_the_data(context):
    doc = build_report("summary", context)
    assert "数据指纹 " + context.fingerprint in doc.footer
    assert "单次>40" in doc.footer
    other = ReportContext(dataset(), "IOP", 2026)
    assert other.fingerprint != context.fingerprint
    assert ReportContext(hostile_dataset(), "IOP", 2026).fingerprint == context.fingerprint


def test_empty_institute_reports_build(tmp_path):
    context = ReportContext(dataset(), "IOP", 2026)
    for name in ("class-stats", "backbone", "summary", "staff-overview"):
        doc = build_report(name, context)
        assert doc.tables[0].rows == () or name == "summary"
