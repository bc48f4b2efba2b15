"""Random sequences of operations by random actors against a simple model of the rules.

After every step: a refused operation changed nothing; an allowed one left exactly one audit event
per record it changed; everyone's hours and the statuses match the model; a submitted summary
never changes; and no role acted beyond its scope.
"""

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from casedu.errors import CaseduError, PermissionDeniedError
from casedu.metrics import year_hours
from casedu.model import AttendanceStatus, ExternalStatus, Role
from casedu.services import Actor
from casedu.services.changes import record_key
from tests.services import world
from tests.services.world import new_flow

INST, DEPT, CLASS, STAFF = (Role.INSTITUTE_ADMIN, Role.DEPARTMENT_ADMIN, Role.CLASS_ADMIN,
                            Role.STAFF)
ACTORS = [("IOP", INST), ("dept1", DEPT), ("class1", CLASS), ("staff1", STAFF),
          ("staff2", STAFF), ("IOA", INST)]
PLANS = ["P1", "P1i", "P1d", "P2", "P2i", "PX", "PXi"]
PEOPLE = ["a_inst", "s1", "s2", "x1"]
SECTIONS = ("plans", "attendance", "external_learning", "backbone_reports", "summaries",
            "people")


def may_manage_plan(username, role, plan):
    institute = "IOA" if plan.startswith("PX") else "IOP"
    department = {"1": "IOP-D1", "2": "IOP-D2", "X": "IOA-D1"}[plan[1]]
    if role is INST:
        return username == institute
    if role is DEPT:
        return username == "dept1" and department == "IOP-D1"
    if role is CLASS:
        return username == "class1" and plan in ("P1", "P1i", "P1d")
    return False


#: Each account's own person: nobody reviews or confirms a record about themselves.
OWN_PERSON = {"IOP": "a_inst", "dept1": "a_dept", "class1": "a_class", "staff1": "s1",
              "staff2": "s2"}


def may_review(username, role, person):
    institute = "IOA" if person == "x1" else "IOP"
    department = {"a_inst": "IOP-D1", "s1": "IOP-D1", "s2": "IOP-D2", "x1": "IOA-D1"}[person]
    if OWN_PERSON.get(username) == person:
        return False
    if role is INST:
        return username == institute
    return role is DEPT and username == "dept1" and department == "IOP-D1"


def may_name(plan, person):
    """A plan's attendees are people of the plan's institute."""
    return (person == "x1") == plan.startswith("PX")


