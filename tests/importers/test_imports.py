"""Imports: every problem at once by sheet, row, column and value; all or nothing; dry runs."""

import datetime as dt
import json
from decimal import Decimal

import openpyxl
import pytest

from casedu.errors import DatasetError
from casedu.importers import apply_import, plan_import, read_statements, write_template
from casedu.model import AttendanceStatus, ExternalStatus, Role
from casedu.services import MemoryStore, Workflow
from tests.importers.files import write_rows
from tests.services.world import HASHER, NOW, accounts, actor_of, world_dataset

PEOPLE_HEADER = ["人员编号", "姓名", "部门", "邮箱", "是否在职", "是否有学时要求", "入职时间",
                 "人员类别"]


@pytest.fixture
def flow():
    return Workflow(MemoryStore(world_dataset(), accounts()), clock=lambda: NOW, hasher=HASHER)


def plan_of(flow, kind, path, **kwargs):
    state = flow.store.state()
    return plan_import(kind, path, dataset=state.dataset, accounts=state.accounts,
                       institute="IOP", **kwargs)


def run(flow, kind, path, **kwargs):
    plan = plan_of(flow, kind, path, **kwargs)
    return plan, apply_import(flow, actor_of(flow, Role.INSTITUTE_ADMIN), plan)


@pytest.mark.parametrize("suffix", [".xlsx", ".ods", ".csv"])
def test_a_filled_template_imports_people(flow, tmp_path, suffix):
    template = write_template("people", tmp_path / f"t{suffix}")
    if suffix == ".xlsx":
        workbook = openpyxl.load_workbook(template)
        assert [c.value for c in workbook.active[1]][:2] == ["人员编号*", "姓名*"]
        assert "说明 instructions" in workbook.sheetnames
    rows = [PEOPLE_HEADER,
            ["n1", "新员工", "一处", "n1@iop.ac.cn", "是", "是", "2026-03-01", "职工"],
            ["n2", "学生甲", "IOP-D2", None, "是", "否", dt.date(2025, 9, 1), "学生"],
            ["s1", "人员s1", "一处", None, "否", "是", "2010-01-01", None]]
    path = write_rows(tmp_path / f"people{suffix}", rows)
    plan, written = run(flow, "people", path)
    assert (len(plan.added), len(plan.updated), written) == (2, 1, 3)
    data = flow.store.state().dataset
    assert data.person("n1").department == "IOP-D1" and data.person("n1").is_new_hire(2026)
    assert data.person("n2").hours_required is False
    assert data.person("s1").in_service is False
    again = plan_of(flow, "people", path)
    assert (len(again.added), len(again.updated), len(again.unchanged)) == (0, 0, 3)


def test_every_bad_row_is_reported_and_nothing_changes(flow, tmp_path):
    rows = [PEOPLE_HEADER,
            ["n1", "甲", "三处", None, "是", "是", "2026-02-30", None],
            ["n2", None, None, None, "也许", "是", None, None],
            ["n3", "丙", None, None, "是", "是", "2026-01-01", None],
            ["n3", "丙", None, None, "是", "是", "2026-01-01", None],
            ["x1", "外所", None, None, "是", "是", None, None]]
    path = write_rows(tmp_path / "bad.xlsx", rows)
    before = flow.store.state()
    with pytest.raises(DatasetError) as info:
        run(flow, "people", path)
    problems = [str(p) for p in info.value.problems]
    assert "sheet '人员' row 2 column 入职时间 value '2026-02-30': expected a date such as " \
        "2026-03-02, got '2026-02-30'" in problems
    assert "sheet '人员' row 3 column 姓名: required, but empty" in problems
    assert any(p.startswith("sheet '人员' row 3 column 是否在职 value '也许'") for p in problems)
    assert any("row 5: the same as row 4" in p for p in problems)
    assert any("row 6" in p and "x1 belongs to IOA, not to IOP" in p for p in problems)
    assert len(problems) == 5, problems  # the department 三处 waits for the row's date
    assert flow.store.state() == before
    rows[1][6] = "2026-02-28"
    rows[2][1], rows[2][4] = "乙", "是"
    del rows[4]
    path = write_rows(tmp_path / "bad2.xlsx", rows)
    with pytest.raises(DatasetError) as info:
        run(flow, "people", path)
    problems = [str(p) for p in info.value.problems]
    assert any("row 2" in p and "no department '三处' in IOP" in p for p in problems)
    assert any("row 5" in p and "x1 belongs to IOA, not to IOP" in p for p in problems)


