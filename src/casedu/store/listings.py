"""The SQL store's reads for the lists the services show a page at a time
(:mod:`casedu.services.listing`): a page of people found by a text, a page of a class's
attendance, a page of the external learning pending review, each with how many there are in all,
and a few people's share of the data, each read in one transaction (the meaning of each is
:mod:`casedu.services.reads`; a test holds every engine to it)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from casedu.errors import expect
from casedu.metrics.arguments import year_argument
from casedu.model import (
    Attendance,
    AttendanceStatus,
    Dataset,
    ExternalLearning,
    ExternalStatus,
    Person,
)
from casedu.policy import DEFAULT_POLICY, Policy, YearBasis
from casedu.services.reads import check_read, matches_nothing
from casedu.store.records import StoredValueError

if TYPE_CHECKING:
    from casedu.store.tables import Tables

__all__ = ["SqlListings"]


class SqlListings:
    """The lists' paged reads (a part of :class:`~casedu.store.SqlStore`)."""

    if TYPE_CHECKING:
        tables: Tables

        @property
        def dialect(self) -> str: ...

        def _reading(self) -> AbstractContextManager[sa.Connection]: ...

        def _select(self, section: str) -> sa.Select[Any]: ...

        def _record(self, section: str, row: sa.RowMapping) -> Any: ...

        def _records(self, section: str, result: sa.Result[Any]) -> list[Any]: ...

    def search_people(self, institute: str, *, department: str | None = None,
                      text: str | None = None, limit: int | None = None,
                      offset: int = 0) -> tuple[list[Person], int]:
        """A page of an institute's people and how many match in all."""
        check_read("people", limit=limit, offset=offset)
        if matches_nothing((institute, department, text)):
            return [], 0
        people = self.tables["people"]
        condition = people.c.institute == institute
        if department is not None:
            condition &= people.c.department == department
        if text:
            condition &= sa.or_(*(self._contains(people.c[name], text)
                                  for name in ("id", "name", "email")))
        with self._reading() as conn:
            total = conn.execute(sa.select(sa.func.count()).select_from(people)
                                 .where(condition)).scalar_one()
            rows = conn.execute(self._select("people").where(condition)
                                .order_by(people.c.row_id).offset(offset or None)
                                .limit(limit))
            return self._records("people", rows), int(total)

    def class_attendees(self, plan: str, *, limit: int | None = None,
                        offset: int = 0) -> tuple[list[tuple[Attendance, Person]], int]:
        """A page of a class's attendance with its people, and how many in all."""
        check_read("attendance", limit=limit, offset=offset)
        if matches_nothing([plan]):
            return [], 0
        attendance, people = self.tables["attendance"], self.tables["people"]
        with self._reading() as conn:
            total = conn.execute(sa.select(sa.func.count()).select_from(attendance)
                                 .where(attendance.c.plan == plan)).scalar_one()
            records = self._records("attendance", conn.execute(
                self._select("attendance").where(attendance.c.plan == plan)
                .order_by(attendance.c.row_id).offset(offset or None).limit(limit)))
            wanted = sorted({a.person for a in records})
            found = {p.id: p for p in self._records("people", conn.execute(
                self._select("people").where(people.c.id.in_(wanted))))}
            return [(a, found[a.person]) for a in records], int(total)

    def pending_external(self, institute: str, *, department: str | None = None,
                         year: int | None = None, policy: Policy = DEFAULT_POLICY,
                         limit: int | None = None, offset: int = 0,
                         ) -> tuple[list[tuple[ExternalLearning, Person]], int]:
        """A page of the external learning pending review of an institute's people (of one
        department, of one statistics year), with their people, and how many in all."""
        check_read("external_learning", limit=limit, offset=offset)
        if year is not None:
            year_argument(year)
        if matches_nothing((institute, department)):
            return [], 0
        external, people = self.tables["external_learning"], self.tables["people"]
        scope = people.c.institute == institute
        if department is not None:
            scope &= people.c.department == department
        condition = scope & (external.c.status == ExternalStatus.PENDING.value)
        if year is not None:  # R1: the record's start (or end) in the year
            basis = external.c.start if policy.year_basis is YearBasis.START else external.c.end
            condition &= basis.between(dt.date(year, 1, 1), dt.date(year, 12, 31))
        # the scope's pending records found from its people first (by the index on person and
        # status), then ordered: PostgreSQL otherwise walks every record in the order of the
        # page, looking for the scope's (155 ms for an institute of the academy, 8 ms so)
        scoped = sa.select(external).select_from(people.join(
            external, external.c.person == people.c.id)).where(condition).cte("scoped") \
            .prefix_with("MATERIALIZED", dialect="postgresql") \
            .prefix_with("MATERIALIZED", dialect="sqlite")
        with self._reading() as conn:
            total = conn.execute(sa.select(sa.func.count()).select_from(scoped)).scalar_one()
            records = [] if limit == 0 else self._records("external_learning", conn.execute(
                sa.select(scoped).order_by(scoped.c.row_id).offset(offset or None)
                .limit(limit)))
            wanted = sorted({r.person for r in records})
            found = {p.id: p for p in self._records("people", conn.execute(
                self._select("people").where(people.c.id.in_(wanted))))}
            return [(r, found[r.person]) for r in records], int(total)

    def attendance_counts(self, plans: Sequence[str]) -> dict[str, dict[AttendanceStatus, int]]:
        """How many attendance records each plan has in each status, counted by the
        database."""
        expect("plans", plans, list, tuple, set, frozenset, what="a list of plan ids")
        wanted = sorted({p for p in plans if isinstance(p, str) and not matches_nothing([p])})
        if not wanted:
            return {}
        attendance = self.tables["attendance"]
        counts: dict[str, dict[AttendanceStatus, int]] = {}
        with self._reading() as conn:
            for plan, status, count in conn.execute(
                    sa.select(attendance.c.plan, attendance.c.status, sa.func.count())
                    .where(attendance.c.plan.in_(wanted))
                    .group_by(attendance.c.plan, attendance.c.status)):
                try:
                    counted = AttendanceStatus(status)
                except ValueError:  # past the constraints (SQLite, MariaDB): never counted
                    raise StoredValueError(f"table attendance: a stored value cannot be read "
                                           f"(status {status!r} of plan {plan!r})") from None
                counts.setdefault(plan, {})[counted] = int(count)
        return counts

    def people_data(self, people: Sequence[str]) -> Dataset:
        """A few people's share of the data: those people with their learning records, the
        plans they attended, and the departments and institutes these name."""
        expect("people", people, list, tuple, set, frozenset, what="a list of person ids")
        t = self.tables
        wanted = sorted({p for p in people if isinstance(p, str)})
        with self._reading() as conn:
            def rows(section: str, condition: Any) -> list[Any]:
                # the plans, people, departments and institutes as remembered (_records)
                query = self._select(section).where(condition).order_by(t[section].c.row_id)
                return self._records(section, conn.execute(query))

            found = rows("people", t["people"].c.id.in_(wanted))
            ids = [p.id for p in found]
            sections: dict[str, Any] = {"people": found}
            for section in ("attendance", "external_learning", "online_learning"):
                sections[section] = rows(section, t[section].c.person.in_(ids))
            attended = sorted({a.plan for a in sections["attendance"]})
            sections["plans"] = rows("plans", t["plans"].c.id.in_(attended))
            named = sorted({r.department for r in (*found, *sections["plans"])
                            if r.department is not None})
            codes = sorted({r.institute for r in (*found, *sections["plans"])})
            sections["departments"] = rows("departments", t["departments"].c.id.in_(named))
            sections["institutes"] = rows("institutes", t["institutes"].c.code.in_(codes))
        return Dataset(**sections)

    def _contains(self, column: Any, text: str) -> Any:
        """``text`` is part of ``column``, exactly as written on every engine (``LIKE`` folds
        ASCII case on SQLite, so it is not used)."""
        if self.dialect == "postgresql":
            return sa.func.strpos(column, text) > 0
        return sa.func.instr(column, text) > 0
