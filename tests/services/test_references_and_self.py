"""The operation × role × scope matrix, grown by two kinds of case for every operation:
"references another institute" (the record named is in scope, a record it references is not)
and "about oneself" (the record judged is about the acting account's own person). Every refusal
changes nothing but the audit, which records the attempt as denied."""

import datetime as dt
from decimal import Decimal

import attrs
import pytest

from casedu.errors import PermissionDeniedError
from casedu.model import Attendance, AttendanceStatus, ExternalStatus, Role, RoleGrant
from casedu.services import OPERATIONS, Actor, MemoryStore, Workflow
from tests.builders import external, online, person, plan
from tests.services.test_permissions import assert_only_refusals_audited
from tests.services.world import HASHER, NOW, accounts, actor_of, world_dataset

INST, DEPT, CLASS, STAFF = (Role.INSTITUTE_ADMIN, Role.DEPARTMENT_ADMIN, Role.CLASS_ADMIN,
                            Role.STAFF)
D = dt.date
ADMINS = (INST, DEPT, CLASS)

#: Operations that name a record of another institute through the record they act on.
REFERENCE_CALLS = {
    "create_plan": lambda f, a: f.create_plan(
        a, name="新计划", start=D(2026, 5, 1), end=D(2026, 5, 2), planned_participants=10,
        hours=Decimal(8), expense=Decimal(0), department="IOA-D1"),
    "add_attendees": lambda f, a: f.add_attendees(a, "P1", ["s1", "x1"]),
    "confirm_attendance": lambda f, a: f.confirm_attendance(a, "P1", ["x1"]),
    "undo_confirmation": lambda f, a: f.undo_confirmation(a, "P1", ["x1"]),
    "create_external": lambda f, a: f.create_external_batch(a, [
        {"person": "s1", "category": "进修", "title": "研修", "start": D(2026, 7, 1),
         "end": D(2026, 7, 3), "hours": Decimal(24)},
        {"person": "x1", "category": "进修", "title": "研修", "start": D(2026, 7, 1),
         "end": D(2026, 7, 3), "hours": Decimal(24)}]),
    "report_backbone": lambda f, a: f.report_backbone(a, 2026, ["x1"]),
    "revoke_backbone": lambda f, a: f.revoke_backbone(a, 2026, ["x1"]),
    "grant_role": lambda f, a: f.grant_role(
        a, "staff2", RoleGrant(role=DEPT, institute="IOP", department="IOA-D1")),
    "import_people": lambda f, a: f.import_people(a, [person("new1", department="IOA-D1")]),
    "import_plans": lambda f, a: f.import_plans(a, [plan("(new)", institute="IOP",
                                                          department="IOA-D1")]),
    "import_online": lambda f, a: f.import_online(a, [online("x1", "c9", "1.5")]),
}
#: Operations whose records reference nobody beyond the record they name (already checked by
#: the scope matrix), with why.
NO_REFERENCES = {
    "list_plans": "the own scope", "view_plan": "the plan only",
    "edit_plan": "a plan's department cannot be edited", "publish_plan": "the plan only",
    "unpublish_plan": "the plan only", "implement_plan": "the plan only",
    "edit_implementation": "the plan only", "set_effectiveness": "the plan only",
    "submit_external": "the own person only", "edit_external": "the own record only",
    "withdraw_external": "the own record only", "review_external": "the record's person",
    "set_person": "the person only", "list_new_hires": "the own scope",
    "list_people": "the own scope",
    "view_archive": "the person only", "create_summary": "the own institute",
    "refresh_summary": "the own institute", "edit_summary": "the own institute",
    "submit_summary": "the own institute", "create_accounts": "the own institute's people",
    "list_audit": "the own institute", "view_overview": "the own institute or department",
    "view_reports": "the own institute", "grant_academy": "no role may",
    "view_academy": "the academy's own read",
}

#: The own person of each role's account in the world.
OWN = {INST: "a_inst", DEPT: "a_dept", CLASS: "a_class", STAFF: "s1"}

