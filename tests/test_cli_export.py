"""`casedu export` and `casedu demo`."""

import json

import openpyxl
import pytest

from casedu.cli import main
from casedu.dataset import save_dataset
from casedu.reports import REPORTS
from tests.exporters.conftest import hostile_dataset


@pytest.fixture
def data_file(tmp_path):
    path = tmp_path / "data.json"
    save_dataset(hostile_dataset(), path)
    return path


def scope(data_file):
    return [str(data_file), "--institute", "IOP", "--year", "2026"]


@pytest.mark.parametrize("report", list(REPORTS))
def test_export_every_report_as_json(report, data_file, tmp_path, capsys):
    out = tmp_path / f"{report}.json"
    argv = ["export", report, *scope(data_file), "--format", "json", "--output", str(out),
            "--person", "p1"]
    assert main(argv) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["year"] == 2026
    assert "wrote" in capsys.readouterr().out


def test_export_xlsx(data_file, tmp_path):
    out = tmp_path / "cs.xlsx"
    assert main(["export", "class-stats", *scope(data_file), "--format", "xlsx",
                 "--output", str(out)]) == 0
    assert openpyxl.load_workbook(out).active["A1"].value == "培训项目执行情况表"


@pytest.mark.parametrize(
    ("extra", "message"),
    [(["--format", "docx"], "no format 'docx'"), (["--format", "csv"], "needs --person")],
)
def test_export_usage_errors(extra, message, data_file, tmp_path, capsys):
    argv = ["export", "archive", *scope(data_file), "--output", str(tmp_path / "x"), *extra]
    assert main(argv) == 2
    assert message in capsys.readouterr().err


def test_export_into_a_missing_folder_is_an_error_not_a_traceback(data_file, tmp_path, capsys):
    argv = ["export", "summary", *scope(data_file), "--format", "csv", "--output",
            str(tmp_path / "no" / "such" / "dir" / "s.csv")]
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "s.csv" in err


def test_demo_writes_every_report_in_every_format(tmp_path, capsys):
    folder = tmp_path / "demo"
    assert main(["demo", "--output", str(folder)]) == 0
    names = {p.name for p in folder.iterdir()}
    for report in REPORTS:
        for suffix in (".csv", ".json", ".html", ".xlsx", ".ods", ".pdf"):
            assert f"{report}{suffix}" in names
    assert "dataset.json" in names
    assert not [n for n in names if n.endswith(".part")]
    out = capsys.readouterr().out
    assert out.count("wrote ") == len(names)
    assert main(["summary", str(folder / "dataset.json"), "--institute", "DEMO",
                 "--year", "2026"]) == 0


@pytest.fixture
def sample_file(tmp_path):
    from casedu.sample import sample_dataset

    path = tmp_path / "data.json"
    save_dataset(sample_dataset(), path)
    return path


def test_the_suffix_names_the_format_and_a_mismatch_is_bad_usage(sample_file, tmp_path,
                                                                  capsys):
    scope = [str(sample_file), "--institute", "DEMO", "--year", "2026"]
    out = tmp_path / "总结.XLSX"
    assert main(["export", "summary", *scope, "--output", str(out)]) == 0
    assert out.read_bytes()[:2] == b"PK"
    wrong = tmp_path / "x.pdf"
    assert main(["export", "summary", *scope, "--format", "xlsx", "--output", str(wrong)]) == 2
    assert "names pdf" in capsys.readouterr().err and not wrong.exists()
    assert main(["export", "summary", *scope, "--output", str(tmp_path / "x.doc")]) == 2
    assert "--format is needed" in capsys.readouterr().err
    assert main(["export", "summary", *scope, "--format", "CSV", "--output",
                 str(tmp_path / "x.csv")]) == 0


