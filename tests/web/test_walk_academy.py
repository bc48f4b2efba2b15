"""院级汇总 in a real browser, as the academy admin: the roll-up of every institute, a filter,
an institute's figures, and 导出 (the file opened and checked against the library's roll-up);
every page is screenshotted (docs/web.md)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from casedu.metrics import academy_rollup
from casedu.services import MemoryStore, Workflow
from casedu.web import WebSettings, create_app
from tests.services.world import HASHER
from tests.web.browser import served
from tests.web.files import xlsx_rows
from tests.web.year_end_site import NOW, PASSWORD, log_in, year_end_data


@pytest.fixture(scope="module")
def site():
    """The sample institute (its summary of 2026 submitted) and another one (none), with an
    academy admin granted by the system."""
    store = MemoryStore(year_end_data())
    flow = Workflow(store, hasher=HASHER, clock=lambda: NOW)
    flow.bootstrap_institute_admin("DEMO")
    admin = flow.change_password(flow.login("DEMO", "DEMO654321"), "DEMO654321", PASSWORD)
    flow.create_summary(admin, 2026)
    flow.edit_summary(admin, 2026, total_investment=Decimal("386500"))
    flow.submit_summary(admin, 2026)
    _, initial = flow.grant_academy("cas-office", institute="DEMO")
    flow.change_password(flow.login("cas-office", initial), initial, PASSWORD)
    app = create_app(store, settings=WebSettings(hasher=HASHER, clock=lambda: NOW))
    with served(app) as address:
        yield address, store


def test_the_academy_admin_rolls_up_filters_drills_down_and_exports(site, page, shoot):
    address, store = site
    log_in(page, address, "cas-office")
    page.get_by_role("link", name="院级汇总").first.click()
    page.wait_for_url(f"{address}/academy")
    expected = academy_rollup(store.state().dataset, 2026)
    rows = page.locator("table.report tbody tr")
    assert rows.count() == len(expected.rows) + 1  # and 合计
    assert rows.nth(0).locator("td").nth(2).inner_text() == "已提交 2026-12-20"
    assert rows.nth(1).locator("td").nth(2).inner_text() == "未创建"
    assert rows.last.locator("td").nth(1).inner_text() == "合计（2 个研究所）"
    shoot(page, "academy")

    page.get_by_label("未创建").check()
    page.get_by_role("button", name="查询").click()
    page.wait_for_url(f"{address}/academy?*")
    assert page.locator("table.report tbody tr").count() == 2  # OTHER and 合计

    page.goto(f"{address}/academy?year=2026")
    page.get_by_role("link", name="中国科学院示范研究所（DEMO）").click()
    page.wait_for_url(f"{address}/academy/DEMO?year=2026")
    assert "已提交（2026-12-20）" in page.content()
    shoot(page, "academy-institute")

    page.goto(f"{address}/academy?year=2026")
    page.get_by_label("格式").select_option("xlsx")
    with page.expect_download() as info:
        page.get_by_role("button", name="导出").click()
    download = info.value
    assert download.suggested_filename == "继续教育与培训工作汇总-2026.xlsx"
    body = Path(download.path()).read_bytes()
    sheet = xlsx_rows(body)
    (demo,) = [r for r in sheet if len(r) > 1 and r[1] == "中国科学院示范研究所（DEMO）"]
    first = expected.rows[0]
    assert demo[3] == first.total_person_times and demo[6] == first.required_count


def test_the_academy_reads_and_is_offered_nothing_to_change(site, page):
    address, store = site
    before = store.state()
    log_in(page, address, "cas-office")
    page.goto(f"{address}/stats/summaries")
    assert page.get_by_role("link", name="查看").count() == 1  # the page is a read
    assert page.get_by_role("button", name="新建总结").count() == 0
    page.get_by_role("link", name="查看").click()
    assert page.get_by_role("button").all_inner_texts() == ["退出"]
    assert store.state().dataset == before.dataset
    assert dt.date(2026, 12, 20) == NOW.date()
