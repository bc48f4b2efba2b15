"""The lists a portal's pages show, read within the actor's scope and a page at a time:
本机构计划 (the plans), a plan with its class, its 实际参会人员, and the people to add to it.

>>> import datetime as dt
>>> from casedu.sample import sample_dataset
>>> from casedu.services import MemoryStore, PasswordHasher, Workflow
>>> flow = Workflow(MemoryStore(sample_dataset()), hasher=PasswordHasher(n=2**4))
>>> _ = flow.bootstrap_institute_admin("DEMO")
>>> admin = flow.change_password(flow.login("DEMO", "DEMO654321"), "DEMO654321",
...                              "a-Better-one-2026")
>>> page = flow.list_plans(admin, 2026, limit=5)
>>> len(page.items), page.total > 5, page.pages > 1
(5, True, True)
"""

from __future__ import annotations

from casedu.errors import expect
from casedu.metrics.hours import plan_year
from casedu.model import (
    Attendance,
    Department,
    Person,
    PlanStatus,
    Role,
    TrainingPlan,
)
from casedu.services.authorization import Actor, Target
from casedu.services.base import WorkflowBase
from casedu.services.paging import PAGE_SIZE, Page, check_window

__all__ = ["ListingOperations"]


class ListingOperations(WorkflowBase):
    """Reads of lists, each authorized like any operation and paged."""

    def list_plans(self, actor: Actor, year: int | None, *, published: bool | None = None,
                   implemented: bool | None = None, text: str | None = None,
                   limit: int = PAGE_SIZE, offset: int = 0) -> Page[TrainingPlan]:
        """本机构计划: the plans in the actor's scope (the institute's, the department's, the
        classes a class admin administers) of statistics year ``year`` (R1; None: every year),
        drafts included, filtered by 发布/未发布, 已实施/未实施 and a part of the name, in the
        order of their start. An institute's plans are a few hundred: they are read whole and
        filtered here; people never are."""
        check_window(limit, offset)
        if year is not None:
            expect("year", year, int, what="a year such as 2026")
        grant = actor.grant
        department = grant.department if actor.role is Role.DEPARTMENT_ADMIN else None
        target = Target(institute=grant.institute, department=department, label="plans")
        uow = self._read(actor, "list_plans", target)
        if actor.role is Role.CLASS_ADMIN:
            plans = [p for p in (uow.get("plans", (c,)) for c in sorted(grant.classes))
                     if p is not None and p.institute == grant.institute]
        elif department is not None:
            plans = uow.find("plans", institute=grant.institute, department=department)
        else:
            plans = uow.find("plans", institute=grant.institute)
        wanted = [p for p in plans
                  if (year is None or plan_year(p, self.policy) == year)
                  and (published is None or (p.status is PlanStatus.PUBLISHED) == published)
                  and (implemented is None or p.implemented == implemented)
                  and (not text or text in p.name)]
        wanted.sort(key=lambda p: (p.actual_start, p.id))
        return Page(items=wanted[offset:offset + limit], total=len(wanted), offset=offset,
                    limit=limit)

    def view_plan(self, actor: Actor, plan_id: str) -> TrainingPlan:
        """A plan (and its class) in the actor's scope: what 实施计划 and 管理 open."""
        uow0 = self._peek()
        uow = self._read(actor, "view_plan", self._plan_target(uow0, plan_id))
        return self._plan(uow, plan_id)

    def class_attendees(self, actor: Actor, plan_id: str, *, limit: int = PAGE_SIZE,
                        offset: int = 0) -> Page[tuple[Attendance, Person]]:
        """实际参会人员: a page of a class's attendance records with their people."""
        check_window(limit, offset)
        self.view_plan(actor, plan_id)
        items, total = self.store.class_attendees(plan_id, limit=limit, offset=offset)
        return Page(items=items, total=total, offset=offset, limit=limit)

    def find_people(self, actor: Actor, text: str | None = None, *, plan_id: str | None = None,
                    limit: int = PAGE_SIZE, offset: int = 0,
                    operation: str = "view_overview") -> Page[Person]:
        """The people whose id, name or email holds ``text`` (every one for None), a page at a
        time: with ``plan_id``, the people of the class's institute, to add to it (其他人员添加:
        classes are held across departments); without, the people the actor manages
        (管理范围内: the institute's, or the department's for its admin), read under
        ``operation`` (a page that lists them to act on them names the action, so that a role
        that may read but not act is refused there)."""
        check_window(limit, offset)
        if text is not None:
            expect("text", text, str, what="a part of an id, a name or an email")
        wanted = (text or "").strip() or None
        if plan_id is not None:
            plan = self.view_plan(actor, plan_id)
            items, total = self.store.search_people(plan.institute, text=wanted, limit=limit,
                                                    offset=offset)
        else:
            grant = actor.grant
            department = grant.department if actor.role is Role.DEPARTMENT_ADMIN else None
            self._read(actor, operation, Target(
                institute=grant.institute, department=department, label="people"))
            items, total = self.store.search_people(grant.institute, department=department,
                                                    text=wanted, limit=limit, offset=offset)
        return Page(items=items, total=total, offset=offset, limit=limit)

    def departments(self, actor: Actor, *, operation: str = "create_plan") -> list[Department]:
        """The departments a new plan of the actor may belong to (新建计划): the institute's,
        or a department admin's own; read under ``operation`` (``list_people`` for a page
        that names the departments of the people it lists, which the academy admin reads)."""
        grant = actor.grant
        department = grant.department if actor.role is Role.DEPARTMENT_ADMIN else None
        uow = self._read(actor, operation, Target(
            institute=grant.institute, department=department, label="departments"))
        return [d for d in uow.find("departments", institute=grant.institute)
                if department is None or d.id == department]
