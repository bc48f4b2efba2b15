"""The manual's year-end tasks in a real browser, as the institute admin: 培训班统计表 exported;
backbone talents reported and their table downloaded; the summary created, refreshed, edited,
submitted and exported. Each downloaded file is opened and its figures checked against the
library's own; every page is screenshotted (docs/web.md)."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from casedu.metrics import annual_figures, class_stats, screen_backbone
from tests.web.files import records, xlsx_rows, xlsx_sheets
from tests.web.year_end_site import log_in, log_out, year_end_data, year_end_site


@pytest.fixture(scope="module")
def site():
    with year_end_site() as served:
        yield served


def _download(page, click):
    with page.expect_download() as info:
        click()
    download = info.value
    return download.suggested_filename, open(download.path(), "rb").read()


def test_class_statistics_are_shown_marked_and_exported(site, page, shoot):
    address, _store, who = site
    log_in(page, address, who.admin)
    page.get_by_role("link", name="培训班统计表").first.click()
    page.wait_for_url(f"{address}/stats/classes")
    expected = class_stats(year_end_data(), "DEMO", 2026)
    rows = page.locator("table.report tbody tr")
    assert rows.count() == len(expected) + 1
    marked = page.locator("tr.not-implemented")
    assert marked.count() == sum(1 for r in expected if not r.implemented) > 0
    for index in range(marked.count()):
        assert marked.nth(index).locator("td").nth(1).inner_text().startswith("【未实施】")
    colour = marked.first.locator("td").first.evaluate(
        "cell => getComputedStyle(cell).backgroundColor")
    assert colour == "rgb(251, 217, 217)"
    shoot(page, "class-stats")
    page.get_by_label("格式").select_option("xlsx")
    name, body = _download(page, lambda: page.get_by_role("button", name="导出").click())
    assert name == "DEMO-培训项目执行情况表-2026.xlsx"
    table = {r["培训名称"]: r for r in records(xlsx_rows(body), "培训名称")}
    for row in expected:
        found = table[row.figures.name]
        assert (found["标记"] or "") == ("" if row.implemented else "【未实施】")
        assert (found["参会人数"], found["工作人数"]) == (row.figures.attendees, row.figures.staff)
        assert Decimal(str(found["经费开支（元）"])) == row.figures.expense


def test_backbone_talents_are_reported_and_their_table_downloaded(site, page, shoot):
    address, store, who = site
    log_in(page, address, who.admin)
    page.get_by_role("link", name="骨干人才筛选上报表").first.click()
    page.wait_for_url(f"{address}/stats/backbone")
    screen = screen_backbone(store.state().dataset, "DEMO", 2026)
    unreported = [c for c in screen.eligible if not c.reported][:3]
    assert len(unreported) == 3
    page.get_by_label(f"上报 {unreported[0].person.name}").click()  # one by one
    page.wait_for_url(re.compile(r"done=backbone_reported"))
    assert page.get_by_role("status").inner_text() == "已上报。"
    for candidate in unreported[1:]:  # and a batch
        page.get_by_label(f"选择 {candidate.person.name}").check()
    page.get_by_role("button", name="上报", exact=True).first.click()
    page.wait_for_url(re.compile(r"done=backbone_reported"))
    reported = {r.person for r in store.state().dataset.backbone_reports if r.year == 2026}
    assert {c.person.id for c in unreported} <= reported
    page.get_by_label(f"撤销 {unreported[2].person.name}").click()
    page.wait_for_url(re.compile(r"done=backbone_revoked"))
    reported.discard(unreported[2].person.id)
    not_eligible = next(p for p in store.state().dataset.people
                        if p.institute == "DEMO" and p.in_service
                        and screen.candidate(p.id) is not None
                        and not screen.candidate(p.id).eligible)
    page.get_by_label("姓名、编号或邮箱").fill(not_eligible.id)
    page.get_by_role("button", name="查询").last.click()
    page.wait_for_url(re.compile(r"ask="))
    assert "不符合" in page.locator("section table").inner_text()
    shoot(page, "backbone-asked")
    page.get_by_role("link", name="导出骨干人才培训表").click()
    page.wait_for_url(re.compile(r"/stats/backbone/export"))
    shoot(page, "backbone-export")
    name, body = _download(page, lambda: page.get_by_role("button", name="下载").click())
    assert name == "DEMO-骨干人才培训情况表-2026.xlsx"
    now = screen_backbone(store.state().dataset, "DEMO", 2026)
    rows = records(xlsx_rows(body), "人员编号")
    assert sorted(r["人员编号"] for r in rows) == sorted(reported)
    for row in rows:
        assert Decimal(str(row["年度总学时"])) == \
            now.candidate(row["人员编号"]).verdict.total_hours


def test_the_summary_is_created_refreshed_edited_submitted_and_exported(site, page, shoot):
    address, store, who = site
    log_in(page, address, who.admin)
    page.get_by_role("link", name="年度培训总结").first.click()
    page.wait_for_url(f"{address}/stats/summaries")
    page.get_by_label("年度").select_option("2026")
    page.get_by_role("button", name="新建总结").click()
    page.wait_for_url(re.compile(r"/stats/summaries/2026\?done=summary_created"))
    grey = page.locator("input.system")
    assert grey.count() == 8
    assert all(grey.nth(i).get_attribute("readonly") is not None for i in range(8))
    assert grey.first.evaluate("e => getComputedStyle(e).backgroundColor") == \
        "rgb(228, 231, 235)"
    shoot(page, "summary-form")
    page.get_by_label("单位投入总经费").fill("356000.5")
    page.get_by_role("button", name="刷新数据").click()
    page.wait_for_url(re.compile(r"done=summary_refreshed"))
    assert page.get_by_label("单位投入总经费").input_value() == "356000.50"
    page.get_by_label("单位培训总人次").fill("260")
    page.get_by_role("button", name="提交").click()
    page.wait_for_url(re.compile(r"done=summary_submitted"))
    assert "总结已冻结" in page.locator("main").inner_text()
    shoot(page, "summary-submitted")
    summary = store.state().dataset.summary("DEMO", 2026)
    assert summary.submitted and summary.total_person_times == 260
    page.get_by_role("link", name="返回年度培训总结列表").click()
    page.get_by_label("选择 2026 年度").check()
    shoot(page, "summaries")
    page.get_by_role("button", name="导出").click()
    page.wait_for_url(re.compile(r"/stats/summaries/export\?year=2026"))
    shoot(page, "summaries-export")
    name, body = _download(page, lambda: page.get_by_role("button", name="下载").click())
    assert name == "DEMO-继续教育与培训工作总结-2026.xlsx"
    assert xlsx_sheets(body)[0]
    figures = annual_figures(store.state().dataset, "DEMO", 2026)
    values = {r["数据"]: r["数值"] for r in records(xlsx_rows(body), "数据")}
    assert str(values["单位培训总人次"]) == "260"
    assert str(values["单位在职总人数"]) == str(len(figures.in_service))
    assert Decimal(str(values["单位投入总经费（元）"]).replace(",", "")) == Decimal("356000.50")
    log_out(page, address)
