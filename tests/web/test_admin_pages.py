"""系统管理 → 数据检查 (what check reports, each linking to where it is fixed) and 审计日志
(the institute's audit, filtered)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from casedu.metrics import check_year
from tests.services.world import world_dataset
from tests.web.site import Site


def _client():
    site = Site()
    client = site.client()
    client.login("IOP")
    return site, client


def test_the_checks_are_the_librarys_each_linking_to_where_it_is_fixed():
    _, client = _client()
    page = client.get("/admin/checks")
    assert page.status_code == 200 and "<h1>数据检查</h1>" in page.text
    expected = check_year(world_dataset(), "IOP", 2026, today=dt.date(2026, 12, 20))
    rows = re.findall(r"<tr>\s*<td>([^<]+)</td>\s*<td>([^<]+)</td>", page.text)
    assert [r[1] for r in rows] == [f.record for f in expected]
    assert '<a href="/plans?year=2026&amp;implemented=no">前往本机构计划</a>' in page.text
    assert '<a href="/stats/summaries">前往年度培训总结</a>' in page.text
    assert f"{len(expected)} 个问题" in page.text


def test_a_year_without_problems_says_so():
    _, client = _client()
    client.post("/stats/summaries/2025/save", {"total_investment": "10.00"})
    page = client.get("/admin/checks?year=2025")
    assert "没有发现问题" in page.text


def test_the_audit_is_the_institutes_newest_first_and_filtered():
    site, client = _client()
    client.post("/stats/summaries/new", {"year": "2026"})
    other = site.client()
    other.login("dept1")
    other.get("/stats/summaries")  # refused: audited as denied
    page = client.get("/admin/audit")
    rows = re.findall(r"<tr>\s*<td>[^<]*</td>\s*<td>([^<]*)</td>\s*<td>[^<]*</td>\s*"
                      r"<td>([^<]*)</td>", page.text)
    assert rows == [("dept1", "view_reports"), ("dept1", "start_session"),
                    ("IOP", "create_summary"), ("IOP", "start_session")]
    denied = client.get("/admin/audit?outcome=denied")
    assert "dept1" in denied.text and "被拒绝" in denied.text
    assert "create_summary" not in denied.text
    mine = client.get("/admin/audit?actor=IOP&action=create_summary")
    assert "summaries:IOP/2026" in mine.text and "共 1 条" in mine.text
    assert "共 0 条" in client.get("/admin/audit?until=2026-12-19").text
    assert "共 1 条" in client.get(
        "/admin/audit?since=2026-12-20&until=2026-12-20&action=create_summary").text
    assert "IOA" not in client.get("/admin/audit").text


@pytest.mark.parametrize("query", ["since=2026-13-01", "until=yesterday"])
def test_a_date_that_is_not_one_is_refused_by_its_label(query):
    _, client = _client()
    answer = client.get(f"/admin/audit?{query}")
    assert answer.status_code == 400 and ("开始日期" in answer.text or "结束日期" in answer.text)


def test_money_on_the_pages_is_written_as_casedu_writes_money():
    from decimal import Decimal

    from casedu.quantities import money_text
    from casedu.web.portal import _money

    for value in (Decimal("-0.00"), Decimal("0"), Decimal("1E+3"), Decimal("1234567.5")):
        assert _money(value) == money_text(value)
    assert _money(Decimal("-0.00")) == "0.00" and _money(None) == ""
