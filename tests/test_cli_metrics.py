"""`casedu summary`, `casedu backbone` and `casedu check` as SPEC section 7 pins them."""

import json
import re

import pytest

from casedu.cli import main
from tests.builders import spec_example


@pytest.fixture
def data_file(tmp_path):
    value = spec_example()
    # p0002 reaches 104 h with one training of 72 h: eligible, not reported.
    value["people"].append({"id": "p0002", "institute": "IOP", "department": "IOP-D01",
                            "name": "王芳", "in_service": True, "hours_required": True,
                            "hire_date": "2026-01-01"})
    value["attendance"].append({"plan": "tp001", "person": "p0002", "status": "confirmed"})
    value["external_learning"].append({"id": "el002", "person": "p0002", "category": "进修",
                                       "title": "访问学者", "start": "2026-09-01",
                                       "end": "2026-09-20", "hours": 72, "status": "approved"})
    path = tmp_path / "data.json"
    path.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")
    return path


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_summary_json_has_the_pinned_keys(data_file, capsys):
    code, out, _ = run(capsys, "summary", data_file, "--institute", "IOP", "--year", "2026",
                       "--format", "json")
    assert code == 0
    assert json.loads(out) == {
        "institute": "IOP", "year": 2026,
        "total_person_times": 40, "total_person_times_system": 40,
        "plan_execution_rate": "1.0000",
        "completed_count": 0, "required_count": 1,  # p0002 is a new hire of 2026
        "completion_rate": "0.0000",
        "in_service_total": 2, "backbone_reported": 1,
        "backbone_rate": "12.5000",  # 1 / (2 × 4%)
        "total_investment": "350000.00",
        "total_hours": "162.5",  # 58.5 + 104
        "average_hours": "81.25",
    }


def test_summary_table_is_readable(data_file, capsys):
    code, out, _ = run(capsys, "summary", data_file, "--institute", "IOP", "--year", "2026")
    assert code == 0
    assert "中国科学院物理研究所" in out and "职工完训率" in out and "1250.00%" in out


def test_backbone_json(data_file, capsys):
    code, out, _ = run(capsys, "backbone", data_file, "--institute", "IOP", "--year", "2026",
                       "--format", "json")
    assert code == 0
    assert json.loads(out) == {"eligible": [{
        "person": "p0002", "name": "王芳", "department": "IOP-D01", "total_hours": "104",
        "max_single_hours": "72", "reported": False}]}


def test_backbone_person_says_why_not(data_file, capsys):
    code, out, _ = run(capsys, "backbone", data_file, "--institute", "IOP", "--year", "2026",
                       "--person", "p0001", "--format", "json")
    assert code == 0
    result = json.loads(out)
    assert result["eligible"] is False and result["reported"] is True
    assert result["reasons"] == ["58.5 h of 100 needed",
                                 "longest single training 32 h, more than 40 needed"]


def test_backbone_person_text(data_file, capsys):
    code, out, _ = run(capsys, "backbone", data_file, "--institute", "IOP", "--year", "2026",
                       "--person", "p0002")
    assert code == 0
    assert "eligible" in out and "访问学者" in out


def test_backbone_unknown_person_is_bad_data(data_file, capsys):
    code, _, err = run(capsys, "backbone", data_file, "--institute", "IOP", "--year", "2026",
                       "--person", "p9999")
    assert code == 1
    assert "no person 'p9999'" in err


def test_check_exits_1_with_findings_and_0_when_clean(data_file, tmp_path, capsys):
    code, out, _ = run(capsys, "check", data_file, "--institute", "IOP", "--year", "2026",
                       "--today", "2026-12-31")
    assert code == 1
    assert "backbone-not-eligible person p0001" in out
    value = json.loads(data_file.read_text(encoding="utf-8"))
    value["backbone_reports"] = []
    clean = tmp_path / "clean.json"
    clean.write_text(json.dumps(value), encoding="utf-8")
    code, out, _ = run(capsys, "check", clean, "--institute", "IOP", "--year", "2026",
                       "--today", "2026-12-31")
    assert code == 0, out
    assert "nothing to fix" in out


@pytest.mark.parametrize("content", [None, b"{not json", b'{"format": "casedu.dataset", '
                                     b'"version": 1, "people": [{"id": 3}]}'],
                         ids=["missing", "not-json", "bad-record"])
def test_check_that_cannot_read_its_data_exits_3_not_1(tmp_path, capsys, content):
    """A script tells "the year has problems" (1) from "the data cannot be read" (3), as it tells
    both from a bad command line (2)."""
    path = tmp_path / "data.json"
    if content is not None:
        path.write_bytes(content)
    code, out, err = run(capsys, "check", path, "--institute", "IOP", "--year", "2026")
    assert code == 3 and out == "" and str(path) in err and "Traceback" not in err


def test_check_with_an_unknown_institute_exits_3(data_file, capsys):
    code, _, err = run(capsys, "check", data_file, "--institute", "XYZ", "--year", "2026")
    assert code == 3 and "no institute 'XYZ'" in err


def test_check_help_lists_its_exit_statuses(capsys):
    with pytest.raises(SystemExit):
        main(["check", "--help"])
    out = capsys.readouterr().out
    for code, words in ((0, "nothing to fix"), (1, "something to fix"), (2, "bad usage"),
                        (3, "the data cannot be read")):
        assert re.search(rf"^ +{code} +{words}", out, re.MULTILINE), (code, out)


@pytest.mark.parametrize(
    "argv",
    [["summary", "x.json", "--institute", "IOP"],
     ["summary", "x.json", "--institute", "IOP", "--year", "twenty"],
     # int() takes every script's digits and spaces: a year is four ASCII digits
     ["summary", "x.json", "--institute", "IOP", "--year", "٢٠٢٦"],
     ["summary", "x.json", "--institute", "IOP", "--year", "２０２６"],
     ["summary", "x.json", "--institute", "IOP", "--year", " 2026"],
     ["summary", "x.json", "--institute", "IOP", "--year", "2_026"],
     ["check", "x.json", "--institute", "IOP", "--year", "2026", "--today", "٢٠٢٦-01-01"],
     ["summary", "x.json", "--institute", "IOP", "--year", "2026", "--format", "xml"],
     ["check", "x.json", "--institute", "IOP", "--year", "2026", "--today", "yesterday"]],
)
def test_bad_usage_exits_2(argv, capsys):
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2


def test_unknown_institute_exits_1_without_traceback(data_file, capsys):
    code, _, err = run(capsys, "summary", data_file, "--institute", "XYZ", "--year", "2026")
    assert code == 1
    assert "no institute 'XYZ'" in err and "Traceback" not in err


def test_bad_dataset_names_file_and_place(tmp_path, capsys):
    value = spec_example()
    value["plans"][0]["hours"] = "-3"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(value), encoding="utf-8")
    code, _, err = run(capsys, "summary", path, "--institute", "IOP", "--year", "2026")
    assert code == 1
    assert "bad.json" in err and "plans[0].hours" in err