def test_missing_columns_name_the_fix(flow, tmp_path):
    path = write_rows(tmp_path / "cols.csv", [["编号", "名字"], ["n1", "甲"]])
    with pytest.raises(DatasetError, match=r"missing column.*人员编号.*casedu template people"):
        run(flow, "people", path)


def test_dry_run_plan_changes_nothing(flow, tmp_path):
    path = write_rows(tmp_path / "p.csv", [PEOPLE_HEADER, ["n9", "甲"]])
    before = flow.store.state()
    plan = plan_of(flow, "people", path)
    assert "1 to add, 0 to update, 0 unchanged, 0 refused" in plan.report()
    assert flow.store.state() == before


def test_plans_import(flow, tmp_path):
    rows = [["计划编号", "培训名称", "部门", "开始日期", "结束日期", "计划参加人数", "学时",
             "经费开支", "状态"],
            [None, "新计划", "一处", "2026-05-01", "2026-05-02", 30, 16, "2000", "发布"],
            ["P1", "改名", "一处", "2026-03-02", "2026-03-02", 30, 32, "1000.00", "发布"],
            ["P1i", "改实施", "一处", "2026-03-02", "2026-03-02", 30, 32, "1000.00", "发布"]]
    path = write_rows(tmp_path / "plans.xlsx", rows)
    with pytest.raises(DatasetError, match="P1i is implemented"):
        run(flow, "plans", path)
    del rows[3]
    _plan, written = run(flow, "plans", write_rows(tmp_path / "plans2.xlsx", rows))
    assert written == 2
    data = flow.store.state().dataset
    assert data.plan_by_id["P1"].name == "改名"
    new = [p for p in data.plans if p.name == "新计划"]
    assert new and new[0].id.startswith("IOP-TP") and new[0].hours == 16


def test_attendees_import_confirms(flow, tmp_path):
    rows = [["参会人员", "确认参加"], ["a_dept", "是"], ["staff2", "否"], ["s1", "是"]]
    path = write_rows(tmp_path / "att.csv", rows)
    plan, _written = run(flow, "attendees", path, plan="P1")
    assert (len(plan.added), len(plan.updated)) == (2, 1)  # s1 was added, now confirmed
    status = {a.person: a.status for a in flow.store.state().dataset.attendance
              if a.plan == "P1"}
    assert status == {"a_dept": AttendanceStatus.CONFIRMED, "s2": AttendanceStatus.ADDED,
                      "s1": AttendanceStatus.CONFIRMED}
    with pytest.raises(LookupError, match="--plan"):
        plan_of(flow, "attendees", path, plan="nope")


def test_external_batch_is_approved_by_the_importer_and_idempotent(flow, tmp_path):
    rows = [["人员", "类别", "名称", "开始日期", "学时"],
            ["s1", "学术会议", "年会", "2026-10-10", "16"],
            ["staff2", "进修", "访问", "2026/11/1", 48.5]]
    path = write_rows(tmp_path / "ext.xlsx", rows)
    _plan, written = run(flow, "external", path)
    assert written == 2
    records = [r for r in flow.store.state().dataset.external_learning
               if r.title in ("年会", "访问")]
    assert {(r.person, r.hours, r.status, r.reviewer) for r in records} == {
        ("s1", Decimal(16), ExternalStatus.APPROVED, "IOP"),
        ("s2", Decimal("48.5"), ExternalStatus.APPROVED, "IOP")}
    assert plan_of(flow, "external", path).changes == 0


