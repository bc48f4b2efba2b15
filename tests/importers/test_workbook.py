"""A whole dataset kept as one workbook is DATA for every command."""

import json

import openpyxl
import pytest

from casedu.cli import main
from casedu.errors import DatasetError
from casedu.importers import write_template
from casedu.importers.workbook import read_workbook


def filled(tmp_path, suffix=".xlsx"):
    path = write_template("workbook", tmp_path / f"wb{suffix}")
    workbook = openpyxl.load_workbook(path)
    workbook["研究所"].append(["IOP", "中国科学院物理研究所"])
    workbook["人员"].append([None, "p1", "张伟", "综合处", None, "是", "是", "2015-07-01"])
    workbook["人员"].append([None, "p2", "王芳", "综合处", None, "是", "是", "2026-01-01"])
    plan = {"计划编号": "tp1", "培训名称*": "安全培训", "开始日期*": "2026-03-02",
            "结束日期*": "2026-03-06", "计划参加人数*": 40, "学时*": 32, "经费开支": 12000,
            "状态": "发布", "是否已实施": "是", "实际参会人数": 38, "实际工作人数": 4,
            "培训成效": "很好"}
    header = [c.value for c in workbook["培训计划"][1]]
    workbook["培训计划"].append([plan.get(h) for h in header])
    workbook["参会记录"].append(["tp1", "张伟", "是"])
    workbook["参会记录"].append(["tp1", "p2", "是"])
    workbook["外部学习"].append([None, "p2", "进修", "访问", "2026-09-01", "2026-09-20", 72])
    workbook["外部学习"].append([None, "p1", "学术会议", "年会", "2026-05-01", None, 24, "已通过"])
    workbook["在线学习"].append(["p1", "c123", "科研诚信", "2026-06-01", 2.5])
    workbook["骨干人才"].append([None, 2026, "p2", "2026-12-01"])
    workbook["年度总结"].append([None, 2026, "350000.00", None])
    workbook.save(path)
    return path


def test_a_workbook_gives_the_figures_of_the_rules(tmp_path, capsys):
    path = filled(tmp_path)
    assert main(["summary", str(path), "--institute", "IOP", "--year", "2026",
                 "--format", "json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["total_hours"] == "162.5"  # 32 + 24 + 2.5 for p1, 32 + 72 for p2
    assert figures["required_count"] == 1  # p2 was hired in 2026
    assert figures["plan_execution_rate"] == "1.0000"
    assert figures["total_investment"] == "350000.00"
    data = read_workbook(path)
    assert data.plan_by_id["tp1"].implementation.attendees == 38
    assert {d.name for d in data.departments} == {"综合处"}


def test_a_workbook_makes_a_workspace(tmp_path, capsys):
    path = filled(tmp_path)
    assert main(["init", str(tmp_path / "w.casedu"), "--from", str(path)]) == 0


def test_every_problem_of_a_workbook(tmp_path):
    path = filled(tmp_path)
    workbook = openpyxl.load_workbook(path)
    workbook["人员"].append([None, "p3", None, None, None, "也许"])
    workbook["参会记录"].append(["tp9", "p1", "是"])
    workbook.save(path)
    with pytest.raises(DatasetError) as info:
        read_workbook(path)
    problems = [str(p) for p in info.value.problems]
    assert "sheet '人员' row 4 column 姓名: required, but empty" in problems
    assert any("row 4 column 是否在职 value '也许'" in p for p in problems)
    assert any("attendance[2].plan: no plan 'tp9'" in p for p in problems)


def test_a_workbook_needs_its_institute_sheet(tmp_path):
    path = tmp_path / "plain.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.append(["x"])
    workbook.save(path)
    with pytest.raises(DatasetError, match="研究所"):
        read_workbook(path)
