"""Operations on training plans, their classes and attendance (培训计划, 培训实施)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

import attrs

from casedu.errors import InvalidValueError, UnknownRecordError, WorkflowError
from casedu.model import (
    Attendance,
    AttendanceStatus,
    Implementation,
    Person,
    PlanKind,
    PlanStatus,
    Role,
    TrainingPlan,
)
from casedu.services.authorization import Actor, Target
from casedu.services.base import WorkflowBase
from casedu.services.unit_of_work import UnitOfWork

__all__ = ["PlanOperations"]

#: The plan fields ``edit_plan`` may change.
PLAN_FIELDS = frozenset({
    "name", "premium", "audience", "content", "objectives", "start", "end", "location",
    "planned_participants", "hours", "expense", "contact", "phone",
})
#: The implementation fields ``implement_plan`` and ``edit_implementation`` may set.
IMPLEMENTATION_FIELDS = frozenset(attrs.fields_dict(Implementation))


class PlanOperations(WorkflowBase):
    """创建培训计划 → 发布 → 实施计划 → 培训成效; 实际参会人员 → 确认参加."""

    def create_plan(self, actor: Actor, *, name: str, start: dt.date, end: dt.date,
                    planned_participants: int, hours: Decimal, expense: Decimal,
                    premium: bool = False, department: str | None = None,
                    plan_id: str | None = None, **text: str | None) -> TrainingPlan:
        """新建计划 (项目计划): a draft plan, which creates its class. A department admin's plan
        belongs to their department; a class admin administers the class they create."""
        grant = actor.grant
        if actor.role is Role.DEPARTMENT_ADMIN and department is None:
            department = grant.department
        _only(text, {"audience", "content", "objectives", "location", "contact", "phone"})
        uow0 = self._peek()
        references = self._department_reference(uow0, department)
        new_id = plan_id or _next_id(f"{grant.institute}-TP", uow0.ids("plans",
                                                                     f"{grant.institute}-TP"))
        target = Target(institute=grant.institute, department=department, plan=new_id,
                        label=f"plan {new_id}", references=references)
        with self._operation(actor, "create_plan", target) as uow:
            if uow.get("plans", (new_id,)) is not None:
                raise WorkflowError(f"a plan {new_id!r} exists already")
            plan = uow.add(TrainingPlan(
                id=new_id, institute=grant.institute, department=department, name=name,
                kind=PlanKind.PROJECT, premium=premium, start=start, end=end,
                planned_participants=planned_participants, hours=hours, expense=expense,
                status=PlanStatus.DRAFT, audience=text.get("audience"),
                content=text.get("content"), objectives=text.get("objectives"),
                location=text.get("location"), contact=text.get("contact"),
                phone=text.get("phone"),
            ))
            if actor.role is Role.CLASS_ADMIN:
                account = uow.account(actor.username)
                assert account is not None  # authorized just now
                grants = tuple(
                    attrs.evolve(g, classes=g.classes | {new_id})
                    if g.role is Role.CLASS_ADMIN else g for g in account.grants)
                uow.replace(account, attrs.evolve(account, grants=grants))
        return plan

    def edit_plan(self, actor: Actor, plan_id: str, **changes: Any) -> TrainingPlan:
        """Change a plan that is not implemented (an implemented one keeps its actual figures
        in the implementation: use :meth:`edit_implementation`)."""
        _only(changes, PLAN_FIELDS)
        with self._plan_operation(actor, "edit_plan", plan_id) as (uow, plan):
            if plan.implemented:
                raise WorkflowError(f"plan {plan_id} is implemented: edit its implementation")
            return uow.replace(plan, attrs.evolve(plan, **changes))

    def publish_plan(self, actor: Actor, plan_id: str) -> TrainingPlan:
        """未发布 → 发布."""
        with self._plan_operation(actor, "publish_plan", plan_id) as (uow, plan):
            if plan.status is PlanStatus.PUBLISHED:
                raise WorkflowError(f"plan {plan_id} is published already")
            return uow.replace(plan, attrs.evolve(plan, status=PlanStatus.PUBLISHED))

    def unpublish_plan(self, actor: Actor, plan_id: str) -> TrainingPlan:
        """发布 → 未发布, only while the plan is not implemented."""
        with self._plan_operation(actor, "unpublish_plan", plan_id) as (uow, plan):
            if plan.status is PlanStatus.DRAFT:
                raise WorkflowError(f"plan {plan_id} is not published")
            if plan.implemented:
                raise WorkflowError(f"plan {plan_id} is implemented and stays published")
            return uow.replace(plan, attrs.evolve(plan, status=PlanStatus.DRAFT))

    def implement_plan(self, actor: Actor, plan_id: str, *, attendees: int | None = None,
                       staff: int = 0, **actual: Any) -> TrainingPlan:
        """实施计划: record what actually happened; every figure defaults to the plan's
        (参会人数 to the planned participants). 未实施 → 已实施."""
        _only(actual, IMPLEMENTATION_FIELDS - {"attendees", "staff"})
        with self._plan_operation(actor, "implement_plan", plan_id) as (uow, plan):
            if plan.status is not PlanStatus.PUBLISHED:
                raise WorkflowError(f"plan {plan_id} is a draft: publish it before implementing")
            if plan.implemented:
                raise WorkflowError(f"plan {plan_id} is implemented already")
            implementation = Implementation(
                attendees=plan.planned_participants if attendees is None else attendees,
                staff=staff, **actual)
            return uow.replace(plan, attrs.evolve(plan, implementation=implementation))

    def edit_implementation(self, actor: Actor, plan_id: str, **changes: Any) -> TrainingPlan:
        """Change the actual figures of an implemented plan."""
        _only(changes, IMPLEMENTATION_FIELDS)
        with self._plan_operation(actor, "edit_implementation", plan_id) as (uow, plan):
            if plan.implementation is None:
                raise WorkflowError(f"plan {plan_id} is not implemented")
            implementation = attrs.evolve(plan.implementation, **changes)
            return uow.replace(plan, attrs.evolve(plan, implementation=implementation))

    def set_effectiveness(self, actor: Actor, plan_id: str, text: str) -> TrainingPlan:
        """培训成效: the training's summary, once it is implemented."""
        if not text.strip():
            raise InvalidValueError("the effectiveness is a text", field="effectiveness")
        with self._plan_operation(actor, "set_effectiveness", plan_id) as (uow, plan):
            if not plan.implemented:
                raise WorkflowError(f"plan {plan_id} is not implemented: implement it first")
            return uow.replace(plan, attrs.evolve(plan, effectiveness=text))

    # -- attendance ------------------------------------------------------------------------

    def add_attendees(self, actor: Actor, plan_id: str, people: Iterable[str], *,
                      confirm: Iterable[str] = ()) -> list[str]:
        """添加实际参会人员: add people by id, username or name; all or none. A name that fits
        several people is refused with the candidates. Returns the ids added (people already on
        the class are left as they are). People also named in ``confirm`` are confirmed in the
        same transaction (other-person import with 确认参加)."""
        uow0 = self._peek()
        institute = self._plan(uow0, plan_id).institute
        ids = [_resolve(uow0, who, institute) for who in people]
        to_confirm = {_resolve(uow0, who, institute) for who in confirm}
        if to_confirm:  # confirming in the same step is confirming: nobody confirms themselves
            self._read(actor, "confirm_attendance", attrs.evolve(
                self._plan_target(uow0, plan_id),
                references=self._people_references(uow0, to_confirm)))
        with self._plan_operation(actor, "add_attendees", plan_id, ids) as (uow, plan):
            if to_confirm and plan.status is not PlanStatus.PUBLISHED:
                raise WorkflowError(f"plan {plan_id} is a draft: publish it before confirming")
            on_plan = {a.person: a for a in uow.find("attendance", plan=plan.id)}
            added = []
            for person_id in dict.fromkeys(ids):
                status = (AttendanceStatus.CONFIRMED if person_id in to_confirm
                          else AttendanceStatus.ADDED)
                current = on_plan.get(person_id)
                if current is None:
                    uow.add(Attendance(plan=plan.id, person=person_id, status=status))
                    added.append(person_id)
                elif status is AttendanceStatus.CONFIRMED and not current.confirmed:
                    uow.replace(current, attrs.evolve(current, status=status))
            return added

    def confirm_attendance(self, actor: Actor, plan_id: str,
                           person_ids: Iterable[str]) -> list[str]:
        """勾选实际参加人员 → 确认参加: credits the class hours. All or none."""
        return self._set_attendance(actor, "confirm_attendance", plan_id, person_ids,
                                    AttendanceStatus.CONFIRMED)

    def undo_confirmation(self, actor: Actor, plan_id: str,
                          person_ids: Iterable[str]) -> list[str]:
        """Undo a confirmation: the class hours are no longer credited. All or none."""
        return self._set_attendance(actor, "undo_confirmation", plan_id, person_ids,
                                    AttendanceStatus.ADDED)

    def _set_attendance(self, actor: Actor, operation: str, plan_id: str,
                        person_ids: Iterable[str], status: AttendanceStatus) -> list[str]:
        wanted = list(dict.fromkeys(person_ids))
        with self._plan_operation(actor, operation, plan_id, wanted) as (uow, plan):
            if status is AttendanceStatus.CONFIRMED and plan.status is not PlanStatus.PUBLISHED:
                raise WorkflowError(f"plan {plan_id} is a draft: publish it before confirming")
            on_plan = {a.person: a for a in uow.find("attendance", plan=plan.id)}
            missing = [p for p in wanted if p not in on_plan]
            if missing:
                raise WorkflowError(f"not added to plan {plan_id}: {', '.join(missing)}")
            changed = []
            for person_id in wanted:
                record = on_plan[person_id]
                if record.status is not status:
                    uow.replace(record, attrs.evolve(record, status=status))
                    changed.append(person_id)
            return changed

    @contextmanager
    def _plan_operation(self, actor: Actor, operation: str, plan_id: str,
                        people: Iterable[str] = ()) -> Iterator[tuple[UnitOfWork, TrainingPlan]]:
        """An operation on one plan, authorized against the plan's scope and the people it
        names."""
        uow0 = self._peek()
        target = attrs.evolve(self._plan_target(uow0, plan_id),
                              references=self._people_references(uow0, people))
        with self._operation(actor, operation, target) as uow:
            yield uow, self._plan(uow, plan_id)


