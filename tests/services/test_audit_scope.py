"""The audit is read within the institute: an admin sees their institute's events, never another
institute's records; refused attempts are recorded (who, what, which record, why) for the
institute of the one who tried and of the record they tried."""

import pytest

from casedu.errors import PermissionDeniedError
from casedu.model import Role
from casedu.services import Actor
from tests.services.world import actor_of, new_flow

INST, DEPT = Role.INSTITUTE_ADMIN, Role.DEPARTMENT_ADMIN

#: Every case on every store: in memory, a SQLite workspace, PostgreSQL, MariaDB.
pytestmark = pytest.mark.usefixtures("store_kind")


def ioa_admin(store):
    return Actor(store.state().accounts["IOA"], INST)


def test_an_admin_never_sees_another_institutes_events():
    flow, store = new_flow()
    iop, ioa = actor_of(flow, INST), ioa_admin(store)
    flow.set_person(iop, "s1", hours_required=False)
    flow.set_person(ioa, "x1", hours_required=False)
    mine = flow.audit_events(iop)
    theirs = flow.audit_events(ioa)
    assert [e.record for e in mine] == ["people:s1"]
    assert [e.record for e in theirs] == ["people:x1"]
    assert all("x1" not in str(e.to_json()) for e in mine)


def test_refused_attempts_are_audited_for_both_institutes_and_filtered():
    flow, store = new_flow()
    iop, ioa = actor_of(flow, INST), ioa_admin(store)
    with pytest.raises(PermissionDeniedError):
        flow.implement_plan(ioa, "P1", attendees=3)
    (mine,) = flow.audit_events(iop, outcome="denied")
    (theirs,) = flow.audit_events(ioa, outcome="denied")
    for event in (mine, theirs):
        assert (event.actor, event.role, event.action, event.record, event.outcome) == (
            "IOA", INST, "implement_plan", "plan P1", "denied")
        assert "outside the institute IOA" in event.reason
    assert flow.audit_events(iop, outcome="done") == []
    assert {mine.institute, theirs.institute} == {"IOP", "IOA"}


def test_a_department_admin_may_not_read_the_audit_and_the_attempt_is_recorded():
    flow, _ = new_flow()
    dept = actor_of(flow, DEPT)
    with pytest.raises(PermissionDeniedError, match="list_audit"):
        flow.audit_events(dept)
    (event,) = flow.audit_events(actor_of(flow, INST))
    assert (event.actor, event.action, event.outcome) == ("dept1", "list_audit", "denied")


def test_a_department_admin_sees_the_overview_of_their_department_only():
    flow, _ = new_flow()
    rows = flow.staff_overview(actor_of(flow, DEPT), 2026)
    assert {r.person.id for r in rows} == {"a_inst", "a_dept", "s1"}
    everyone = flow.staff_overview(actor_of(flow, INST), 2026)
    assert {r.person.id for r in everyone} == {"a_inst", "a_dept", "a_class", "s1", "s2"}
    document = flow.report(actor_of(flow, DEPT), "staff-overview", 2026)
    (table,) = document.tables
    assert {row.cells[1] for row in table.rows} == {"a_inst", "a_dept", "s1"}  # after 序号
    assert document.institute.endswith("一处")


def test_reports_are_built_only_from_what_the_actor_may_see():
    flow, store = new_flow()
    staff = actor_of(flow, Role.STAFF)
    assert flow.report(staff, "archive", 2026, person="s1").name == "archive-s1"
    for name, person in (("archive", "s2"), ("class-stats", None), ("staff-overview", None)):
        with pytest.raises(PermissionDeniedError):
            flow.report(staff, name, 2026, person=person)
    with pytest.raises(PermissionDeniedError, match="outside the institute IOA"):
        flow.report(ioa_admin(store), "archive", 2026, person="s1")
    with pytest.raises(LookupError, match="no report"):
        flow.report(actor_of(flow, INST), "payroll", 2026)


def test_the_audit_is_filtered_and_paged_by_the_store_newest_first():
    """审计日志's page: the store filters and pages (every store alike), the same events as
    audit_events, newest first; a time range is applied to what the store found."""
    import datetime as dt

    from casedu.services.reads import audit_page

    flow, store = new_flow()
    iop, ioa = actor_of(flow, INST), ioa_admin(store)
    for n in range(7):
        flow.set_person(iop, "s1", hours_required=n % 2 == 0)
    flow.set_person(ioa, "x1", hours_required=False)
    with pytest.raises(PermissionDeniedError):
        flow.implement_plan(ioa, "P1", attendees=3)
    every = flow.audit_events(iop)
    assert len(every) >= 6 and any(e.outcome == "denied" for e in every)
    for wanted in ({}, {"outcome": "denied"}, {"outcome": "done"}, {"actor_name": "IOA"},
                   {"action": "set_person"}, {"record": "people:"}, {"record": "people:s"},
                   {"record": "plan P"}, {"record": "PEOPLE"}, {"action": "nothing"}):
        found = flow.audit_events(iop, **wanted)
        newest = list(reversed(found))
        for window in ({"limit": 50}, {"limit": 3}, {"limit": 3, "offset": 3},
                       {"limit": 1}, {"limit": 5, "offset": 100}):
            page = flow.audit_page(iop, **wanted, **window)
            start = window.get("offset", 0)
            assert list(page.items) == newest[start:start + window["limit"]], (wanted, window)
            assert page.total == len(found), wanted
    # the store alone, against the rule's reading of the same events
    events = store.events(institute="IOP")
    assert store.audit_page("IOP", limit=2) == audit_page(events, limit=2)
    assert store.audit_page("IOA", record="plan") == audit_page(
        store.events(institute="IOA"), record="plan")
    # a time range: before the first event nothing, from it everything
    first = every[0].at
    assert flow.audit_page(iop, until=first).total == 0
    assert flow.audit_page(iop, since=first, limit=2).total == len(every)
    assert not flow.audit_page(iop, since=first + dt.timedelta(days=1)).items
    # a NUL typed into a filter matches nothing (PostgreSQL would refuse it in a query)
    assert flow.audit_page(iop, actor_name="IO\x00P").total == 0
    assert flow.audit_page(iop, record="people:\x00").total == 0
