"""The states and transitions of SPEC section 4."""

import datetime as dt
from decimal import Decimal

import pytest

from casedu.errors import (
    InvalidValueError,
    PermissionDeniedError,
    UnknownRecordError,
    WorkflowError,
)
from casedu.metrics import year_hours
from casedu.model import ExternalStatus, PlanStatus, Role, SummaryStatus
from casedu.services import Actor
from tests.services.world import actor_of, new_flow

D = dt.date
INST, DEPT, CLASS, STAFF = (Role.INSTITUTE_ADMIN, Role.DEPARTMENT_ADMIN, Role.CLASS_ADMIN,
                            Role.STAFF)


@pytest.fixture
def flow(store_kind):
    """The workflow over every store: in memory, a SQLite workspace, PostgreSQL, MariaDB."""
    return new_flow()[0]


def hours(flow, person, year=2026):
    return year_hours(flow.store.state().dataset, year).of(person).total


def test_plan_life(flow):
    admin = actor_of(flow, INST)
    plan = flow.create_plan(admin, name="安全培训", start=D(2026, 4, 1), end=D(2026, 4, 2),
                            planned_participants=30, hours=Decimal(16), expense=Decimal(500),
                            department="IOP-D1", location="礼堂")
    assert plan.status is PlanStatus.DRAFT and plan.location == "礼堂"
    with pytest.raises(WorkflowError, match="publish it before implementing"):
        flow.implement_plan(admin, plan.id)
    with pytest.raises(WorkflowError, match="not implemented"):
        flow.set_effectiveness(admin, plan.id, "好")
    flow.publish_plan(admin, plan.id)
    with pytest.raises(WorkflowError, match="published already"):
        flow.publish_plan(admin, plan.id)
    done = flow.implement_plan(admin, plan.id, staff=3, end=D(2026, 4, 3))
    assert done.implementation.attendees == 30  # defaults to the planned participants
    assert done.figures.end == D(2026, 4, 3) and done.figures.hours == 16
    with pytest.raises(WorkflowError, match="stays published"):
        flow.unpublish_plan(admin, plan.id)
    with pytest.raises(WorkflowError, match="edit its implementation"):
        flow.edit_plan(admin, plan.id, name="新名")
    assert flow.edit_implementation(admin, plan.id, attendees=28).figures.attendees == 28
    assert flow.set_effectiveness(admin, plan.id, "全员合格").effectiveness == "全员合格"


def test_class_admin_administers_the_class_they_create(flow):
    admin = actor_of(flow, CLASS)
    plan = flow.create_plan(admin, name="仪器培训", start=D(2026, 4, 1), end=D(2026, 4, 1),
                            planned_participants=5, hours=Decimal(4), expense=Decimal(0))
    account = flow.store.state().accounts["class1"]
    assert plan.id in account.grant(CLASS).classes
    flow.publish_plan(Actor(account, CLASS), plan.id)


def test_attendance_credits_hours_only_when_confirmed(flow):
    admin = actor_of(flow, INST)
    before = hours(flow, "a_dept")
    assert flow.add_attendees(admin, "P1", ["a_dept", "s1"]) == ["a_dept"]
    assert hours(flow, "a_dept") == before
    flow.confirm_attendance(admin, "P1", ["a_dept"])
    assert hours(flow, "a_dept") == before + 32
    flow.undo_confirmation(admin, "P1", ["a_dept"])
    assert hours(flow, "a_dept") == before


def test_attendees_by_username_and_name(flow):
    admin = actor_of(flow, INST)
    assert flow.add_attendees(admin, "P2", ["staff1"]) == ["s1"]
    assert flow.add_attendees(admin, "P2", ["人员a_dept"]) == ["a_dept"]
    with pytest.raises(UnknownRecordError):
        flow.add_attendees(admin, "P2", ["nobody"])


def test_ambiguous_names_are_refused_with_candidates(flow):
    admin = actor_of(flow, INST)
    flow.set_person(admin, "s1", hire_date=None)
    import attrs

    from casedu.services.changes import Change

    flow.store.commit([Change(p, attrs.evolve(p, name="张伟")) for p in (
        flow.store.get("people", ("s1",)), flow.store.get("people", ("s2",)))], [])
    with pytest.raises(WorkflowError, match=r"fits 2 people: s1 .*; s2 "):
        flow.add_attendees(admin, "P1", ["a_inst", "张伟"])
    assert not [a for a in flow.store.state().dataset.attendance if a.person == "a_inst"]


def test_confirming_someone_not_added_changes_nothing(flow):
    admin = actor_of(flow, INST)
    events = len(flow.store.events())
    with pytest.raises(WorkflowError, match="not added to plan P1: s2"):
        flow.confirm_attendance(admin, "P1", ["s1", "s2"])
    assert len(flow.store.events()) == events
    assert all(not a.confirmed for a in flow.store.state().dataset.attendance)


def test_external_learning_review(flow):
    staff = actor_of(flow, STAFF)
    record = flow.submit_external(staff, category="学术会议", title="年会", start=D(2026, 5, 1),
                                  end=D(2026, 5, 2), hours=Decimal(12))
    assert record.status is ExternalStatus.PENDING and record.person == "s1"
    before = hours(flow, "s1")
    flow.edit_external(staff, record.id, hours=Decimal(14))
    dept = actor_of(flow, DEPT)
    with pytest.raises(InvalidValueError, match="reason"):
        flow.reject_external(dept, record.id, "  ")
    assert [r.id for r in flow.pending_external(dept)] == ["E1", record.id]
    approved = flow.approve_external(dept, record.id)
    assert approved.reviewer == "dept1"
    assert hours(flow, "s1") == before + 14
    with pytest.raises(WorkflowError, match="approved"):
        flow.edit_external(staff, record.id, hours=Decimal(1))
    with pytest.raises(WorkflowError, match="not pending"):
        flow.reject_external(dept, record.id, "重复")
    rejected = flow.reject_external(dept, "E1", "材料不全")
    assert rejected.review_note == "材料不全" and rejected.status is ExternalStatus.REJECTED


