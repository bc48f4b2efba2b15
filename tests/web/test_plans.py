"""培训计划 → 本机构计划 through the pages: the list and its actions by state, 新建计划, 发布,
实施计划 with the plan's values as defaults, 培训成效; a refused value keeps the form."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import attrs

from casedu.services import MemoryStore
from tests.builders import plan
from tests.services.world import accounts, world_dataset
from tests.web.site import Site

NEW = {"kind": "project", "name": "安全培训", "department": "IOP-D2", "start": "2026-05-01",
       "end": "2026-05-03", "planned_participants": "40", "hours": "16.5",
       "expense": "12000.50", "premium": "1", "audience": "全所职工", "location": "报告厅",
       "contact": "李娜", "phone": "010-82649000"}


def _admin(site=None, username="IOP"):
    site = site or Site()
    client = site.client()
    client.login(username)
    return site, client


def _row(html: str, name: str) -> str:
    found = re.search(rf"<tr>\s*<td>{re.escape(name)}</td>(.*?)</tr>", html, re.S)
    assert found, f"no row {name}"
    return found.group(1)


def test_each_plan_shows_its_status_and_the_action_its_state_allows():
    _, client = _admin()
    page = client.get("/plans").text
    assert "发布" in _row(page, "培训P1d") and "未发布" in _row(page, "培训P1d")
    assert 'action="/plans/P1d/publish"' in page
    assert 'href="/plans/P1/implement"' in _row(page, "培训P1") and "未实施" in _row(page, "培训P1")
    implemented = _row(page, "培训P1i")
    assert "已实施" in implemented and 'href="/plans/P1i/effectiveness"' in implemented
    assert "新建计划" in page
    drafts = client.get("/plans?published=draft").text
    assert "培训P1d" in drafts and "培训P1i" not in drafts
    done = client.get("/plans?implemented=yes&name=P2").text
    assert "培训P2i" in done and "培训P1i" not in done and "培训P2<" not in done


def test_the_list_is_paged_on_the_server():
    many = [attrs.evolve(plan(f"M{i:03d}", start=dt.date(2026, 2, 1)), name=f"计划{i:03d}")
            for i in range(51)]
    data = world_dataset()
    site = Site(MemoryStore(attrs.evolve(data, plans=(*data.plans, *many)), accounts()))
    _, client = _admin(site)
    first = client.get("/plans?name=计划").text
    assert first.count("<tr>\n    <td>计划") == 50 and "共 51 条，第 1/2 页" in first
    assert "下一页" in first and "上一页" not in first
    second = client.get("/plans?name=计划&page=2").text
    assert second.count("<tr>\n    <td>计划") == 1 and "上一页" in second
    assert "计划050" in second


def test_a_new_plan_is_a_draft_with_what_was_entered():
    site, client = _admin()
    form = client.get("/plans/new").text
    assert "项目计划" in form and "所属部门" in form and "二处" in form
    answer = client.post("/plans/new", NEW)
    assert answer.status_code == 303
    assert answer.headers["location"] == "/plans?year=2026&done=created"
    made = [p for p in site.store.state().dataset.plans if p.name == "安全培训"]
    assert len(made) == 1
    new = made[0]
    assert (new.status.value, new.department, new.hours, new.expense, new.premium) == (
        "draft", "IOP-D2", Decimal("16.5"), Decimal("12000.50"), True)
    assert (new.start, new.planned_participants, new.audience, new.phone) == (
        dt.date(2026, 5, 1), 40, "全所职工", "010-82649000")
    assert "已新建计划" in client.get(answer.headers["location"]).text


def test_a_department_admins_plan_belongs_to_their_department():
    site, client = _admin(username="dept1")
    form = client.get("/plans/new").text
    assert "一处" in form and "二处" not in form and "（全所）" not in form
    assert client.post("/plans/new", {**NEW, "department": ""}).status_code == 303
    made = next(p for p in site.store.state().dataset.plans if p.name == "安全培训")
    assert made.department == "IOP-D1"


def test_a_refused_value_keeps_the_form_and_writes_nothing():
    site, client = _admin()
    before = site.store.state()
    for change, message in ((({"start": "2026-13-01"}), "开始日期: expected a date"),
                            ({"name": ""}, "培训名称: 请填写"),
                            ({"hours": "十"}, "学时: expected a number"),
                            ({"end": "2026-04-01"}, "end"),
                            ({"department": "nope"}, "no department")):
        answer = client.post("/plans/new", {**NEW, **change})
        assert answer.status_code == 400, change
        assert message in answer.text, (change, answer.text[-1500:])
        assert 'value="报告厅"' in answer.text  # what was typed stays
    assert site.store.state() == before


def test_publish_then_implement_with_the_plans_values_as_defaults():
    site, client = _admin()
    assert client.post("/plans/P1d/publish").headers["location"].endswith("done=published")
    form = client.get("/plans/P1d/implement").text
    for value in ('value="培训P1d"', 'value="2026-03-02"', 'value="32"', 'value="1000.00"',
                  'value="30"', "提交"):
        assert value in form, value
    defaults = {"name": "培训P1d", "start": "2026-03-02", "end": "2026-03-02", "hours": "32",
                "expense": "1000.00", "attendees": "28", "staff": "2"}
    answer = client.post("/plans/P1d/implement", defaults)
    assert answer.status_code == 303 and answer.headers["location"].endswith("done=implemented")
    done = site.store.get("plans", ("P1d",))
    assert done.implemented and (done.implementation.attendees, done.implementation.staff) == (
        28, 2)
    # the values left as the plan had them are the plan's, not copied
    assert done.implementation.name is None and done.implementation.hours is None
    again = client.get("/plans/P1d/implement").text
    assert "该计划已实施" in again and "提交" not in again


def test_an_implementation_keeps_what_changed():
    site, client = _admin()
    answer = client.post("/plans/P1/implement", {
        "name": "培训P1", "start": "2026-03-03", "end": "2026-03-04", "hours": "30",
        "expense": "980.00", "attendees": "25", "staff": "3", "location": "新地点"})
    assert answer.status_code == 303
    impl = site.store.get("plans", ("P1",)).implementation
    assert (impl.start, impl.hours, impl.expense, impl.location, impl.name) == (
        dt.date(2026, 3, 3), Decimal("30"), Decimal("980.00"), "新地点", None)


def test_the_library_refuses_what_the_state_does_not_allow():
    site, client = _admin()
    draft = client.post("/plans/P1d/implement", {
        "name": "培训P1d", "start": "2026-03-02", "end": "2026-03-02", "hours": "32",
        "expense": "1000.00", "attendees": "1", "staff": "0"})
    assert draft.status_code == 400 and "publish it before implementing" in draft.text
    twice = client.post("/plans/P1/publish")
    assert twice.status_code == 400 and "published already" in twice.text
    early = client.get("/plans/P1/effectiveness").text
    assert "尚未实施" in early and "<textarea" not in early
    refused = client.post("/plans/P1/effectiveness", {"effectiveness": "好"})
    assert refused.status_code == 400 and "尚未实施" in refused.text
    empty = client.post("/plans/P1i/effectiveness", {"effectiveness": "  "})
    assert empty.status_code == 400
    assert site.store.get("plans", ("P1i",)).effectiveness is None


def test_effectiveness_is_written_once_implemented():
    site, client = _admin()
    form = client.get("/plans/P1i/effectiveness").text
    assert "<textarea" in form and "培训成效" in form
    answer = client.post("/plans/P1i/effectiveness", {"effectiveness": "学员考核全部合格。"})
    assert answer.status_code == 303
    assert site.store.get("plans", ("P1i",)).effectiveness == "学员考核全部合格。"
    assert "学员考核全部合格。" in client.get("/plans/P1i/effectiveness").text