def _resolve(uow: UnitOfWork, who: str, institute: str) -> str:
    """A person id, or a username or name that fits exactly one person of ``institute`` (names
    and usernames are looked up inside the institute only: the answer never shows another
    institute's people)."""
    if not isinstance(who, str):
        raise InvalidValueError(f"a person is named by an id, a username or a name, got {who!r}")
    if uow.get("people", (who,)) is not None:
        return who
    account = uow.account(who.lower()) or uow.account(who)
    if account is not None and account.person is not None and account.institute == institute:
        return account.person
    named: list[Person] = uow.find("people", institute=institute, name=who)
    if len(named) == 1:
        return named[0].id
    if not named:
        raise UnknownRecordError(f"no person, username or name {who!r}")
    candidates = "; ".join(
        f"{p.id} ({p.institute} {_department_name(uow, p.department)})"
        for p in named)
    raise WorkflowError(f"the name {who!r} fits {len(named)} people: {candidates}; use an id")


def _department_name(uow: UnitOfWork, department: str | None) -> str:
    if department is None:
        return "—"
    found = uow.get("departments", (department,))
    return department if found is None else str(found.name)


def _only(given: dict[str, Any], allowed: frozenset[str] | set[str]) -> None:
    unknown = sorted(set(given) - set(allowed))
    if unknown:
        raise InvalidValueError(f"cannot set {', '.join(unknown)}; settable: "
                                f"{', '.join(sorted(allowed))}")


def _next_id(prefix: str, existing: Any) -> str:
    number = len(existing) + 1
    while f"{prefix}{number:04d}" in existing:
        number += 1
    return f"{prefix}{number:04d}"
