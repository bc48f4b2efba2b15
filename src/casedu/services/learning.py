"""Operations on external learning and on people (外部学习, 人员管理, 学习档案)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

import attrs

from casedu.errors import InvalidValueError, UnknownRecordError, WorkflowError, expect
from casedu.metrics import LearningArchive, OverviewRow, learning_archive, staff_overview
from casedu.model import Dataset, ExternalLearning, ExternalStatus, Person, Role
from casedu.reports.document import Document
from casedu.services.authorization import Actor, Target
from casedu.services.base import UNSET, WorkflowBase
from casedu.services.paging import PAGE_SIZE, Page, check_window
from casedu.services.plans import _next_id, _only
from casedu.services.reads import person_matches
from casedu.services.retry import retry
from casedu.services.unit_of_work import UnitOfWork

__all__ = ["LearningOperations"]

#: How many times a batch whose new ids were taken meanwhile is written again: each time at
#: least one of the writers at once wins, so as many as writers can collide.
ID_ATTEMPTS = 30

EXTERNAL_FIELDS = frozenset({"category", "title", "start", "end", "hours"})


class LearningOperations(WorkflowBase):
    """我的外部学习 (staff), 外部学习审核 and 审核创建/导入 (admins), 人员管理."""

    # -- staff: their own external learning -------------------------------------------------

    def submit_external(self, actor: Actor, *, category: str, title: str, start: dt.date,
                        end: dt.date, hours: Decimal) -> ExternalLearning:
        """新添记录: a staff member records their own external learning, pending review."""
        person_id = self._own_person(actor, "submit_external")
        uow0 = self._peek()
        target = self._person_target(uow0, person_id)
        new_id = _next_id("EL-", uow0.ids("external_learning", "EL-"))
        with self._operation(actor, "submit_external", target) as uow:
            return uow.add(ExternalLearning(
                id=new_id, person=person_id, category=category, title=title, start=start,
                end=end, hours=hours, status=ExternalStatus.PENDING))

    def my_external(self, actor: Actor) -> list[ExternalLearning]:
        """我的外部学习: the external learning of the account's own person, in the order it was
        recorded."""
        person_id = self._own_person(actor, "view_archive")
        target = self._person_target(self._peek(), person_id)
        uow = self._read(actor, "view_archive", target)
        return uow.find("external_learning", person=person_id)

    def view_external(self, actor: Actor, record_id: str) -> ExternalLearning:
        """One external-learning record, for whoever may see its person's archive."""
        uow0 = self._peek()
        record = _external(uow0, record_id)
        uow = self._read(actor, "view_archive", self._person_target(uow0, record.person))
        return _external(uow, record_id)

    def edit_external(self, actor: Actor, record_id: str, **changes: Any) -> ExternalLearning:
        """Change one's own record while it is pending."""
        _only(changes, EXTERNAL_FIELDS)
        with self._own_pending(actor, "edit_external", record_id) as (uow, record):
            return uow.replace(record, attrs.evolve(record, **changes))

    def withdraw_external(self, actor: Actor, record_id: str) -> None:
        """Withdraw one's own record while it is pending."""
        with self._own_pending(actor, "withdraw_external", record_id) as (uow, record):
            uow.remove(record)

    # -- admins: review and entry ----------------------------------------------------------

    def pending_external(self, actor: Actor) -> list[ExternalLearning]:
        """The pending records of the people in the actor's scope (外部学习审核 list)."""
        grant = actor.grant
        target = Target(institute=grant.institute, department=grant.department,
                        label="pending external learning")
        uow = self._read(actor, "review_external", target)
        pending = uow.find("external_learning", institute=grant.institute,
                           status=ExternalStatus.PENDING)
        if actor.role is Role.INSTITUTE_ADMIN:
            return pending
        people = {p.id for p in uow.find("people", institute=grant.institute,
                                         department=grant.department)}
        return [r for r in pending if r.person in people]

    def review_queue(self, actor: Actor, *, limit: int = PAGE_SIZE,
                     offset: int = 0) -> Page[tuple[ExternalLearning, Person]]:
        """外部学习审核: a page of the pending records of the people in scope, with their
        people (those of :meth:`pending_external`), read a page at a time by the store."""
        check_window(limit, offset)
        grant = actor.grant
        department = grant.department if actor.role is Role.DEPARTMENT_ADMIN else None
        self._read(actor, "review_external", Target(
            institute=grant.institute, department=grant.department,
            label="pending external learning"))
        items, total = self.store.pending_external(grant.institute, department=department,
                                                   limit=limit, offset=offset)
        return Page(items=items, total=total, offset=offset, limit=limit)

    def approve_external(self, actor: Actor, record_id: str) -> ExternalLearning:
        """审核通过: the hours are credited."""
        return self._review(actor, record_id, ExternalStatus.APPROVED, None)

    def reject_external(self, actor: Actor, record_id: str, reason: str) -> ExternalLearning:
        """审核不通过, with the reason."""
        if not reason.strip():
            raise InvalidValueError("a rejection gives its reason", field="reason")
        return self._review(actor, record_id, ExternalStatus.REJECTED, reason)

    def create_external(self, actor: Actor, person_id: str, *, category: str, title: str,
                        start: dt.date, end: dt.date, hours: Decimal) -> ExternalLearning:
        """审核创建: an admin records external learning for a person in scope, approved at
        once with the admin as reviewer."""
        records = self.create_external_batch(actor, [{
            "person": person_id, "category": category, "title": title, "start": start,
            "end": end, "hours": hours}])
        return records[0]

    def create_external_batch(self, actor: Actor,
                              rows: Iterable[Mapping[str, Any]]) -> list[ExternalLearning]:
        """审核导入: several records at once, all approved with the admin as reviewer; all or
        none (a person out of scope refuses the whole batch)."""
        rows = list(rows)
        # the new ids are the next free ones when the records are written: an import that
        # finds them taken meanwhile by another writer (a conflict, nothing written) takes the
        # next ones and writes again, so that concurrent importers lose no row
        return retry(self._create_external_batch, attempts=ID_ATTEMPTS,
                     longest_wait=0.5)(actor, rows)

    def _create_external_batch(self, actor: Actor,
                               rows: list[Mapping[str, Any]]) -> list[ExternalLearning]:
        uow0 = self._peek()
        ids = uow0.ids("external_learning", "EL-")
        planned: list[tuple[Target, dict[str, Any]]] = []
        for row in rows:
            _only({k: v for k, v in row.items() if k != "person"}, EXTERNAL_FIELDS)
            if "person" not in row:
                raise InvalidValueError("each record names its person", field="person")
            planned.append((self._person_target(uow0, row["person"]), dict(row)))
        if not planned:
            return []
        for target, _ in planned[1:]:  # every person's scope, before anything is written
            self._read(actor, "create_external", target)
        with self._operation(actor, "create_external", planned[0][0]) as uow:
            created = []
            for _, row in planned:
                new_id = _next_id("EL-", ids)
                ids.add(new_id)
                created.append(uow.add(ExternalLearning(
                    id=new_id, status=ExternalStatus.APPROVED, reviewer=actor.username,
                    **row)))
            return created

    def _review(self, actor: Actor, record_id: str, status: ExternalStatus,
                reason: str | None) -> ExternalLearning:
        with self._looking() as uow0:  # the record, its person and the account: one look
            record = _external(uow0, record_id)
            target = self._person_target(uow0, record.person)
            uow0.account(actor.username)
            with self._operation(actor, "review_external", target, seen=uow0) as uow:
                record = _external(uow, record_id)
                if record.status is not ExternalStatus.PENDING:
                    raise WorkflowError(f"external learning {record_id} is "
                                        f"{record.status.value}, not pending")
                return uow.replace(record, attrs.evolve(record, status=status,
                                                        reviewer=actor.username,
                                                        review_note=reason))

    @contextmanager
    def _own_pending(self, actor: Actor, operation: str,
                     record_id: str) -> Iterator[tuple[UnitOfWork, ExternalLearning]]:
        """An operation of staff on their own record while it is pending."""
        uow0 = self._peek()
        target = self._person_target(uow0, _external(uow0, record_id).person)
        with self._operation(actor, operation, target) as uow:
            current = _external(uow, record_id)
            if current.status is not ExternalStatus.PENDING:
                raise WorkflowError(f"external learning {record_id} is "
                                    f"{current.status.value}: only pending records change")
            yield uow, current

    # -- people ----------------------------------------------------------------------------

    def set_person(self, actor: Actor, person_id: str, *, hours_required: Any = UNSET,
                   hire_date: Any = UNSET, in_service: Any = UNSET) -> Person:
        """人员管理: mark 是否有学时要求, set 入职时间 (or None), set 在职."""
        changes = {k: v for k, v in (("hours_required", hours_required),
                                     ("hire_date", hire_date), ("in_service", in_service))
                   if v is not UNSET}
        with self._operation(actor, "set_person",
                             self._person_target(self._peek(), person_id)) as uow:
            person = self._person(uow, person_id)
            return uow.replace(person, attrs.evolve(person, **changes))

    def list_people(self, actor: Actor, *, text: str | None = None,
                    hired_in: int | None = None, limit: int = PAGE_SIZE,
                    offset: int = 0) -> Page[Person]:
        """人员管理: the people of the actor's scope whose id, name or email holds ``text``, in
        the order of the roster, a page at a time; with ``hired_in``, only those hired in that
        year (本年度新入职职工: a year's new hires are few, so they are found among the
        scope's roster, which is read without its learning records)."""
        check_window(limit, offset)
        if text is not None:
            expect("text", text, str, what="a part of an id, a name or an email")
        grant = actor.grant
        department = grant.department if actor.role is Role.DEPARTMENT_ADMIN else None
        target = Target(institute=grant.institute, department=department, label="people")
        uow = self._read(actor, "list_people", target)
        wanted = (text or "").strip() or None
        if hired_in is None:
            people, total = self.store.search_people(grant.institute, department=department,
                                                     text=wanted, limit=limit, offset=offset)
            return Page(items=people, total=total, offset=offset, limit=limit)
        expect("hired_in", hired_in, int, what="a year such as 2026")
        where = {} if department is None else {"department": department}
        found = [p for p in uow.find("people", institute=grant.institute, **where)
                 if p.is_new_hire(hired_in) and (wanted is None or person_matches(p, wanted))]
        return Page(items=found[offset:offset + limit], total=len(found), offset=offset,
                    limit=limit)

    def new_hires(self, actor: Actor, year: int) -> list[Person]:
        """本年度新入职职工 in the actor's scope (hired in ``year``)."""
        grant = actor.grant
        target = Target(institute=grant.institute, department=grant.department,
                        label=f"new hires of {year}")
        uow = self._read(actor, "list_new_hires", target)
        where = {} if actor.role is Role.INSTITUTE_ADMIN else {"department": grant.department}
        return [p for p in uow.find("people", institute=grant.institute, **where)
                if p.is_new_hire(year)]

    def archive(self, actor: Actor, person_id: str) -> LearningArchive:
        """我的档案 for staff, 职工学习总体情况 for admins: a person's learning archive (read as
        that person's share of the data, not the institute's)."""
        target = self._person_target(self._peek(), person_id)
        self._read(actor, "view_archive", target)
        return learning_archive(self.store.people_data([person_id]), person_id,
                                policy=self.policy)

    def staff_overview(self, actor: Actor, year: int) -> tuple[OverviewRow, ...]:
        """职工学习总体情况统计 within the actor's scope: the institute for its admin, the
        department for a department admin (管理范围内)."""
        uow, department = self._overview_scope(actor, year)
        institute = actor.grant.institute
        return staff_overview(uow.roster(institute), institute, year, policy=self.policy,
                              hours=uow.year_hours(year, institute, self.policy),
                              department=department)

    def overview_page(self, actor: Actor, year: int, *, text: str | None = None,
                      limit: int = PAGE_SIZE, offset: int = 0) -> Page[OverviewRow]:
        """职工学习总体情况统计 a page at a time: the people of the actor's scope (管理范围内)
        whose id, name or email holds ``text``, in the order of the roster, each with their
        year's hours. The page's people are read, and their hours as the store keeps them
        summed (:meth:`~casedu.services.Store.year_hours` of those people), never the
        learning records nor anyone else's sums, so a page costs the same in an academy as
        in one institute."""
        check_window(limit, offset)
        expect("year", year, int, what="a year such as 2026")
        if text is not None:
            expect("text", text, str, what="a part of an id, a name or an email")
        uow, department = self._overview_scope(actor, year)
        institute = actor.grant.institute
        people, total = self.store.search_people(
            institute, department=department, text=(text or "").strip() or None, limit=limit,
            offset=offset)
        rows: tuple[OverviewRow, ...] = ()
        if people:
            share = Dataset(
                institutes=[i for i in [uow.get("institutes", (institute,))] if i is not None],
                departments=uow.find("departments", institute=institute), people=people)
            by_id = {r.person.id: r for r in staff_overview(  # the hours alone
                share, institute, year, policy=self.policy,
                hours=uow.year_hours(year, institute, self.policy, singles=False,
                                     people=[p.id for p in people]))}
            rows = tuple(by_id[p.id] for p in people)
        return Page(items=rows, total=total, offset=offset, limit=limit)

    def report(self, actor: Actor, name: str, year: int, *,
               person: str | None = None) -> Document:
        """A report as a document, built only from what the actor may see: the institute's
        reports for its admin, the staff overview of the actor's scope, an archive of a person
        in scope (one's own for staff). Export it with :func:`casedu.exporters.export`."""
        from casedu.reports import REPORTS, ReportContext, build_report

        if name not in REPORTS:
            raise UnknownRecordError(f"no report {name!r}; the reports are {', '.join(REPORTS)}")
        department = None
        if name == "archive":
            if not isinstance(person, str):
                raise InvalidValueError("the archive report is about one person: name them",
                                        field="person")
            uow = self._read(actor, "view_archive", self._person_target(self._peek(), person))
            institute = self._person(uow, person).institute
            context = ReportContext(self.store.people_data([person]), institute, year,
                                    policy=self.policy)  # one person's share, as the page's
            return build_report(name, context, person=person)
        if name == "staff-overview":
            uow, department = self._overview_scope(actor, year)
            institute = actor.grant.institute
        else:
            institute = actor.grant.institute
            uow = self._read(actor, "view_reports",
                             Target(institute=institute, label=f"{name} {year}"))
        if name == "class-stats":  # the institute's plans are all its rows read
            plans = uow.find("plans", institute=institute)
            context = ReportContext(
                Dataset(institutes=[i for i in [uow.get("institutes", (institute,))]
                                    if i is not None], plans=plans),
                institute, year, policy=self.policy)
        else:  # the roster and the year's sums
            context = ReportContext(uow.roster(institute), institute, year, policy=self.policy,
                                    hours_override=uow.year_hours(year, institute, self.policy),
                                    department=department)
        return build_report(name, context, person=person)

    def _overview_scope(self, actor: Actor, year: int) -> tuple[UnitOfWork, str | None]:
        grant = actor.grant
        department = grant.department if actor.role is Role.DEPARTMENT_ADMIN else None
        target = Target(institute=grant.institute, department=department,
                        label=f"staff overview {year}")
        return self._read(actor, "view_overview", target), department

    def _own_person(self, actor: Actor, operation: str) -> str:
        """The account's own person; an account without one (an admin's, the academy's) is
        authorized against its institute first, so that a role that may not perform the
        operation is refused and audited as for any other record."""
        if actor.account.person is None:
            self._read(actor, operation, Target(institute=actor.grant.institute,
                                                label="own records"))
            raise WorkflowError(f"{actor.username} is not linked to a person")
        return actor.account.person


def _external(uow: UnitOfWork, record_id: str) -> ExternalLearning:
    record: ExternalLearning | None = uow.get("external_learning", (record_id,))
    if record is None:
        raise UnknownRecordError(f"no external-learning record {record_id!r}")
    return record
