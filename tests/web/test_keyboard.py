"""The login and a year-end task (年度培训总结: 新建总结, 单位投入总经费, 提交) by keyboard alone:
Tab reaches every link, button and field of each page on the way, in turn, each one's focus
drawn as a two-colour ring (dark inside, amber outside: visible on the white page and on the
blue header alike), and Enter does the rest."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from tests.web.accessibility import tab_through, tab_to
from tests.web.year_end_site import PASSWORD, year_end_site

DARK = "rgb(27, 31, 36)"
AMBER = "rgb(242, 169, 0)"


@pytest.fixture(scope="module")
def site():
    with year_end_site() as served:
        yield served


def _every_control_is_reached_and_shows_its_focus(page) -> list[str]:
    total, seen = tab_through(page)
    assert total > 0
    assert sorted(int(s["key"]) for s in seen) == list(range(total)), (
        f"{page.url}: Tab reached {len(seen)} of {total} controls: "
        f"{[s['text'] for s in seen]}")
    for focused in seen:
        where = f"{page.url}: {focused['tag']} {focused['text']!r}"
        assert focused["outline"] and focused["outlineColor"] == DARK, where
        assert AMBER in focused["shadow"], where
        assert focused["onScreen"], where
    return [s["text"] for s in seen]


def test_the_login_and_a_summary_by_keyboard_alone(site, page):
    address, store, who = site
    page.goto(f"{address}/login")
    reached = _every_control_is_reached_and_shows_its_focus(page)
    assert {"跳到正文", "用户名", "密码", "登录"} <= set(reached)
    tab_to(page, "用户名")
    page.keyboard.type(who.admin)
    tab_to(page, "密码")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{address}/")
    page.keyboard.press("Tab")  # the first Tab of a page shows 跳到正文
    assert page.evaluate("() => document.activeElement.innerText") == "跳到正文"
    assert page.locator("a.skip").evaluate("e => e.getBoundingClientRect().left") >= 0
    reached = _every_control_is_reached_and_shows_its_focus(page)
    assert {"本机构计划", "年度培训总结", "修改密码", "退出"} <= set(reached)
    # 培训统计 → 年度培训总结 → 新建总结 (the year's option is chosen already)
    tab_to(page, "年度培训总结")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{address}/stats/summaries")
    _every_control_is_reached_and_shows_its_focus(page)
    assert tab_to(page, "年度")["tag"] == "select"
    tab_to(page, "新建总结")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/stats/summaries/2026\?done=summary_created$"))
    _every_control_is_reached_and_shows_its_focus(page)
    # 单位投入总经费 typed, then 提交
    tab_to(page, "单位投入总经费")
    page.keyboard.press("Control+A")
    page.keyboard.type("123456.70")
    tab_to(page, "提交")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"done=summary_submitted$"))
    assert page.get_by_role("status").first.inner_text().startswith("已提交")
    summary = store.get("summaries", ("DEMO", 2026))
    assert summary.submitted and summary.total_investment == Decimal("123456.70")
    # 导出: the year ticked with the space bar, then Enter on 导出
    tab_to(page, "返回年度培训总结列表")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{address}/stats/summaries")
    tab_to(page, "选择 2026 年度")
    page.keyboard.press("Space")
    assert page.get_by_label("选择 2026 年度").is_checked()
    tab_to(page, "导出")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/stats/summaries/export\?year=2026$"))
    _every_control_is_reached_and_shows_its_focus(page)
