"""Every operation against every role: allowed in scope, refused out of it, and a refusal
changes nothing."""

import datetime as dt
from decimal import Decimal

import pytest

from casedu.errors import PermissionDeniedError
from casedu.model import Role, RoleGrant
from casedu.services import OPERATIONS
from tests.builders import online, person, plan
from tests.services.world import actor_of, new_flow

INST, DEPT, CLASS, STAFF, ACADEMY = (Role.INSTITUTE_ADMIN, Role.DEPARTMENT_ADMIN,
                                     Role.CLASS_ADMIN, Role.STAFF, Role.ACADEMY_ADMIN)
D = dt.date

#: where -> the plan, the person and the external record the operation touches
PLAN = {"in": "P1", "dept2": "P2", "ioa": "PX"}
PERSON = {"in": "s1", "dept2": "s2", "ioa": "x1"}
EXTERNAL = {"in": "E1", "dept2": "E2", "ioa": "EX"}
NEW_PLAN_DEPARTMENT = {"in": "IOP-D1", "dept2": "IOP-D2"}

CALLS = {
    "list_plans": lambda f, a, w: f.list_plans(a, 2026),
    "view_plan": lambda f, a, w: f.view_plan(a, PLAN[w]),
    "create_plan": lambda f, a, w: f.create_plan(
        a, name="新计划", start=D(2026, 5, 1), end=D(2026, 5, 2), planned_participants=10,
        hours=Decimal(8), expense=Decimal(0), department=NEW_PLAN_DEPARTMENT[w]),
    "edit_plan": lambda f, a, w: f.edit_plan(a, PLAN[w], name="改名"),
    "publish_plan": lambda f, a, w: f.publish_plan(a, PLAN[w] + "d"),
    "unpublish_plan": lambda f, a, w: f.unpublish_plan(a, PLAN[w]),
    "implement_plan": lambda f, a, w: f.implement_plan(a, PLAN[w], attendees=5, staff=1),
    "edit_implementation": lambda f, a, w: f.edit_implementation(a, PLAN[w] + "i", staff=2),
    "set_effectiveness": lambda f, a, w: f.set_effectiveness(a, PLAN[w] + "i", "良好"),
    "add_attendees": lambda f, a, w: f.add_attendees(a, PLAN[w], [PERSON[w]]),
    "confirm_attendance": lambda f, a, w: f.confirm_attendance(a, PLAN[w], [PERSON[w]]),
    "undo_confirmation": lambda f, a, w: f.undo_confirmation(a, PLAN[w], [PERSON[w]]),
    "submit_external": lambda f, a, w: f.submit_external(
        a, category="学术会议", title="会", start=D(2026, 6, 1), end=D(2026, 6, 2),
        hours=Decimal(8)),
    "edit_external": lambda f, a, w: f.edit_external(a, EXTERNAL[w], hours=Decimal(6)),
    "withdraw_external": lambda f, a, w: f.withdraw_external(a, EXTERNAL[w]),
    "review_external": lambda f, a, w: f.approve_external(a, EXTERNAL[w]),
    "create_external": lambda f, a, w: f.create_external(
        a, PERSON[w], category="进修", title="研修", start=D(2026, 7, 1), end=D(2026, 7, 3),
        hours=Decimal(24)),
    "set_person": lambda f, a, w: f.set_person(a, PERSON[w], hours_required=False),
    "list_new_hires": lambda f, a, w: f.new_hires(a, 2026),
    "list_people": lambda f, a, w: f.list_people(a),
    "view_archive": lambda f, a, w: f.archive(a, PERSON[w]),
    "view_overview": lambda f, a, w: f.staff_overview(a, 2026),
    "view_reports": lambda f, a, w: f.report(a, "class-stats", 2026),
    "report_backbone": lambda f, a, w: f.report_backbone(a, 2026, ["s1"]),
    "revoke_backbone": lambda f, a, w: f.revoke_backbone(a, 2026, ["s2"]),
    "create_summary": lambda f, a, w: f.create_summary(a, 2026),
    "refresh_summary": lambda f, a, w: f.refresh_summary(a, 2025),
    "edit_summary": lambda f, a, w: f.edit_summary(a, 2025, total_person_times=12),
    "submit_summary": lambda f, a, w: f.submit_summary(a, 2025),
    "create_accounts": lambda f, a, w: f.create_accounts(a),
    "grant_role": lambda f, a, w: f.grant_role(
        a, "staff2", RoleGrant(role=CLASS, institute="IOP")),
    "list_audit": lambda f, a, w: f.audit_events(a),
    "import_people": lambda f, a, w: f.import_people(a, [person("new1", department="IOP-D1")]),
    "import_plans": lambda f, a, w: f.import_plans(a, [plan(
        "(new)", institute="IOA" if w == "ioa" else "IOP",
        department={"in": "IOP-D1", "dept2": "IOP-D2", "ioa": "IOA-D1"}[w])]),
    "import_online": lambda f, a, w: f.import_online(a, [online("s1", "c9", "1.5")]),
    "view_academy": lambda f, a, w: f.academy_rollup(a, 2026),
    "grant_academy": lambda f, a, w: f.grant_role(
        a, "staff2", RoleGrant(role=ACADEMY, institute="IOP")),
}

