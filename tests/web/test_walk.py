"""The pages in a real browser: the walks a person takes, screenshotted."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

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


@pytest.fixture
def admin_demo(tmp_path):
    """The sample institute served with its admin's password changed already."""
    store = MemoryStore(sample_dataset())
    flow = Workflow(store, hasher=HASHER, clock=lambda: NOW)
    flow.bootstrap_institute_admin("DEMO")
    flow.change_password(flow.login("DEMO", "DEMO654321"), "DEMO654321", NEW)
    app = create_app(store, settings=WebSettings(hasher=HASHER, clock=lambda: NOW))
    with served(app) as address:
        yield address, store, flow


def _login(page, address):
    page.goto(f"{address}/login")
    page.get_by_label("用户名").fill("DEMO")
    page.get_by_label("密码").fill(NEW)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{address}/")


def test_a_plan_to_implemented_and_its_attendance_confirmed(admin_demo, page, shoot, tmp_path):
    address, store, flow = admin_demo
    people = [p for p in store.state().dataset.people if p.email and p.in_service][:3]
    _login(page, address)
    # 培训计划 → 本机构计划 → 新建计划 (项目计划)
    page.get_by_role("link", name="本机构计划").first.click()
    page.get_by_role("link", name="新建计划").click()
    assert page.get_by_label("计划类型").input_value() == "project"
    page.get_by_label("所属部门").select_option(label="综合处")
    page.get_by_label("培训名称").fill("网页演示培训")
    page.get_by_label("培训对象").fill("全所职工")
    page.get_by_label("开始日期").fill("2026-11-20")
    page.get_by_label("结束日期").fill("2026-11-25")
    page.get_by_label("培训地点").fill("学术报告厅")
    page.get_by_label("学时").fill("41.5")
    page.get_by_label("经费开支（元）").fill("5000")
    page.get_by_label("计划参加人数").fill("20")
    shoot(page, "plan-new")
    page.get_by_role("button", name="保存").click()
    page.wait_for_url(re.compile(r"/plans\?year=2026&done=created"))
    row = page.locator("tr", has_text="网页演示培训")
    assert "未发布" in row.inner_text() and "未实施" in row.inner_text()
    # 发布, then 实施计划 with the plan's values as defaults, 提交
    row.get_by_role("button", name="发布").click()
    page.wait_for_url(re.compile(r"done=published"))
    page.locator("tr", has_text="网页演示培训").get_by_role("link", name="实施计划").click()
    assert page.get_by_label("学时").input_value() == "41.5"
    assert page.get_by_label("参会人数").input_value() == "20"
    page.get_by_label("参会人数").fill("18")
    page.get_by_label("工作人数").fill("3")
    shoot(page, "implement")
    page.get_by_role("button", name="提交").click()
    page.wait_for_url(re.compile(r"done=implemented"))
    row = page.locator("tr", has_text="网页演示培训")
    assert "已实施" in row.inner_text()
    shoot(page, "plans")
    row.get_by_role("link", name="培训成效").click()
    page.get_by_label("培训成效").fill("学员考核全部合格，满意度高。")
    shoot(page, "effectiveness")
    page.get_by_role("button", name="保存").click()
    page.wait_for_url(re.compile(r"done=effectiveness"))
    plan = next(p for p in store.state().dataset.plans if p.name == "网页演示培训")
    assert plan.implemented and plan.implementation.attendees == 18
    assert plan.effectiveness == "学员考核全部合格，满意度高。"
    # 培训实施 → 培训班管理 → 管理 → 培训通知 → 实际参会人员
    page.get_by_role("link", name="培训班管理").click()
    shoot(page, "classes")
    page.get_by_role("link", name="管理 网页演示培训").click()
    assert page.get_by_role("heading", name="培训通知").is_visible()
    shoot(page, "notice")
    page.get_by_role("link", name="实际参会人员").first.click()
    page.get_by_role("link", name="其他人员添加").click()
    page.get_by_label("姓名、人员编号或邮箱").fill(people[0].id)
    page.get_by_role("button", name="查询").click()
    page.get_by_label(f"选择 {people[0].name}（{people[0].id}）").check()
    shoot(page, "add")
    page.get_by_role("button", name="添加").click()
    page.wait_for_url(re.compile(r"done=added"))
    # 其他人员导入: the dry run, then 确认导入
    page.get_by_role("link", name="其他人员导入").click()
    upload = tmp_path / "实际参会人员.csv"
    upload.write_text(f"参会人员,确认参加\n{people[1].id},否\n{people[2].email},否\n",
                      encoding="utf-8")
    page.get_by_label("文件（xlsx、ods 或 csv）").set_input_files(str(upload))
    page.get_by_role("button", name="上传并试导入").click()
    assert "试导入：将添加 2 人" in page.locator("caption").inner_text()
    shoot(page, "import")
    page.get_by_role("button", name="确认导入").click()
    page.wait_for_url(re.compile(r"done=imported"))
    # tick everyone, 确认参加: the 学时 column fills
    for person in people:
        page.get_by_label(f"选择 {person.name}（{person.id}）").check()
    page.get_by_role("button", name="确认参加").click()
    page.wait_for_url(re.compile(r"done=confirmed"))
    hours = page.locator("tbody td:nth-child(6)").all_inner_texts()
    assert hours == ["41.5", "41.5", "41.5"]
    shoot(page, "attendees")
    # the library sees the hours in each person's archive
    admin = flow.login("DEMO", NEW)
    for person in people:
        archive = flow.archive(admin, person.id)
        assert any(e.hours == Decimal("41.5") and "网页演示培训" in e.title
                   for e in archive.of_year(2026)), person.id


def test_external_learning_is_reviewed_and_entered(admin_demo, page, shoot):
    address, store, _ = admin_demo
    _login(page, address)
    page.get_by_role("link", name="外部学习审核").first.click()
    pending = [r for r in store.state().dataset.external_learning
               if r.status.value == "pending"]
    assert pending, "the sample has pending records"
    shoot(page, "review")
    first = pending[0]
    name = store.get("people", (first.person,)).name
    page.get_by_role("button", name=f"通过 {name} {first.title}").first.click()
    page.wait_for_url(re.compile(r"done=approved"))
    assert store.get("external_learning", (first.id,)).status.value == "approved"
    page.get_by_role("link", name="审核创建/导入").click()
    shoot(page, "create")
    person = store.state().dataset.people[5]
    page.get_by_label("人员编号", exact=True).fill(person.id)
    page.get_by_label("类别").fill("进修")
    page.get_by_label("名称", exact=True).fill("高级研修班")
    page.get_by_label("开始日期").fill("2026-09-01")
    page.get_by_label("结束日期").fill("2026-09-10")
    page.get_by_label("学时", exact=True).fill("48")
    page.get_by_role("button", name="创建").click()
    page.wait_for_url(re.compile(r"done=entered"))
    made = [r for r in store.find("external_learning", person=person.id)
            if r.title == "高级研修班"]
    assert [(r.status.value, r.reviewer) for r in made] == [("approved", "DEMO")]
