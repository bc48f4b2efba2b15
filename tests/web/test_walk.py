"""The pages in a real browser: the walks a person takes, screenshotted."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from casedu.sample import sample_dataset
from casedu.services import MemoryStore, Workflow
from casedu.web import WebSettings, create_app
from tests.services.world import HASHER
from tests.web.browser import served

NEW = "zhe-shi-xin-mima-7"
NOW = dt.datetime(2026, 12, 20, 1, 30, tzinfo=dt.UTC)


@pytest.fixture
def demo():
    """The sample institute DEMO with its admin on the initial password, served."""
    store = MemoryStore(sample_dataset())
    Workflow(store, hasher=HASHER).bootstrap_institute_admin("DEMO")
    app = create_app(store, settings=WebSettings(hasher=HASHER, clock=lambda: NOW))
    with served(app) as address:
        yield address, store


def test_the_first_login_changes_the_password_then_shows_the_plans(demo, page, shoot):
    address, _store = demo
    page.goto(f"{address}/plans")
    assert page.url == f"{address}/login"
    shoot(page, "login")
    page.get_by_label("用户名").fill("DEMO")
    page.get_by_label("密码").fill("DEMO654321")
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{address}/password")
    shoot(page, "password")
    page.get_by_label("原密码").fill("DEMO654321")
    page.get_by_label("新密码", exact=True).fill(NEW)
    page.get_by_label("确认新密码").fill(NEW)
    page.get_by_role("button", name="修改密码").click()
    page.wait_for_url(re.compile(r"/\?done=password$"))
    assert page.get_by_role("status").inner_text().startswith("密码已修改")
    page.get_by_role("link", name="本机构计划").first.click()
    page.wait_for_url(f"{address}/plans")
    rows = page.locator("table.list tbody tr")
    assert rows.count() == 14  # the sample institute's plans of 2026
    page.get_by_label("实施状态").select_option("no")
    page.get_by_role("button", name="查询").click()
    page.wait_for_url(re.compile(r"implemented=no"))
    assert all(text == "未实施" for text in page.locator("tbody td:nth-child(7)").all_inner_texts())
    page.get_by_label("实施状态").select_option("")
    page.get_by_role("button", name="查询").click()
    shoot(page, "plans")
    page.get_by_role("button", name="退出").click()
    page.wait_for_url(f"{address}/login")
    page.goto(f"{address}/plans")
    assert page.url == f"{address}/login"