def test_withdraw_own_pending(flow):
    staff = actor_of(flow, STAFF)
    flow.withdraw_external(staff, "E1")
    assert "E1" not in {r.id for r in flow.store.state().dataset.external_learning}


def test_admin_entry_is_approved_at_once_and_batches_are_all_or_nothing(flow):
    dept = actor_of(flow, DEPT)
    record = flow.create_external(dept, "s1", category="进修", title="研修班",
                                  start=D(2026, 8, 1), end=D(2026, 8, 9), hours=Decimal(48))
    assert record.status is ExternalStatus.APPROVED and record.reviewer == "dept1"
    count = len(flow.store.state().dataset.external_learning)
    rows = [{"person": "s1", "category": "讲座", "title": "a", "start": D(2026, 1, 5),
             "end": D(2026, 1, 5), "hours": Decimal(2)},
            {"person": "s2", "category": "讲座", "title": "b", "start": D(2026, 1, 5),
             "end": D(2026, 1, 5), "hours": Decimal(2)}]
    from casedu.errors import PermissionDeniedError

    with pytest.raises(PermissionDeniedError):
        flow.create_external_batch(dept, rows)  # s2 is of another department
    assert len(flow.store.state().dataset.external_learning) == count


def test_people_flags_and_new_hires(flow):
    admin = actor_of(flow, INST)
    flow.set_person(admin, "s1", hire_date=D(2026, 3, 1))
    flow.set_person(admin, "s2", hire_date=D(2026, 7, 1))
    assert [p.id for p in flow.new_hires(admin, 2026)] == ["s1", "s2"]
    assert [p.id for p in flow.new_hires(actor_of(flow, DEPT), 2026)] == ["s1"]
    assert flow.set_person(admin, "s1", hours_required=False).hours_required is False


def test_backbone_report_is_all_or_nothing_with_reasons(flow):
    admin = actor_of(flow, INST)
    with pytest.raises(WorkflowError, match=r"a_dept .*0 h of 100 needed"):
        flow.report_backbone(admin, 2026, ["s1", "a_dept"])
    assert {r.person for r in flow.store.state().dataset.backbone_reports} == {"s2"}
    assert flow.report_backbone(admin, 2026, ["s1", "s2"]) == ["s1"]
    report = next(r for r in flow.store.state().dataset.backbone_reports if r.person == "s1")
    assert report.reported_on == D(2026, 12, 20)
    with pytest.raises(WorkflowError, match="not reported"):
        flow.revoke_backbone(admin, 2026, ["s1", "a_dept"])
    assert flow.revoke_backbone(admin, 2026, ["s1", "s2"]) == ["s1", "s2"]
    assert flow.store.state().dataset.backbone_reports == ()
    with pytest.raises(PermissionDeniedError, match="references person x1 of IOA"):
        flow.report_backbone(admin, 2026, ["x1"])


def test_summary_life_and_freeze(flow):
    admin = actor_of(flow, INST)
    summary = flow.create_summary(admin, 2026)
    assert summary.status is SummaryStatus.DRAFT
    assert summary.figures["backbone_reported"] == 1
    with pytest.raises(WorkflowError, match="already"):
        flow.create_summary(admin, 2026)
    with pytest.raises(WorkflowError, match="total investment"):
        flow.submit_summary(admin, 2026)
    for amount in ("١٢٣٤٥.٦٠", "１２３４５", "1e5", "12,345"):  # Decimal() read the first two
        with pytest.raises(InvalidValueError, match="total_investment: expected a decimal"):
            flow.edit_summary(admin, 2026, total_investment=amount)
    edited = flow.edit_summary(admin, 2026, total_investment="12345.60", total_person_times=99)
    assert edited.figures["total_investment"] == "12345.60"
    assert edited.figures["total_person_times"] == 99
    submitted = flow.submit_summary(admin, 2026)
    assert submitted.submitted and submitted.submitted_on == D(2026, 12, 20)
    frozen = dict(submitted.figures)
    flow.report_backbone(admin, 2026, ["s1"])  # data changes after submission ...
    after = flow.store.state().dataset.summary("IOP", 2026)
    assert after.figures == frozen  # ... do not alter the submitted summary
    for operation in (lambda: flow.refresh_summary(admin, 2026),
                      lambda: flow.edit_summary(admin, 2026, total_person_times=1),
                      lambda: flow.submit_summary(admin, 2026)):
        with pytest.raises(WorkflowError, match="frozen"):
            operation()
    with pytest.raises(UnknownRecordError, match="create it first"):
        flow.refresh_summary(admin, 2024)


def test_refresh_picks_up_new_data(flow):
    admin = actor_of(flow, INST)
    flow.create_summary(admin, 2026)
    flow.report_backbone(admin, 2026, ["s1"])
    assert flow.refresh_summary(admin, 2026).figures["backbone_reported"] == 2


def test_unknown_edit_fields_are_refused(flow):
    admin = actor_of(flow, INST)
    with pytest.raises(InvalidValueError, match="cannot set status"):
        flow.edit_plan(admin, "P1", status=PlanStatus.DRAFT)
