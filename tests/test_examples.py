"""The examples of examples/ run: a web service serving a summary from a workspace without
touching the disk, a notebook building DataFrames, and a third-party export format."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from casedu.sample import sample_dataset
from casedu.store import SqliteStore
from tests.exporters.test_pdf import needs_font
from tests.plugins import declare

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture
def client(tmp_path, monkeypatch):
    from fastapi.testclient import TestClient

    from examples.service import app

    workspace = tmp_path / "iop.casedu"
    SqliteStore.open(workspace, create=True).replace_all(sample_dataset())
    monkeypatch.setenv("CASEDU_WORKSPACE", str(workspace))
    return TestClient(app), tmp_path


def test_the_service_serves_the_summary_as_json(client):
    http, _ = client
    answer = http.get("/summary/DEMO/2026")
    assert answer.status_code == 200
    figures = answer.json()
    assert figures["institute"] == "DEMO" and figures["year"] == 2026
    assert figures["in_service_total"] > 0 and figures["completion_rate"].startswith("0.")
    assert http.get("/summary/NOPE/2026").status_code == 404
    assert http.get("/summary/DEMO/twenty").status_code == 422  # never all-zero figures


@pytest.mark.parametrize("path", ["/summary/DEMO/99999", "/summary/DEMO/1800",
                                  "/summary/DEMO/99999.xlsx"])
def test_a_callers_mistake_is_answered_4xx_not_500(client, path):
    http, _ = client
    answer = http.get(path)
    assert answer.status_code == 422, answer.text
    assert "year" in answer.json()["detail"]


@pytest.mark.parametrize(("fmt", "magic", "media"), [
    ("xlsx", b"PK", "spreadsheetml"), ("ods", b"PK", "opendocument.spreadsheet"),
    pytest.param("pdf", b"%PDF", "application/pdf", marks=needs_font),
    ("csv", b"\xef\xbb\xbf", "text/csv"),
])
def test_the_service_serves_files_without_touching_the_disk(client, fmt, magic, media):
    http, folder = client
    before = sorted(p.name for p in folder.iterdir())
    answer = http.get(f"/summary/DEMO/2026.{fmt}")
    assert answer.status_code == 200 and answer.content.startswith(magic)
    assert media in answer.headers["content-type"]
    assert f"summary-DEMO-2026.{fmt}" in answer.headers["content-disposition"]
    assert sorted(p.name for p in folder.iterdir()) == before
    assert http.get("/summary/DEMO/2026.docx").status_code == 404


def test_the_notebook_builds_frames():
    from decimal import Decimal

    from examples.notebook import frames, hours_by_department, hours_over_years

    built = frames()
    assert set(built) == {"figures", "backbone", "overview"}
    assert str(built["overview"]["total_hours"].dtype) == "decimal128(38, 2)[pyarrow]"
    sums = hours_by_department()
    assert len(sums) > 3 and (sums > 0).all()
    overview = built["overview"]
    assert sums.sum() == sum((h for h, a in zip(overview["total_hours"], overview["assessed"],
                                                 strict=True) if a), Decimal(0))
    wide = hours_over_years()
    assert list(wide.columns) == [2025, 2026] and wide[2026].sum() == overview[
        "total_hours"].sum()


@pytest.fixture
def markdown_plugin(tmp_path, monkeypatch):
    """The example plugin as pip would install it: its module on the path and a .dist-info
    declaring its entry point."""
    declare(tmp_path, "casedu-markdown", {"md": "casedu_markdown:MarkdownExporter"})
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.syspath_prepend(str(EXAMPLES / "casedu_markdown"))
    yield
    sys.modules.pop("casedu_markdown", None)


def test_the_plugin_is_found_and_exports(markdown_plugin, tmp_path, capsys):
    from casedu.cli import main
    from casedu.dataset import save_dataset

    data = tmp_path / "data.json"
    save_dataset(sample_dataset(), data)
    assert main(["formats"]) == 0
    assert "casedu-markdown" in capsys.readouterr().out
    out = tmp_path / "培训.md"
    assert main(["export", "class-stats", str(data), "--institute", "DEMO", "--year", "2026",
                 "--output", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# 培训项目执行情况表") and "【未实施】" in text


def test_the_plugin_passes_mypy_strict():
    checked = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--no-incremental",
                              str(EXAMPLES / "casedu_markdown" / "casedu_markdown.py")],
                             capture_output=True, text=True, check=False)
    assert checked.returncode == 0, checked.stdout + checked.stderr
