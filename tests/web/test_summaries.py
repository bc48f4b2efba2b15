"""培训统计 → 年度培训总结: the list, 新建总结, the form with the system's figures grey and
read-only, 保存, 刷新数据, 提交 (frozen afterwards), and several ticked, 导出 then 下载."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from casedu.metrics import annual_figures
from tests.services.world import world_dataset
from tests.web.files import file_name, ods_rows, pdf_text, records, xlsx_rows, xlsx_sheets
from tests.web.site import Site


def _site():
    site = Site()
    client = site.client()
    client.login("IOP")
    return site, client


def _summary(site, year):
    return site.store.state().dataset.summary("IOP", year)


def _inputs(html):
    """Each figure's input: (id, name or None, value, readonly)."""
    found = []
    for tag in re.findall(r"<input id=\"f-[^>]+>", html):
        name = re.search(r'name="([^"]+)"', tag)
        found.append((re.search(r'id="f-([^"]+)"', tag).group(1),
                      name.group(1) if name else None,
                      re.search(r'value="([^"]*)"', tag).group(1), "readonly" in tag))
    return found


def test_a_new_summary_shows_the_systems_figures_read_only_and_two_fields_editable():
    _, client = _site()
    answer = client.post("/stats/summaries/new", {"year": "2026"})
    assert answer.status_code == 303
    assert answer.headers["location"] == "/stats/summaries/2026?done=summary_created"
    page = client.get(answer.headers["location"])
    assert "已新建年度培训总结" in page.text and "灰色部分为系统抽取数据" in page.text
    inputs = _inputs(page.text)
    assert [i[0] for i in inputs] == [
        "total_person_times", "plan_execution_rate", "completed_count", "required_count",
        "completion_rate", "in_service_total", "backbone_rate", "total_investment",
        "total_hours", "average_hours"]
    editable = {i[0] for i in inputs if not i[3]}
    assert editable == {"total_person_times", "total_investment"}
    assert all('class="system"' in tag for tag in re.findall(r"<input[^>]+readonly>", page.text))
    figures = annual_figures(world_dataset(), "IOP", 2026).to_json()
    shown = {i[0]: i[2] for i in inputs}
    assert shown["completed_count"] == str(figures["completed_count"])
    rate = Decimal(figures["plan_execution_rate"])
    assert shown["plan_execution_rate"] == "50.00%" == f"{rate:.2%}"
    assert f"系统抽取：{figures['total_person_times_system']}" in page.text
    twice = client.post("/stats/summaries/new", {"year": "2026"})
    assert twice.status_code == 400 and "already" in twice.text


def test_save_refresh_and_submit_then_it_is_frozen():
    site, client = _site()
    client.post("/stats/summaries/new", {"year": "2026"})
    saved = client.post("/stats/summaries/2026/save",
                        {"total_person_times": "150", "total_investment": "350000.5"})
    assert saved.status_code == 303
    assert saved.headers["location"].endswith("done=summary_saved")
    summary = _summary(site, 2026)
    assert summary.total_person_times == 150 and summary.total_investment == Decimal("350000.50")
    assert summary.figures["total_person_times"] == 150
    refreshed = client.post("/stats/summaries/2026/refresh",
                            {"total_person_times": "150", "total_investment": "350000.50"})
    assert refreshed.headers["location"].endswith("done=summary_refreshed")
    assert "已刷新数据" in client.get(refreshed.headers["location"]).text
    done = client.post("/stats/summaries/2026/submit",
                       {"total_person_times": "", "total_investment": "350000.50"})
    assert done.status_code == 303
    assert done.headers["location"].endswith("done=summary_submitted")
    summary = _summary(site, 2026)
    assert summary.submitted and summary.total_person_times is None  # emptied: the system's
    page = client.get("/stats/summaries/2026")
    assert "总结已冻结" in page.text and "提交</button>" not in page.text
    assert all(i[3] for i in _inputs(page.text))
    before = site.store.state()
    for action in ("save", "refresh", "submit"):
        again = client.post(f"/stats/summaries/2026/{action}", {"total_investment": "1.00"})
        assert again.status_code == 400 and "frozen" in again.text
    assert site.store.state() == before


def test_submitting_without_the_investment_comes_back_with_why_and_keeps_what_was_typed():
    site, client = _site()
    client.post("/stats/summaries/new", {"year": "2026"})
    answer = client.post("/stats/summaries/2026/submit",
                         {"total_person_times": "99", "total_investment": ""})
    assert answer.status_code == 400 and "未能提交" in answer.text
    assert "单位投入总经费" in answer.text
    assert _summary(site, 2026).total_person_times == 99 and not _summary(site, 2026).submitted
    assert 'value="99"' in answer.text


@pytest.mark.parametrize(("form", "field"), [
    ({"total_investment": "-1"}, "单位投入总经费"),
    ({"total_investment": "abc"}, "单位投入总经费"),
    ({"total_person_times": "1.5"}, "单位培训总人次"),
])
def test_a_bad_value_is_refused_by_its_label_and_changes_nothing(form, field):
    site, client = _site()
    before = site.store.state()
    answer = client.post("/stats/summaries/2025/save", form)
    assert answer.status_code == 400 and field in answer.text
    assert site.store.state() == before


@pytest.mark.parametrize("path", ["/stats/summaries/1999", "/stats/summaries/abcd",
                                  "/stats/summaries/20255"])
def test_a_year_without_a_summary_is_not_found(path):
    _, client = _site()
    assert client.get(path).status_code == 404
    assert client.post(f"{path}/refresh").status_code == 404


def test_the_list_ticks_and_exports_several_years_in_one_file():
    _, client = _site()
    client.post("/stats/summaries/new", {"year": "2026"})
    listing = client.get("/stats/summaries")
    assert re.findall(r'name="year" value="(\d+)"', listing.text)[-2:] == ["2026", "2025"]
    assert client.get("/stats/summaries/export").status_code == 400  # nothing ticked
    assert client.get("/stats/summaries/export?year=2024").status_code == 404
    export = client.get("/stats/summaries/export?year=2026&year=2025")
    assert export.status_code == 200 and "将导出 2 份" in export.text
    answer = client.get("/stats/summaries/download?year=2025&year=2026&format=xlsx")
    assert file_name(answer) == "IOP-继续教育与培训工作总结-2025-2026.xlsx"
    assert xlsx_sheets(answer.content) == ["2025年度", "2026年度"]
    figures = annual_figures(world_dataset(), "IOP", 2026)
    values = {r["数据"]: r["数值"] for r in records(xlsx_rows(answer.content, sheet=1), "数据")}
    assert int(values["单位在职总人数"]) == len(figures.in_service)


@pytest.mark.parametrize("fmt", ["ods", "pdf"])
def test_one_summary_downloads_in_each_format(fmt):
    _, client = _site()
    answer = client.get(f"/stats/summaries/download?year=2025&format={fmt}")
    assert answer.status_code == 200 and file_name(answer).endswith(f"-2025.{fmt}")
    if fmt == "pdf":
        assert "继续教育与培训工作总结" in pdf_text(answer.content)
    else:
        values = {r["数据"]: r["数值"] for r in records(ods_rows(answer.content), "数据")}
        assert values["单位投入总经费（元）"] == "1,000.00"