@pytest.mark.parametrize("suffix", [".xlsx", ".ods", ".csv"])
def test_other_digits_and_decimal_commas_are_refused_naming_the_cell(flow, tmp_path, suffix):
    """``4٠`` (an Arabic-Indic zero) was read as 40 and ``40,5`` as 405; full-width digits are
    what an input method types, and are read."""
    rows = [["人员", "类别", "名称", "开始日期", "学时"],
            ["s1", "学术会议", "年会", "2026-10-10", "4٠"],
            ["s1", "学术会议", "年会二", "2026-10-11", "40,5"],
            ["s1", "学术会议", "年会三", "2026-10-12", "４０．５"]]
    before = flow.store.state()
    with pytest.raises(DatasetError) as info:
        run(flow, "external", write_rows(tmp_path / f"ext{suffix}", rows))
    problems = [str(p) for p in info.value.problems]
    assert len(problems) == 2, problems
    assert "row 2 column 学时 value '4٠': holds the digit '٠' (U+0660)" in problems[0]
    assert "row 3 column 学时 value '40,5': a comma only separates thousands" in problems[1]
    assert flow.store.state() == before
    rows[1][4], rows[2][4] = "1,040", "40.5"
    _plan, written = run(flow, "external", write_rows(tmp_path / f"ext2{suffix}", rows))
    assert written == 3
    hours = {r.title: r.hours for r in flow.store.state().dataset.external_learning}
    assert (hours["年会"], hours["年会二"], hours["年会三"]) == (1040, Decimal("40.5"),
                                                            Decimal("40.5"))


def test_online_import(flow, tmp_path):
    rows = [["人员", "课程编号", "课程名称", "学习日期", "学时"],
            ["s1", "c1", "课", "2026-02-01", "1.5"], ["s1", "c1", "课", "2026-02-02", "2"]]
    _, written = run(flow, "online", write_rows(tmp_path / "on.ods", rows))
    assert written == 2
    assert sum(r.hours for r in flow.store.state().dataset.online_learning) == Decimal("3.5")


@pytest.mark.parametrize("suffix", [".xlsx", ".ods", ".csv"])
def test_online_records_of_a_course_over_a_day_are_read(flow, tmp_path, suffix):
    """Portals that aggregate courseware per course send one record of 30 h and more: bounded
    as any record (2,000 h), not as one xAPI session (24 h)."""
    rows = [["人员", "课程编号", "课程名称", "学习日期", "学时"],
            ["s1", "c1", "课", "2026-02-01", "30"], ["s1", "c2", "课二", "2026-02-01", "2000"],
            ["s1", "c3", "课三", "2026-02-01", "2000.5"]]
    with pytest.raises(DatasetError) as info:
        run(flow, "online", write_rows(tmp_path / f"on{suffix}", rows))
    (problem,) = info.value.problems
    assert "row 4" in str(problem) and "hours must be at most 2000" in str(problem)
    del rows[3]
    _, written = run(flow, "online", write_rows(tmp_path / f"on2{suffix}", rows))
    assert written == 2
    assert sorted(r.hours for r in flow.store.state().dataset.online_learning) == [30, 2000]


@pytest.mark.slow
def test_a_ten_thousand_row_roster(flow, tmp_path):
    rows = [PEOPLE_HEADER] + [[f"r{i:05d}", f"职工{i}", "一处", None, "是", "是",
                               "2015-07-01", "职工"] for i in range(10_000)]
    path = write_rows(tmp_path / "big.xlsx", rows)
    before = len(flow.store.state().dataset.people)
    _plan, written = run(flow, "people", path)
    assert written == 10_000
    assert len(flow.store.state().dataset.people) == before + 10_000


STATEMENT = {
    "id": "s-1", "actor": {"account": {"homePage": "https://www.casmooc.cn", "name": "staff1"}},
    "verb": {"id": "http://adlnet.gov/expapi/verbs/terminated"},
    "object": {"id": "https://casmooc.cn/course/c42",
               "definition": {"name": {"zh-CN": "科研诚信", "en-US": "Integrity"}}},
    "result": {"duration": "PT1H30M"}, "timestamp": "2026-06-01T10:00:00+08:00",
}


