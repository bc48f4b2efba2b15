"""Money (经费开支, 单位投入总经费) has exactly two decimals in every output, whichever path the
figures took: a dataset file, a workspace, a database server (R12, SPEC section 9)."""

from __future__ import annotations

import csv
import json
from decimal import Decimal

import openpyxl
import pytest
from odf import teletype
from odf.namespaces import OFFICENS
from odf.opendocument import load
from odf.table import TableCell
from pypdf import PdfReader

from casedu.dataset import dataset_to_json, load_dataset
from casedu.model import AnnualSummary, Implementation
from casedu.quantities import money_text
from tests.builders import spec_example
from tests.test_cli_database import databases  # noqa: F401 - a fixture
from tests.test_cli_workspace import run

AMOUNT = "1234567.00"
SHOWN = "1,234,567.00"


def whole_yuan(tmp_path):
    """The dataset of SPEC section 6 with amounts of whole yuan, as numbers and as text."""
    value = spec_example()
    value["plans"][0]["expense"] = 1234567
    value["plans"][0]["implementation"]["expense"] = "1234567"
    value["summaries"][0]["total_investment"] = 1234567
    path = tmp_path / "data.json"
    path.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.parametrize(("value", "text", "shown"), [
    (Decimal(1234567), AMOUNT, SHOWN), (Decimal("1234567.5"), "1234567.50", "1,234,567.50"),
    (Decimal("0"), "0.00", "0.00"), (Decimal("0.05"), "0.05", "0.05"),
    (Decimal("9999999999.99"), "9999999999.99", "9,999,999,999.99"),
    (Decimal("1.2E+3"), "1200.00", "1,200.00"),
])
def test_money_text(value, text, shown):
    assert money_text(value) == text
    assert money_text(value, grouped=True) == shown


def test_the_model_keeps_money_with_its_fen():
    """However it is given, an amount is held as yuan with two decimals: every path that
    writes it out as it is (dataset files, JSON) gives its fen."""
    summary = AnnualSummary(institute="IOP", year=2026, total_investment=Decimal(1234567))
    assert str(summary.total_investment) == AMOUNT
    assert str(Implementation(attendees=1, staff=1, expense=Decimal("5.5")).expense) == "5.50"
    with pytest.raises(ValueError, match="at most two decimals"):
        AnnualSummary(institute="IOP", year=2026, total_investment=Decimal("1.005"))


def test_a_dataset_file_is_written_with_the_fen(tmp_path):
    text = dataset_to_json(load_dataset(whole_yuan(tmp_path)))
    value = json.loads(text)
    assert value["plans"][0]["expense"] == AMOUNT
    assert value["plans"][0]["implementation"]["expense"] == AMOUNT
    assert value["summaries"][0]["total_investment"] == AMOUNT


def _target(kind, tmp_path, capsys, urls):
    data = whole_yuan(tmp_path)
    if kind == "file":
        return data
    target = tmp_path / "ws.casedu" if kind == "workspace" else urls[kind]
    code, _, err = run(capsys, "init", target, "--from", data)
    assert code == 0, err
    return target


@pytest.fixture(params=["file", "workspace", "postgresql", "mariadb"])
def target(request, tmp_path, capsys):
    urls = request.getfixturevalue("databases") if request.param in ("postgresql",
                                                                     "mariadb") else {}
    return _target(request.param, tmp_path, capsys, urls)


def test_every_output_gives_money_two_decimals(target, tmp_path, capsys):
    scope = ("--institute", "IOP", "--year", "2026")
    code, out, err = run(capsys, "summary", target, *scope, "--format", "json")
    assert code == 0, err
    assert json.loads(out)["total_investment"] == AMOUNT
    code, out, _ = run(capsys, "summary", target, *scope)
    assert code == 0 and SHOWN in out

    def export(report, suffix):
        path = tmp_path / f"{report}.{suffix}"
        code, _, err = run(capsys, "export", report, target, *scope, "--output", path)
        assert code == 0, err
        return path

    (stats,) = json.loads(export("class-stats", "json").read_text(encoding="utf-8"))["blocks"]
    assert [row["expense"] for row in stats["rows"]] == [AMOUNT]
    assert stats["totals"]["expense"] == AMOUNT
    summary = json.loads(export("summary", "json").read_text(encoding="utf-8"))["blocks"][0]
    # the amount's label names its unit
    assert {r["figure"]: r["value"] for r in summary["rows"]}["单位投入总经费（元）"] == AMOUNT
    with export("class-stats", "csv").open(encoding="utf-8-sig", newline="") as stream:
        cells = [cell for row in csv.reader(stream) for cell in row]
    assert cells.count(AMOUNT) == 2 and "1234567" not in cells
    assert SHOWN in export("class-stats", "html").read_text(encoding="utf-8")
    assert SHOWN in export("summary", "html").read_text(encoding="utf-8")
    pdf = PdfReader(str(export("class-stats", "pdf")))
    assert SHOWN in "".join(page.extract_text() for page in pdf.pages)
    sheet = openpyxl.load_workbook(export("class-stats", "xlsx")).active
    money = [c for row in sheet.iter_rows() for c in row if c.value == 1234567]
    assert len(money) == 2 and {c.number_format for c in money} == {"#,##0.00"}
    document = load(str(export("class-stats", "ods")))
    shown = [teletype.extractText(c) for c in document.getElementsByType(TableCell)
             if (c.getAttrNS(OFFICENS, "value") or "x")[0].isdigit()
             and Decimal(c.getAttrNS(OFFICENS, "value")) == 1234567]
    assert shown == [SHOWN, SHOWN]


def test_a_submitted_summary_keeps_its_investment_with_the_fen(tmp_path, capsys):
    workspace = _target("workspace", tmp_path, capsys, {})
    scope = ("--institute", "IOP")
    assert run(capsys, "summary-create", workspace, "--year", "2027", *scope)[0] == 0
    code, out, err = run(capsys, "summary-edit", workspace, "--year", "2027", "--investment",
                         "88000", *scope)
    assert code == 0, err
    assert "investment 88000.00" in out
    assert run(capsys, "summary-submit", workspace, "--year", "2027", *scope)[0] == 0
    code, out, _ = run(capsys, "summary", workspace, "--institute", "IOP", "--year", "2027",
                       "--format", "json")
    assert json.loads(out)["total_investment"] == "88000.00"