SELF_CALLS = {
    "confirm_attendance": lambda f, a, me: f.confirm_attendance(a, "P1", [me]),
    "undo_confirmation": lambda f, a, me: f.undo_confirmation(a, "P1", [me]),
    "add_attendees": lambda f, a, me: f.add_attendees(a, "P1", [], confirm=[me]),
    "review_external": lambda f, a, me: f.approve_external(a, f"OWN-{me}"),
    "create_external": lambda f, a, me: f.create_external(
        a, me, category="进修", title="研修", start=D(2026, 7, 1), end=D(2026, 7, 3),
        hours=Decimal(24)),
    "set_person": lambda f, a, me: f.set_person(a, me, hours_required=False),
    # the bulk paths of the same: an import of people or of online hours about oneself
    "import_people": lambda f, a, me: f.import_people(a, [attrs.evolve(
        f.store.get("people", (me,)), hours_required=False, hire_date=D(2026, 1, 1))]),
    "import_online": lambda f, a, me: f.import_online(a, [online(me, "c9", "1.5")]),
    "report_backbone": lambda f, a, me: f.report_backbone(a, 2026, [me]),
    "revoke_backbone": lambda f, a, me: f.revoke_backbone(a, 2026, [me]),
}
#: About oneself and allowed: staff keep their own records, anyone reads their own archive, and
#: adding oneself to a class credits nothing until someone else confirms it.
SELF_ALLOWED = {
    "submit_external": lambda f, a, me: f.submit_external(
        a, category="学术会议", title="会", start=D(2026, 6, 1), end=D(2026, 6, 2),
        hours=Decimal(8)),
    "view_archive": lambda f, a, me: f.archive(a, me),
    "add_attendees": lambda f, a, me: f.add_attendees(a, "P1i", [me]),
}

#: Every case on every store: in memory, a SQLite workspace, PostgreSQL, MariaDB.
pytestmark = pytest.mark.usefixtures("store_kind")


def self_flow():
    """The world, where every admin's own person is on class P1 (confirmed) and has a pending
    external-learning record, is reported as a backbone talent, and the department admin's and
    class admin's accounts also hold the staff role (one person, two hats)."""
    data = world_dataset()
    own = [p for p in OWN.values() if p != "s1"]
    data = attrs.evolve(
        data,
        attendance=(*data.attendance,
                    *(Attendance(plan="P1", person=p, status=AttendanceStatus.CONFIRMED)
                      for p in own)),
        external_learning=(*data.external_learning,
                           *(external(f"OWN-{p}", p, 8, status=ExternalStatus.PENDING)
                             for p in OWN.values())),
        backbone_reports=(*data.backbone_reports,
                          *(attrs.evolve(data.backbone_reports[0], person=p) for p in own)),
    )
    two_hats = []
    for account in accounts():
        if account.username in ("dept1", "class1"):
            account = attrs.evolve(account, grants=(
                *account.grants, RoleGrant(role=STAFF, institute="IOP")))
        two_hats.append(account)
    store = MemoryStore(data, two_hats)
    return Workflow(store, clock=lambda: NOW, hasher=HASHER), store


def test_every_operation_is_classified():
    assert set(REFERENCE_CALLS) | set(NO_REFERENCES) == set(OPERATIONS)
    assert not set(REFERENCE_CALLS) & set(NO_REFERENCES)


REFERENCE_CASES = [(op, role) for op in REFERENCE_CALLS for role in (INST, DEPT, CLASS, STAFF)]


@pytest.mark.parametrize(("operation", "role"), REFERENCE_CASES,
                         ids=[f"{o}-{r.value}" for o, r in REFERENCE_CASES])
def test_a_record_of_another_institute_is_never_reached_through_a_reference(operation, role):
    from tests.services.world import new_flow

    flow, store = new_flow()
    actor = actor_of(flow, role)
    before_state, before_events = store.state(), store.events()
    with pytest.raises(PermissionDeniedError) as info:
        REFERENCE_CALLS[operation](flow, actor)
    assert operation in str(info.value) or "confirm_attendance" in str(info.value)
    assert store.state() == before_state
    assert store.events()[:len(before_events)] == before_events
    assert all(e.outcome == "denied" for e in store.events()[len(before_events):])


