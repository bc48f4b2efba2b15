"""The audit is read within the institute: an admin sees their institute's events, never another
institute's records; refused attempts are recorded (who, what, which record, why) for the
institute of the one who tried and of the record they tried."""

import pytest

from casedu.errors import PermissionDeniedError
from casedu.model import Role
from casedu.services import Actor
from tests.services.world import actor_of, new_flow

INST, DEPT = Role.INSTITUTE_ADMIN, Role.DEPARTMENT_ADMIN


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
