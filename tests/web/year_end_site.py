"""The sample institute served for the browser walks of the year-end pages: its admin, a
department admin and a staff member of its first department with their passwords changed, and
another institute (OTHER) with its own admin, so each page is seen by every role and from
outside."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

import attrs

from casedu.model import Department, Institute, Person, Role, RoleGrant
from casedu.sample import sample_dataset
from casedu.services import MemoryStore, Workflow
from casedu.web import WebSettings, create_app
from tests.services.world import HASHER
from tests.web.browser import served

NOW = dt.datetime(2026, 12, 20, 1, 30, tzinfo=dt.UTC)
PASSWORD = "zhe-shi-xin-mima-7"


def year_end_data():
    """The sample institute without its summary (the walk makes it), and another institute."""
    data = sample_dataset()
    other = Person(id="O0001", institute="OTHER", name="外所人员", in_service=True,
                   hours_required=True, department="OTHER-D01", hire_date=dt.date(2015, 1, 1))
    return attrs.evolve(
        data, summaries=(),
        institutes=(*data.institutes, Institute(code="OTHER", name="中国科学院另一研究所")),
        departments=(*data.departments,
                     Department(id="OTHER-D01", institute="OTHER", name="综合处")),
        people=(*data.people, other))


@attrs.frozen
class Accounts:
    admin: str
    dept_admin: str
    staff: str
    staff_person: Person
    other: str


@contextmanager
def year_end_site() -> Iterator[tuple[str, MemoryStore, Accounts]]:
    """The app served on a free port; yields its address, the store and the usernames."""
    store = MemoryStore(year_end_data())
    flow = Workflow(store, hasher=HASHER, clock=lambda: NOW)
    for code in ("DEMO", "OTHER"):
        flow.bootstrap_institute_admin(code)
        flow.change_password(flow.login(code, f"{code}654321"), f"{code}654321", PASSWORD)
    admin = flow.login("DEMO", PASSWORD)
    created = {a.person: a.username for a in flow.create_accounts(admin)}
    first = [p for p in store.state().dataset.people
             if p.department == "DEMO-D01" and p.in_service and p.hours_required]
    staff, dept = first[0], first[1]
    flow.grant_role(admin, created[dept.id], RoleGrant(role=Role.DEPARTMENT_ADMIN,
                                                       institute="DEMO",
                                                       department="DEMO-D01"))
    for person in (staff, dept):
        username = created[person.id]
        flow.change_password(flow.login(username, "123456"), "123456", PASSWORD)
    app = create_app(store, settings=WebSettings(hasher=HASHER, clock=lambda: NOW))
    with served(app) as address:
        yield address, store, Accounts(admin="DEMO", dept_admin=created[dept.id],
                                       staff=created[staff.id], staff_person=staff,
                                       other="OTHER")


def log_in(page, address: str, username: str) -> None:
    """Log in through the form, as a person would."""
    page.goto(f"{address}/login")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{address}/")


def log_out(page, address: str) -> None:
    page.get_by_role("button", name="退出").click()
    page.wait_for_url(f"{address}/login")