def test_the_institute_admin_is_told_which_reference_is_outside():
    from tests.services.world import new_flow

    flow, _ = new_flow()
    admin = actor_of(flow, INST)
    with pytest.raises(PermissionDeniedError, match="references department IOA-D1 of IOA"):
        REFERENCE_CALLS["create_plan"](flow, admin)
    with pytest.raises(PermissionDeniedError, match="references person x1 of IOA"):
        REFERENCE_CALLS["add_attendees"](flow, admin)


def test_a_department_admin_may_add_people_of_other_departments_to_their_class():
    from tests.services.world import new_flow

    flow, _ = new_flow()
    dept = actor_of(flow, DEPT)
    assert flow.add_attendees(dept, "P1", ["s2"]) == ["s2"]


SELF_CASES = [(op, role) for op in SELF_CALLS for role in (INST, DEPT, CLASS)
              if role in OPERATIONS[op]]


@pytest.mark.parametrize(("operation", "role"), SELF_CASES,
                         ids=[f"{o}-{r.value}" for o, r in SELF_CASES])
def test_nobody_judges_a_record_about_themselves(operation, role):
    flow, store = self_flow()
    actor = Actor(store.state().accounts[{INST: "IOP", DEPT: "dept1", CLASS: "class1"}[role]],
                  role)
    before_state, before_events = store.state(), store.events()
    with pytest.raises(PermissionDeniedError, match="separation of duty") as info:
        SELF_CALLS[operation](flow, actor, OWN[role])
    assert OWN[role] in str(info.value)
    assert store.state() == before_state
    assert_only_refusals_audited(store, before_events, actor.username,
                                 "confirm_attendance" if operation == "add_attendees"
                                 else operation)


@pytest.mark.parametrize(("operation", "role"), SELF_CASES,
                         ids=[f"{o}-{r.value}" for o, r in SELF_CASES])
def test_the_same_operation_about_someone_else_is_allowed(operation, role):
    flow, store = self_flow()
    username = {INST: "IOP", DEPT: "dept1", CLASS: "class1"}[role]
    actor = Actor(store.state().accounts[username], role)
    other = {INST: "a_dept", DEPT: "a_inst", CLASS: "a_dept"}[role]
    if operation in ("report_backbone",):  # the other is not eligible: refused for that only
        with pytest.raises(Exception, match="not eligible"):
            SELF_CALLS[operation](flow, actor, other)
        return
    SELF_CALLS[operation](flow, actor, other)


def test_switching_role_does_not_let_one_approve_ones_own_record():
    flow, store = self_flow()
    as_staff = Actor(store.state().accounts["dept1"], STAFF)
    record = flow.submit_external(as_staff, category="学术会议", title="会", start=D(2026, 6, 1),
                                  end=D(2026, 6, 2), hours=Decimal(60))
    as_admin = flow.switch_role(as_staff, DEPT)
    with pytest.raises(PermissionDeniedError, match="separation of duty"):
        flow.approve_external(as_admin, record.id)
    (stored,) = [r for r in store.state().dataset.external_learning if r.id == record.id]
    assert stored.status is ExternalStatus.PENDING
    flow.approve_external(actor_of(flow, INST), record.id)  # another admin may


@pytest.mark.parametrize("operation", sorted(SELF_ALLOWED))
def test_what_one_does_for_oneself_and_may(operation):
    flow, store = self_flow()
    role = STAFF if operation != "add_attendees" else CLASS
    actor = Actor(store.state().accounts["class1"], role)
    result = SELF_ALLOWED[operation](flow, actor, "a_class")
    if operation == "view_archive":
        assert result.person.id == "a_class"
    else:
        assert [e.outcome for e in store.events()] == ["done"]