def statements(*changes):
    out = []
    for i, change in enumerate(changes):
        item = json.loads(json.dumps(STATEMENT))
        item["id"] = f"s-{i}"
        for key, value in change.items():
            item[key] = value
        out.append(item)
    return out


def test_xapi_credits_terminated_and_abandoned_sessions(flow, tmp_path):
    items = statements(
        {},
        {"verb": {"id": "https://w3id.org/xapi/adl/verbs/abandoned"},
         "result": {"duration": "PT20M"}},
        {"verb": {"id": "http://adlnet.gov/expapi/verbs/completed"}},  # overlaps: not credited
        {"actor": {"mbox": "mailto:nobody@x.cn"},
         "verb": {"id": "http://adlnet.gov/expapi/verbs/passed"}},    # not credited either
    )
    items.append(dict(items[0]))  # the same statement id again
    items.append({"id": "v-1", "actor": STATEMENT["actor"],
                  "verb": {"id": "http://adlnet.gov/expapi/verbs/voided"},
                  "object": {"objectType": "StatementRef", "id": "s-1"}})
    path = tmp_path / "lrs.json"
    path.write_text(json.dumps(items), encoding="utf-8")
    state = flow.store.state()
    result = read_statements(path, dataset=state.dataset, accounts=state.accounts,
                             institute="IOP")
    assert [(r.person, r.course, r.title, r.hours, r.date) for r in result.records] == [
        ("s1", "https://casmooc.cn/course/c42", "科研诚信", Decimal("1.50"),
         dt.date(2026, 6, 1))]
    assert len(result.skipped) == 3  # the repeat, the voided session, the voiding statement


def test_xapi_json_lines_and_refusals(flow, tmp_path):
    items = statements({"result": {"duration": "P1M"}},
                       {"actor": {"account": {"name": "ghost"}}})
    path = tmp_path / "lrs.jsonl"
    path.write_text("\n".join(json.dumps(i) for i in items), encoding="utf-8")
    state = flow.store.state()
    with pytest.raises(DatasetError) as info:
        read_statements(path, dataset=state.dataset, accounts=state.accounts, institute="IOP")
    problems = [str(p) for p in info.value.problems]
    assert problems[0].startswith("line 1: a duration in years or months")
    assert problems[1].startswith("line 2: no person for the actor 'ghost'")


def test_progress_is_told_every_thousand_rows(flow, tmp_path):
    rows = [PEOPLE_HEADER] + [[f"q{i}", "某人"] for i in range(2_500)]
    seen: list[int] = []
    state = flow.store.state()
    plan_import("people", write_rows(tmp_path / "p.csv", rows), dataset=state.dataset,
                accounts=state.accounts, institute="IOP", progress=seen.append)
    assert seen == [1000, 2000]


def test_cells_of_thousands_of_characters_are_refused_in_few_words(flow, tmp_path):
    long_number = "1" * 5000  # past the 4,300 digits Python turns into text
    rows = [["计划编号", "培训名称", "部门", "开始日期", "结束日期", "计划参加人数", "学时",
             "经费开支", "状态"],
            [None, "长数", "一处", "2026-05-01", "2026-05-02", long_number, 16, "2000", "发布"],
            [None, "长日期", "一处", "2026-05-01" + "1" * 5000, "2026-05-02", 30, 16, "2000",
             "发布"],
            [None, "长学时", "一处", "2026-05-01", "2026-05-02", 30, "x" * 5000, "2000", "发布"]]
    path = write_rows(tmp_path / "long.csv", rows)
    before = flow.store.state()
    with pytest.raises(DatasetError) as info:
        run(flow, "plans", path)
    problems = [str(p) for p in info.value.problems]
    assert len(problems) == 3, problems
    assert all(len(p) < 300 for p in problems), [len(p) for p in problems]
    assert "row 2 column 计划参加人数" in problems[0] and "(5000 characters)" in problems[0]
    assert "row 3 column 开始日期" in problems[1] and "characters)" in problems[1]
    assert "row 4 column 学时" in problems[2] and "characters)" in problems[2]
    assert flow.store.state() == before