#: Operations whose target is always the actor's own institute or own person.
SCOPE_FREE = {"list_plans", "submit_external", "list_new_hires", "list_people",
              "report_backbone",
              "revoke_backbone",
              "create_summary", "refresh_summary", "edit_summary", "submit_summary",
              "create_accounts", "grant_role", "list_audit", "import_people", "import_online",
              "view_overview", "view_reports", "grant_academy", "view_academy"}

#: Every case on every store: in memory, a SQLite workspace, PostgreSQL, MariaDB.
pytestmark = pytest.mark.usefixtures("store_kind")


def expected(operation: str, role: Role, where: str) -> bool:
    if role not in OPERATIONS[operation]:
        return False
    if role is ACADEMY:  # reads, of every institute
        return True
    if where == "ioa":
        return False
    if where == "in" or role is INST:
        return True
    # another department / class / person of the same institute
    return role is CLASS and operation == "create_plan"


CASES = [
    (operation, role, where)
    for operation in OPERATIONS
    for role in (INST, DEPT, CLASS, STAFF, ACADEMY)
    for where in (("in",) if operation in SCOPE_FREE else
                  ("in", "dept2") if operation == "create_plan" else ("in", "dept2", "ioa"))
]


def test_every_operation_has_a_call():
    assert set(CALLS) == set(OPERATIONS)


def test_the_academy_admin_reads_and_changes_nothing():
    """院级管理员: every read of the library's table, and nothing else."""
    from casedu.services.authorization import READS

    assert {op for op, roles in OPERATIONS.items() if ACADEMY in roles} == READS | {
        "view_academy"}
    assert OPERATIONS["view_academy"] == {ACADEMY}
    assert all(op.startswith(("list_", "view_")) for op in READS)


@pytest.mark.parametrize(("operation", "role", "where"), CASES,
                         ids=[f"{o}-{r.value}-{w}" for o, r, w in CASES])
def test_operation_role_scope(operation, role, where):
    flow, store = new_flow()
    actor = actor_of(flow, role)
    before_state, before_events = store.state(), store.events()
    if expected(operation, role, where):
        CALLS[operation](flow, actor, where)
    else:
        with pytest.raises(PermissionDeniedError) as info:
            CALLS[operation](flow, actor, where)
        message = str(info.value)
        assert operation in message and actor.username in message
        assert store.state() == before_state
        assert_only_refusals_audited(store, before_events, actor.username, operation)


def assert_only_refusals_audited(store, before_events, username, operation):
    """A refusal changes nothing but the audit, which records the attempt as denied."""
    new = store.events()[len(before_events):]
    assert store.events()[:len(before_events)] == before_events
    assert new, "the refused attempt is audited"
    assert all((e.actor, e.action, e.outcome, e.before, e.after)
               == (username, operation, "denied", None, None) for e in new)
    assert all(operation in e.reason for e in new)


def test_every_change_of_an_allowed_operation_is_audited():
    flow, store = new_flow()
    admin = actor_of(flow, INST)
    flow.implement_plan(admin, "P2", attendees=7, staff=2)
    (event,) = store.events()
    assert (event.actor, event.role, event.action, event.record) == (
        "IOP", INST, "implement_plan", "plans:P2")
    assert "implementation" not in event.before and event.after["implementation"]["attendees"] == 7
    assert event.at.year == 2026
