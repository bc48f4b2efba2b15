"""The lists the pages show: within the actor's scope, filtered, a page at a time, the same on
every store."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs
import pytest

from casedu.errors import InvalidValueError, PermissionDeniedError, UnknownRecordError
from casedu.model import (
    Attendance,
    AttendanceStatus,
    ExternalLearning,
    ExternalStatus,
    Implementation,
    Role,
)
from casedu.services import MemoryStore, Workflow
from casedu.services.reads import class_attendees, pending_external, search_people
from tests.builders import person, plan
from tests.services.world import HASHER, NOW, accounts, actor_of, new_flow, world_dataset

INST, DEPT, CLASS, STAFF = (Role.INSTITUTE_ADMIN, Role.DEPARTMENT_ADMIN, Role.CLASS_ADMIN,
                            Role.STAFF)


def ids(page):
    return [p.id for p in page.items]


@pytest.mark.parametrize(("role", "expected"), [
    (INST, ["P1", "P1d", "P1i", "P2", "P2d", "P2i"]),
    (DEPT, ["P1", "P1d", "P1i"]),
    (CLASS, ["P1", "P1d", "P1i"]),
])
def test_the_plans_of_each_admins_scope(role, expected):
    flow, _ = new_flow()
    page = flow.list_plans(actor_of(flow, role), 2026)
    assert ids(page) == expected and page.total == len(expected)


def test_staff_see_no_plans_and_the_refusal_is_audited():
    flow, store = new_flow()
    with pytest.raises(PermissionDeniedError, match="list_plans"):
        flow.list_plans(actor_of(flow, STAFF), 2026)
    assert store.events()[-1].outcome == "denied"


def test_the_plans_are_filtered_by_status_implementation_and_name():
    flow, _ = new_flow()
    admin = actor_of(flow, INST)
    assert ids(flow.list_plans(admin, 2026, published=False)) == ["P1d", "P2d"]
    assert ids(flow.list_plans(admin, 2026, implemented=True)) == ["P1i", "P2i"]
    assert ids(flow.list_plans(admin, 2026, published=True, implemented=False)) == ["P1", "P2"]
    assert ids(flow.list_plans(admin, 2026, text="培训P2")) == ["P2", "P2d", "P2i"]
    assert flow.list_plans(admin, 2025).total == 0
    assert flow.list_plans(admin, None).total == 6


def test_an_implemented_plan_counts_in_the_year_it_actually_started():
    late = plan("LATE", start=dt.date(2025, 12, 29),
                implementation=Implementation(attendees=1, staff=0, start=dt.date(2026, 1, 5),
                                              end=dt.date(2026, 1, 6)))
    data = attrs.evolve(world_dataset(), plans=(*world_dataset().plans, late))
    flow = Workflow(MemoryStore(data, accounts()), clock=lambda: NOW, hasher=HASHER)
    admin = actor_of(flow, INST)
    assert "LATE" in ids(flow.list_plans(admin, 2026))
    assert "LATE" not in ids(flow.list_plans(admin, 2025))


@pytest.mark.parametrize(("count", "pages"), [(50, 1), (51, 2), (100, 2), (101, 3)])
def test_plans_come_fifty_to_a_page(count, pages):
    many = [plan(f"M{i:03d}", start=dt.date(2026, 1, 1) + dt.timedelta(days=i % 300))
            for i in range(count)]
    data = attrs.evolve(world_dataset(), plans=(*world_dataset().plans[-3:], *many))
    flow = Workflow(MemoryStore(data, accounts()), clock=lambda: NOW, hasher=HASHER)
    admin = actor_of(flow, INST)
    first = flow.list_plans(admin, 2026)
    assert len(first.items) == min(count, 50) and first.total == count
    assert first.pages == pages and first.has_next == (pages > 1)
    last = flow.list_plans(admin, 2026, offset=(pages - 1) * 50)
    assert len(last.items) == count - (pages - 1) * 50 and not last.has_next
    seen = [p for n in range(pages) for p in ids(flow.list_plans(admin, 2026, offset=n * 50))]
    assert sorted(seen) == sorted(p.id for p in many)


@pytest.mark.parametrize(("limit", "offset"), [(0, 0), (501, 0), (50, -1)])
def test_a_page_that_cannot_be_read_is_refused(limit, offset):
    flow, _ = new_flow()
    with pytest.raises(InvalidValueError):
        flow.list_plans(actor_of(flow, INST), 2026, limit=limit, offset=offset)


def test_a_plan_is_viewed_within_the_scope():
    flow, _ = new_flow()
    assert flow.view_plan(actor_of(flow, CLASS), "P1").id == "P1"
    with pytest.raises(PermissionDeniedError, match="view_plan"):
        flow.view_plan(actor_of(flow, CLASS), "P2")
    with pytest.raises(PermissionDeniedError, match="outside the institute"):
        flow.view_plan(actor_of(flow, INST), "PX")
    with pytest.raises(UnknownRecordError):
        flow.view_plan(actor_of(flow, INST), "nope")


@pytest.mark.usefixtures("store_kind")
def test_a_class_list_and_the_people_to_add_are_read_in_scope_on_every_store():
    flow, _store = new_flow()
    dept = actor_of(flow, DEPT)
    flow.add_attendees(actor_of(flow, INST), "P1", ["s2", "a_class"])
    page = flow.class_attendees(dept, "P1", limit=2)
    assert [(a.person, p.name) for a, p in page.items] == [("s1", "人员s1"), ("s2", "人员s2")]
    assert page.total == 3 and page.has_next
    assert [p.id for _, p in flow.class_attendees(dept, "P1", offset=2).items] == ["a_class"]
    found = flow.find_people(dept, "人员s", plan_id="P1")
    assert [p.id for p in found.items] == ["s1", "s2"]  # the institute's people, not IOA's x1
    with pytest.raises(PermissionDeniedError):
        flow.class_attendees(dept, "P2")
    with pytest.raises(PermissionDeniedError):
        flow.find_people(actor_of(flow, INST), "x", plan_id="PX")


def _searched_world():
    data = world_dataset()
    extra = [attrs.evolve(person(f"q{i}", department="IOP-D2" if i % 2 else "IOP-D1",
                                 name=("张伟" if i % 3 == 0 else f"Li Lei {i}")),
                          email=(f"LiLei{i}@iop.ac.cn" if i % 4 == 0 else None))
             for i in range(12)]
    attendance = [Attendance(plan="P2", person=p.id, status=AttendanceStatus.CONFIRMED
                             if i % 2 else AttendanceStatus.ADDED)
                  for i, p in enumerate(extra)]
    return attrs.evolve(data, people=(*data.people, *extra),
                        attendance=(*data.attendance, *attendance))


QUERIES = [
    {}, {"text": "张伟"}, {"text": "Li"}, {"text": "li"}, {"text": "LiLei4@"},
    {"text": "q1"}, {"text": "%"}, {"text": "_"}, {"department": "IOP-D2"},
    {"department": "IOP-D2", "text": "Lei", "limit": 2, "offset": 1}, {"limit": 0},
    {"limit": 3, "offset": 100},
]


@pytest.mark.usefixtures("store_kind")
def test_people_are_searched_and_paged_alike_on_every_store():
    from tests.services import world

    data = _searched_world()
    _flow, store = new_flow()
    if world.STORE_KIND["kind"] == "memory":
        store = MemoryStore(data)
    else:
        from tests.engines import reset

        reset(store)
        store.replace_all(data)
    for query in QUERIES:
        expected = search_people(data, "IOP", **query)
        assert store.search_people("IOP", **query) == expected, query
    assert search_people(data, "IOP", text="li")[1] == 0  # exactly as written: no case folding
    # q0 is 张伟 with the email LiLei0@…; q3 is 张伟 without one
    assert [p.id for p in search_people(data, "IOP", text="Li", limit=4)[0]] == ["q0", "q1",
                                                                                  "q2", "q4"]
    for window in ({}, {"limit": 5}, {"limit": 5, "offset": 10}, {"limit": 0}):
        assert store.class_attendees("P2", **window) == class_attendees(data, "P2", **window)
    assert store.class_attendees("P2")[1] == 13


def test_the_people_an_admin_manages_are_found_within_the_scope():
    flow, _store = new_flow()
    assert [p.id for p in flow.find_people(actor_of(flow, INST), "人员").items] == [
        "a_inst", "a_dept", "a_class", "s1", "s2"]
    assert [p.id for p in flow.find_people(actor_of(flow, DEPT), None).items] == [
        "a_inst", "a_dept", "s1"]  # the department IOP-D1's only
    for role in (CLASS, STAFF):
        with pytest.raises(PermissionDeniedError, match="view_overview"):
            flow.find_people(actor_of(flow, role), "人员")


def test_the_departments_a_new_plan_may_belong_to():
    flow, _ = new_flow()
    assert [d.id for d in flow.departments(actor_of(flow, INST))] == ["IOP-D1", "IOP-D2"]
    assert [d.id for d in flow.departments(actor_of(flow, CLASS))] == ["IOP-D1", "IOP-D2"]
    assert [d.id for d in flow.departments(actor_of(flow, DEPT))] == ["IOP-D1"]
    with pytest.raises(PermissionDeniedError, match="create_plan"):
        flow.departments(actor_of(flow, STAFF))


@pytest.mark.usefixtures("store_kind")
def test_the_review_queue_pages_the_pending_records_of_the_scope_with_their_people():
    flow, _ = new_flow()
    page = flow.review_queue(actor_of(flow, INST))
    assert [(r.id, p.name) for r, p in page.items] == [("E1", "人员s1"), ("E2", "人员s2")]
    assert [r.id for r, _ in flow.review_queue(actor_of(flow, DEPT)).items] == ["E1"]
    second = flow.review_queue(actor_of(flow, INST), limit=1, offset=1)
    assert [r.id for r, _ in second.items] == ["E2"] and second.total == 2
    with pytest.raises(PermissionDeniedError):
        flow.review_queue(actor_of(flow, CLASS))


@pytest.mark.usefixtures("store_kind")
def test_the_pending_records_are_paged_alike_on_every_store():
    from tests.services import world

    data = _searched_world()
    statuses = (ExternalStatus.PENDING, ExternalStatus.APPROVED, ExternalStatus.REJECTED)
    extra = [ExternalLearning(id=f"EQ{i:02d}", person=f"q{i % 12}", category="学术会议",
                              title=f"会议{i}", start=dt.date(2026, 5, 1 + i % 20),
                              end=dt.date(2026, 5, 1 + i % 20), hours=Decimal(4),
                              status=statuses[i % 3],
                              reviewer=None if i % 3 == 0 else "IOP",
                              review_note="不符合" if i % 3 == 2 else None)
             for i in range(30)]
    data = attrs.evolve(data, external_learning=(*data.external_learning, *extra))
    _flow, store = new_flow()
    if world.STORE_KIND["kind"] == "memory":
        store = MemoryStore(data)
    else:
        from tests.engines import reset

        reset(store)
        store.replace_all(data)
    expected_all = pending_external(data, "IOP")
    assert expected_all[1] == 2 + 10  # E1, E2 and every third of the thirty
    assert all(r.status is ExternalStatus.PENDING for r, _ in expected_all[0])
    for query in ({}, {"department": "IOP-D2"}, {"limit": 5}, {"limit": 5, "offset": 10},
                  {"department": "IOP-D1", "limit": 2, "offset": 1}, {"limit": 0},
                  {"department": "nowhere"}):
        assert store.pending_external("IOP", **query) == pending_external(data, "IOP", **query)
    assert store.pending_external("IOA") == pending_external(data, "IOA")
    assert [r.id for r, _ in pending_external(data, "IOA")[0]] == ["EX"]


def test_an_import_is_read_against_the_scope_it_will_be_applied_in():
    flow, store = new_flow()
    basis = flow.import_basis(actor_of(flow, CLASS), "attendees", plan_id="P1")
    assert basis.institute == "IOP" and "P1" in basis.dataset.plan_by_id
    assert set(basis.accounts) == {"IOP", "dept1", "class1", "staff1", "staff2"}
    before = len(store.events())
    with pytest.raises(PermissionDeniedError, match="add_attendees"):
        flow.import_basis(actor_of(flow, CLASS), "attendees", plan_id="P2")
    assert store.events()[before].outcome == "denied"
    assert flow.import_basis(actor_of(flow, DEPT), "external").institute == "IOP"
    with pytest.raises(PermissionDeniedError, match="create_external"):
        flow.import_basis(actor_of(flow, STAFF), "external")
    with pytest.raises(InvalidValueError, match="class"):
        flow.import_basis(actor_of(flow, INST), "attendees")
    with pytest.raises(UnknownRecordError, match="no import 'nope'"):
        flow.import_basis(actor_of(flow, INST), "nope")