class WorkflowMachine(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        self.flow, self.store = new_flow()
        data = self.store.state().dataset
        self.attendance = {(a.plan, a.person): a.status for a in data.attendance}
        self.external = {r.id: (r.person, r.hours, r.status) for r in data.external_learning}
        self.plan_hours = {p.id: p.class_hours for p in data.plans}
        self.published = {p.id for p in data.plans if p.status.value == "published"}
        self.frozen: dict[tuple[str, int], dict] = {}

    def actor(self, index):
        username, role = ACTORS[index]
        return Actor(self.store.state().accounts[username], role)

    def attempt(self, operation, allowed=None):
        """Run ``operation``; check a refusal changed nothing and a success was audited."""
        before, events = self.store.state(), len(self.store.events())
        try:
            result = operation()
        except CaseduError as error:
            assert self.store.state() == before
            new = self.store.events()[events:]
            # a refusal by the authorization is audited as denied; any other refusal leaves
            # nothing behind
            assert [e.outcome for e in new] == (
                ["denied"] * len(new) if isinstance(error, PermissionDeniedError) else [])
            assert new or not isinstance(error, PermissionDeniedError)
            if allowed is True:
                assert not isinstance(error, PermissionDeniedError), error
            return None, error
        assert allowed is not False, "an operation beyond the role's scope succeeded"
        changed = _changed_records(before, self.store.state())
        assert len(self.store.events()) - events == changed
        return result, None

    @rule(who=st.integers(0, len(ACTORS) - 1), plan=st.sampled_from(PLANS),
          person=st.sampled_from(PEOPLE))
    def add(self, who, plan, person):
        actor = self.actor(who)
        allowed = may_manage_plan(actor.username, actor.role, plan) and may_name(plan, person)
        _, error = self.attempt(lambda: self.flow.add_attendees(actor, plan, [person]), allowed)
        if error is None:
            self.attendance.setdefault((plan, person), AttendanceStatus.ADDED)

    @rule(who=st.integers(0, len(ACTORS) - 1), plan=st.sampled_from(PLANS),
          person=st.sampled_from(PEOPLE), confirm=st.booleans())
    def confirm_or_undo(self, who, plan, person, confirm):
        actor = self.actor(who)
        allowed = (may_manage_plan(actor.username, actor.role, plan) and may_name(plan, person)
                   and OWN_PERSON.get(actor.username) != person)
        operation = self.flow.confirm_attendance if confirm else self.flow.undo_confirmation
        _, error = self.attempt(lambda: operation(actor, plan, [person]),
                                allowed if (plan, person) in self.attendance else None)
        expected_ok = (allowed and (plan, person) in self.attendance
                       and (plan in self.published or not confirm))
        assert (error is None) == expected_ok, error
        if error is None:
            self.attendance[(plan, person)] = (AttendanceStatus.CONFIRMED if confirm
                                               else AttendanceStatus.ADDED)

    @rule(who=st.integers(0, len(ACTORS) - 1), hours=st.integers(0, 80))
    def submit(self, who, hours):
        actor = self.actor(who)
        result, error = self.attempt(lambda: self.flow.submit_external(
            actor, category="学术会议", title="会议", start=dt.date(2026, 6, 1),
            end=dt.date(2026, 6, 2), hours=Decimal(hours)), actor.role is STAFF)
        assert (error is None) == (actor.role is STAFF)
        if result is not None:
            self.external[result.id] = (result.person, result.hours, ExternalStatus.PENDING)

    @rule(who=st.integers(0, len(ACTORS) - 1), data=st.data(), approve=st.booleans())
    def review(self, who, data, approve):
        record_id = data.draw(st.sampled_from(sorted(self.external)))
        person, hours, status = self.external[record_id]
        actor = self.actor(who)
        allowed = may_review(actor.username, actor.role, person)
        if approve:
            _, error = self.attempt(lambda: self.flow.approve_external(actor, record_id),
                                    allowed)
        else:
            _, error = self.attempt(
                lambda: self.flow.reject_external(actor, record_id, "不符合"), allowed)
        assert (error is None) == (allowed and status is ExternalStatus.PENDING), error
        if error is None:
            new = ExternalStatus.APPROVED if approve else ExternalStatus.REJECTED
            self.external[record_id] = (person, hours, new)

    @rule(who=st.integers(0, len(ACTORS) - 1), person=st.sampled_from(PEOPLE),
          report=st.booleans())
    def backbone(self, who, person, report):
        actor = self.actor(who)
        operation = self.flow.report_backbone if report else self.flow.revoke_backbone
        _, error = self.attempt(lambda: operation(actor, 2026, [person]))
        if actor.role is not INST:
            assert isinstance(error, PermissionDeniedError)

    @rule(who=st.integers(0, len(ACTORS) - 1), step=st.sampled_from(
        ["create", "refresh", "edit", "submit"]))
    def summary(self, who, step):
        actor = self.actor(who)
        calls = {
            "create": lambda: self.flow.create_summary(actor, 2026),
            "refresh": lambda: self.flow.refresh_summary(actor, 2026),
            "edit": lambda: self.flow.edit_summary(actor, 2026, total_investment="5000.00"),
            "submit": lambda: self.flow.submit_summary(actor, 2026),
        }
        result, error = self.attempt(calls[step])
        if actor.role is not INST:
            assert isinstance(error, PermissionDeniedError)
        if result is not None and result.submitted:
            self.frozen.setdefault((result.institute, result.year), dict(result.figures))

    @rule()
    def year_end(self):
        """The institute admin's whole year-end in one go, so later steps meet a frozen one."""
        admin = Actor(self.store.state().accounts["IOP"], INST)
        if self.store.state().dataset.summary("IOP", 2026) is None:
            self.attempt(lambda: self.flow.create_summary(admin, 2026), True)
        self.attempt(lambda: self.flow.edit_summary(admin, 2026, total_investment="100.00"))
        result, _ = self.attempt(lambda: self.flow.submit_summary(admin, 2026))
        if result is not None:
            self.frozen.setdefault(("IOP", 2026), dict(result.figures))

    @invariant()
    def hours_match_the_model(self):
        data = self.store.state().dataset
        hours = year_hours(data, 2026)
        for person in PEOPLE:
            expected = sum(
                (self.plan_hours[plan] for (plan, who), status in self.attendance.items()
                 if who == person and status is AttendanceStatus.CONFIRMED), Decimal(0))
            expected += sum((h for who, h, status in self.external.values()
                             if who == person and status is ExternalStatus.APPROVED),
                            Decimal(0))
            assert hours.of(person).total == expected, person

    @invariant()
    def statuses_match_the_model(self):
        data = self.store.state().dataset
        assert {(a.plan, a.person): a.status for a in data.attendance} == self.attendance
        assert {r.id: r.status for r in data.external_learning} == {
            k: v[2] for k, v in self.external.items()}

    @invariant()
    def submitted_summaries_never_change(self):
        data = self.store.state().dataset
        for (institute, year), figures in self.frozen.items():
            assert data.summary(institute, year).figures == figures


def _changed_records(before, after):
    count = 0
    for section in SECTIONS:
        old = {record_key(r): r for r in getattr(before.dataset, section)}
        new = {record_key(r): r for r in getattr(after.dataset, section)}
        count += sum(1 for k in old.keys() | new.keys() if old.get(k) != new.get(k))
    count += sum(1 for k in before.accounts.keys() | after.accounts.keys()
                 if before.accounts.get(k) != after.accounts.get(k))
    return count


WorkflowMachine.TestCase.settings = settings(
    max_examples=40, stateful_step_count=25, deadline=None,
    suppress_health_check=[HealthCheck.too_slow])
TestWorkflow = WorkflowMachine.TestCase


class _OnEngine:
    """The same machine over the SQL store of one engine (fewer runs: each step is a real
    transaction on a server)."""

    kind = "sqlite"

    def setUp(self):
        world.STORE_KIND["kind"] = self.kind

    def tearDown(self):
        world.STORE_KIND["kind"] = "memory"


def _on(kind):
    case = type(f"TestWorkflowOn{kind.title()}", (_OnEngine, WorkflowMachine.TestCase),
                {"kind": kind})
    case.settings = settings(max_examples=8, stateful_step_count=20, deadline=None,
                             suppress_health_check=[HealthCheck.too_slow])
    # on a server, a minute each: the full run's (the fast set runs it on SQLite)
    return case if kind == "sqlite" else pytest.mark.slow(case)


TestWorkflowOnSqlite = _on("sqlite")
TestWorkflowOnPostgresql = _on("postgresql")
TestWorkflowOnMariadb = _on("mariadb")