def test_output_dash_writes_to_standard_output(sample_file, capsysbinary):
    code = main(["export", "summary", str(sample_file), "--institute", "DEMO", "--year",
                 "2026", "--format", "json", "--output", "-"])
    captured = capsysbinary.readouterr()
    assert code == 0
    document = json.loads(captured.out.decode("utf-8"))
    assert document["title"] == "继续教育与培训工作总结"
    assert b"standard output" in captured.err


def test_help_shows_examples_exit_codes_and_completion(capsys):
    with pytest.raises(SystemExit) as info:
        main(["--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    assert "examples:" in out and "exit status:" in out and "2  bad usage" in out
    with pytest.raises(SystemExit):
        main(["--print-completion", "bash"])
    script = capsys.readouterr().out
    assert "casedu" in script and "complete" in script
    # every command's options, though the command line named none of them
    assert all(option in script for option in ("--pdf-font", "--dry-run", "--system-person-times"))


def test_formats_as_json(capsys):
    assert main(["formats", "--format", "json"]) == 0
    found = {f["name"]: f for f in json.loads(capsys.readouterr().out)}
    assert found["xlsx"]["usable"] and found["xlsx"]["suffix"] == ".xlsx"
    assert found["pdf"]["media_type"] == "application/pdf"


def test_a_year_without_anything_in_it_is_warned_about(sample_file, capsys):
    scope = [str(sample_file), "--institute", "DEMO"]
    assert main(["summary", *scope, "--year", "2031"]) == 0
    assert "no plans and no learning records in 2031" in capsys.readouterr().err
    assert main(["summary", *scope, "--year", "2026"]) == 0
    assert "warning" not in capsys.readouterr().err


def test_several_institute_years_in_one_file(sample_file, tmp_path, capsys):
    from odf import table as odf_table
    from odf.opendocument import load
    from pypdf import PdfReader

    from tests.exporters.test_pdf import has_font

    scope = [str(sample_file), "--institute", "DEMO", "--year", "2025", "--year", "2026"]
    xlsx = tmp_path / "two.xlsx"
    assert main(["export", "summary", *scope, "--output", str(xlsx)]) == 0
    assert openpyxl.load_workbook(xlsx).sheetnames == ["DEMO 2025", "DEMO 2026"]
    ods = tmp_path / "two.ods"
    assert main(["export", "class-stats", *scope, "--output", str(ods)]) == 0
    names = [t.getAttribute("name") for t in load(str(ods)).spreadsheet.getElementsByType(
        odf_table.Table)]
    assert names == ["DEMO 2025", "DEMO 2026"]
    if has_font():
        pdf = tmp_path / "two.pdf"
        assert main(["export", "summary", *scope, "--output", str(pdf)]) == 0
        text = "\n".join(p.extract_text() for p in PdfReader(str(pdf)).pages)
        assert "2025年度" in text and "2026年度" in text
        assert text.count("负责人（签字）") == 2  # a signature block each
    capsys.readouterr()
    assert main(["export", "summary", *scope, "--output", str(tmp_path / "two.csv")]) == 2
    assert "one xlsx, ods or pdf" in capsys.readouterr().err


def test_the_staff_overview_of_one_department(sample_file, tmp_path, capsys):
    from casedu.sample import sample_dataset

    data = sample_dataset()
    department = data.departments[0].id
    members = {p.id for p in data.people if p.department == department}
    out = tmp_path / "dept.xlsx"
    assert main(["export", "staff-overview", str(sample_file), "--institute", "DEMO",
                 "--year", "2026", "--department", department, "--output", str(out)]) == 0
    sheet = openpyxl.load_workbook(out).active
    # the person's id after 序号
    listed = {r[1].value for r in sheet.iter_rows() if str(r[1].value).startswith("P0")}
    assert listed == members
    assert main(["export", "summary", str(sample_file), "--institute", "DEMO", "--year",
                 "2026", "--department", department, "--output", str(out)]) == 2
    assert "--department is for the staff-overview" in capsys.readouterr().err
