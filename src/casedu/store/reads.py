"""The SQL store's reads: a record by its key, the records matching a few fields, an
institute's share, the roster and the year's hours the figures read, and everything at once for
a dump; and how a row becomes a record.

Every read but :meth:`SqlReads.state` is targeted, so an operation costs what it touches, not
what the database holds; each runs in one read transaction.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import json
import weakref
from collections.abc import Collection
from decimal import Decimal
from typing import Any

import sqlalchemy as sa

from casedu.errors import CaseduError, expect
from casedu.logs import logger
from casedu.metrics.hours import YearHours
from casedu.model import Account, Dataset, Role, RoleGrant
from casedu.policy import DEFAULT_POLICY, Policy
from casedu.progress import advance, task
from casedu.services.changes import AuditEvent
from casedu.services.reads import (
    LEARNING,
    check_fields,
    check_page,
    check_read,
    check_section,
    matches_nothing,
    year_people,
)
from casedu.services.store import State
from casedu.store.records import (
    IMPLEMENTATION,
    RECORD_TABLES,
    ROSTER,
    StoredValueError,
    record_of,
    records_of,
)
from casedu.store.tables import KEYS, Tables
from casedu.store.transactions import _LOOK, SqlConnection

__all__ = ["REMEMBER", "REMEMBERED", "SqlReads", "account_of", "event_of", "key_condition",
           "roster_statement", "select_records"]

_log = logger("store")

#: The sections whose records a store remembers by their rows (:meth:`SqlReads._records`):
#: those of the roster made of values that cannot change (a summary's figures are a dict).
REMEMBERED = frozenset({"institutes", "departments", "people", "plans", "backbone_reports"})
#: How many records a store remembers at most (an academy's people are 70,000; a record and
#: its row's tuple take about half a kilobyte).
REMEMBER = 30_000


#: The labels of a person's columns read with their record.
_PERSON = "person_of."


class SqlReads(SqlConnection):
    """The reads of :class:`~casedu.store.SqlStore` (the services' ``Store`` port)."""

    def get(self, section: str, key: tuple[Any, ...]) -> Any:
        """The record of ``section`` with ``key``, or None."""
        check_read(section, key)
        if matches_nothing(key):
            return None
        look = _LOOK.get()
        if look is not None and look[0] is self:
            if (section, key) in look[2]:
                return look[2][section, key]
            if section == "external_learning" and len(key) == 1 and key[0] is not None:
                with self._errors():
                    record, person = self._with_person(look[1], key[0])
                if person is not None:
                    look[2]["people", (person.id,)] = person
                return record
        with self._reading_one() as conn:
            return self._get(conn, section, key)

    def _with_person(self, conn: sa.Connection, key: Any) -> tuple[Any, Any]:
        """An external-learning record and its person, by one statement (or None, None)."""
        made = self._by_key_made
        if "with person" not in made:
            table, people = self.tables["external_learning"], self.tables["people"]
            made["with person"] = self._select("external_learning").add_columns(
                *(c.label(f"{_PERSON}{c.name}") for c in people.c)).select_from(
                table.outerjoin(people, people.c.id == table.c.person)).where(
                table.c.id == sa.bindparam("key", type_=table.c.id.type)).limit(1)
        row = conn.execute(made["with person"], {"key": key}).mappings().first()
        if row is None:
            return None, None
        own: Any = {k: v for k, v in row.items() if not k.startswith(_PERSON)}
        theirs: Any = {k[len(_PERSON):]: v for k, v in row.items() if k.startswith(_PERSON)}
        record = self._record("external_learning", own)
        return record, (None if theirs["id"] is None else self._record("people", theirs))

    def _get(self, conn: sa.Connection, section: str, key: tuple[Any, ...], *,
             lock: bool = False, with_person: bool = False) -> Any:
        if len(KEYS[section]) == 1 == len(key) and key[0] is not None:  # made once: its
            query = self._by_key(section, lock, with_person)  # building cost what it ran
            row = conn.execute(query, {"key": key[0]}).mappings().first()
            return None if row is None else self._record(section, row)
        condition = key_condition(self.tables, section, key)
        if condition is None:
            return None
        query = self._locked(section, self._select(section).where(condition).limit(1), lock,
                             with_person)
        row = conn.execute(query).mappings().first()
        return None if row is None else self._record(section, row)

    def _by_key(self, section: str, lock: bool, with_person: bool) -> sa.Select[Any]:
        """The read of one record of ``section`` by its one-column key (the parameter
        ``key``), made once for the store."""
        made = self._by_key_made
        wanted = (section, lock, with_person)
        if wanted not in made:
            column = self.tables[section].c[KEYS[section][0]]
            made[wanted] = self._locked(section, self._select(section).where(
                column == sa.bindparam("key", type_=column.type)).limit(1), lock, with_person)
        return made[wanted]

    @functools.cached_property
    def _by_key_made(self) -> dict[Any, sa.Select[Any]]:
        return {}

    def _locked(self, section: str, query: sa.Select[Any], lock: bool,
                with_person: bool) -> sa.Select[Any]:
        if lock:  # PostgreSQL locks the record's own row, not the outer-joined one
            of: Any = self.tables[section] if self.dialect == "postgresql" else None
            if with_person:  # and the row of the record's person (casedu.store.year_sums)
                table, people = self.tables[section], self.tables["people"]
                query = query.join(people, people.c.id == table.c.person)
                of = [table, people] if of is not None else None
            query = query.with_for_update(of=of)
        return query

    def find(self, section: str, /, *, limit: int | None = None, offset: int = 0,
             **where: Any) -> list[Any]:
        """The records of ``section`` matching ``where``, in the order they were added."""
        check_read(section, limit=limit, offset=offset)
        check_fields(section, where)
        if matches_nothing(where.values()):
            return []
        table = self.tables[section]
        query = self._select(section)
        for name, value in where.items():
            if name == "institute" and section in LEARNING:
                people = self.tables["people"]
                query = query.where(table.c.person.in_(
                    sa.select(people.c.id).where(people.c.institute == value)))
                continue
            column = table.c[name]
            value = value.value if isinstance(value, enum.Enum) else value
            query = query.where(column.is_(None) if value is None else column == value)
        order = table.c.username if section == "accounts" else table.c.row_id
        query = query.order_by(order).offset(offset or None).limit(limit)
        with self._reading_one() as conn:
            return self._records(section, conn.execute(query))

    def ids(self, section: str, prefix: str) -> list[str]:
        """The ids of ``section`` that start with ``prefix``."""
        check_section(section)
        if matches_nothing([prefix]):
            return []
        column = self.tables[section].c.id
        with self._reading_one() as conn:
            return list(conn.scalars(sa.select(column).where(
                column.startswith(prefix, autoescape=True))))

    def institute_data(self, institute: str) -> Dataset:
        """An institute's share of the data (:func:`casedu.services.reads.institute_data`),
        read in one transaction."""
        t = self.tables
        people, plans, attendance = t["people"], t["plans"], t["attendance"]
        own_people = sa.select(people.c.id).where(people.c.institute == institute)
        own_plans = sa.select(plans.c.id).where(plans.c.institute == institute)
        with self._reading() as conn:
            def rows(section: str, condition: Any) -> list[Any]:
                query = self._select(section).where(condition)
                return [self._record(section, row) for row in
                        conn.execute(query.order_by(t[section].c.row_id)).mappings()]

            sections: dict[str, Any] = {
                "attendance": rows("attendance", attendance.c.person.in_(own_people)
                                   | attendance.c.plan.in_(own_plans)),
                "people": rows("people", (people.c.institute == institute) | people.c.id.in_(
                    sa.select(attendance.c.person).where(attendance.c.plan.in_(own_plans)))),
                "plans": rows("plans", (plans.c.institute == institute) | plans.c.id.in_(
                    sa.select(attendance.c.plan).where(attendance.c.person.in_(own_people)))),
            }
            for section in ("external_learning", "online_learning"):
                sections[section] = rows(section, t[section].c.person.in_(own_people))
            for section in ("backbone_reports", "summaries"):
                sections[section] = rows(section, t[section].c.institute == institute)
            named = sorted({r.department for r in (*sections["people"], *sections["plans"])
                            if r.department is not None})
            codes = sorted({institute} | {r.institute for r in sections["people"]}
                           | {r.institute for r in sections["plans"]})
            departments = t["departments"]
            sections["departments"] = rows("departments", (departments.c.institute == institute)
                                           | departments.c.id.in_(named))
            sections["institutes"] = rows("institutes", t["institutes"].c.code.in_(codes))
        return Dataset(**sections)

    def roster(self, institute: str | None = None) -> Dataset:
        """Institutes, departments, people, plans, backbone reports and summaries without the
        learning records (what the figures read besides the hours), of one institute or all
        (every institute's code and name either way); from the read replica when the store has
        one."""
        parameters = {} if institute is None else {"institute": institute}
        with self._figures_reading() as conn:
            sections = {section: self._records(section, conn.execute(
                roster_statement(self.tables, section, by_institute=institute is not None),
                parameters)) for section in ROSTER}
        return Dataset(**sections)

    def year_hours(self, year: int, *, policy: Policy = DEFAULT_POLICY,
                   institute: str | None = None, singles: bool = True,
                   people: Collection[str] | None = None,
                   total_at_least: Decimal | None = None) -> YearHours:
        """Everybody's hours of ``year`` (of one institute's people), read from the sums the
        database keeps of each person's year (:mod:`casedu.store.year_sums`), on the read
        replica when the store has one. ``singles=False``: one row a person and no record,
        for figures that need only the hours and the longest single training's (each
        person's ``singles`` then refuses to be read). ``people``: only these people's
        years (a page's: their rows, and their single trainings); ``total_at_least``: only
        the years whose total reaches it, chosen by the database. A year out of range, an
        institute that is not a code or people that are not ids is the caller's mistake
        (:class:`~casedu.errors.ArgumentError`)."""
        from casedu.metrics.arguments import year_argument
        from casedu.store.aggregate import sql_year_hours

        year_argument(year)
        if institute is not None:
            expect("institute", institute, str, what="an institute's code such as 'IOP'")
        wanted = year_people(people)
        if total_at_least is not None:
            expect("total_at_least", total_at_least, Decimal, int, what="hours as a Decimal")
        if wanted is not None and matches_nothing(wanted):
            wanted = frozenset(p for p in wanted if "\x00" not in p)
        with self._figures_reading() as conn:
            return sql_year_hours(conn, self.tables, year, policy=policy, institute=institute,
                                  singles=singles, people=wanted,
                                  total_at_least=total_at_least)

    # -- whole reads -------------------------------------------------------------------------

    def state(self) -> State:
        """Everything, read in one transaction (for dumps and tests, not for operations)."""
        with self._reading() as conn, task(f"reading {self.name}", unit="records"):
            sections = {}
            for section in RECORD_TABLES:
                sections[section] = [self._record(section, row) for row in conn.execute(
                    self._select(section).order_by(self.tables[section].c.row_id)).mappings()]
                advance(len(sections[section]))
            accounts = {a.username: a for a in (
                self._record("accounts", row) for row in conn.execute(
                    self._select("accounts").order_by(
                        self.tables["accounts"].c.username)).mappings())}
        _log.debug("read all of %s: %s", self.name,
                   ", ".join(f"{len(rows)} {section}" for section, rows in sections.items()))
        return State(Dataset(**sections), accounts)

    def events(self, *, institute: str | None = None) -> tuple[AuditEvent, ...]:
        """The audit events (of one institute's audit), oldest first."""
        table = self.tables["audit_events"]
        query = sa.select(table)
        if institute is not None:
            query = query.where(table.c.institute == institute)
        with self._reading() as conn:
            try:
                return tuple(event_of(row) for row in conn.execute(
                    query.order_by(table.c.row_id)).mappings())
            except (CaseduError, ValueError, TypeError, KeyError) as error:
                raise StoredValueError(f"table audit_events: a stored value cannot be read "
                                        f"({error})") from None

    def audit_page(self, institute: str, *, actor: str | None = None,
                   action: str | None = None, record: str | None = None,
                   outcome: str | None = None, limit: int | None = None,
                   offset: int = 0) -> tuple[list[AuditEvent], int]:
        """A page of an institute's audit, newest first, filtered by who acted, the action, a
        prefix of the record's label (exactly as written) and the outcome, and how many match
        in all (by the index on institute and row)."""
        check_page(limit, offset)
        if matches_nothing((institute, actor, action, record, outcome)):
            return [], 0
        table = self.tables["audit_events"]
        condition = table.c.institute == institute
        for column, value in (("actor", actor), ("action", action), ("outcome", outcome)):
            if value is not None:
                condition &= table.c[column] == value
        if record:
            condition &= sa.func.substr(table.c.record, 1, len(record)) == record
        with self._reading() as conn:
            try:
                total = conn.execute(sa.select(sa.func.count()).select_from(table)
                                     .where(condition)).scalar_one()
                rows = conn.execute(sa.select(table).where(condition)
                                    .order_by(table.c.row_id.desc()).offset(offset or None)
                                    .limit(limit)).mappings()
                return [event_of(row) for row in rows], int(total)
            except (CaseduError, ValueError, TypeError, KeyError) as error:
                raise StoredValueError(f"table audit_events: a stored value cannot be read "
                                        f"({error})") from None

    # -- rows and records --------------------------------------------------------------------

    def _select(self, section: str) -> sa.Select[Any]:
        return select_records(self.tables, section)

    def _records(self, section: str, result: sa.Result[Any]) -> list[Any]:
        """The records of ``result``'s rows, rows of ``section`` as :func:`select_records`
        reads them. The records of :data:`REMEMBERED` sections are remembered by their rows: a
        row read again (a roster, at every year-end page) gives the record made of it before,
        which the model checked then and which nothing can change (frozen, of values that
        cannot change); a row that changed makes a record again (:func:`records_of`). A store
        remembers :data:`REMEMBER` records at most, and starts again past it."""
        if section == "accounts":
            return [self._record(section, row._mapping) for row in result]
        if section not in REMEMBERED:  # made by the compiled maker, every check of the model
            return records_of(section, list(result.keys()), result.all())
        columns = list(result.keys())
        rows = result.all()
        made = self._made[section]
        # the values alone: a column gives values of one type (SQLite's too: its column of
        # integers keeps 1.0 as 1), so two equal rows are the same values
        keys = [tuple(row) for row in rows]
        records = [made.get(key) for key in keys]
        missing = [i for i, record in enumerate(records) if record is None]
        if missing:
            fresh = records_of(section, columns, [rows[i] for i in missing])
            remember = len(missing) <= REMEMBER  # the academy's roster whole is not kept
            if remember and sum(map(len, self._made.values())) + len(missing) > REMEMBER:
                for kept in self._made.values():
                    kept.clear()
            for i, record in zip(missing, fresh, strict=True):
                records[i] = record
                if remember:
                    made[keys[i]] = record
        return records

    @functools.cached_property
    def _made(self) -> dict[str, dict[tuple[Any, ...], Any]]:
        return {section: {} for section in REMEMBERED}

    def _record(self, section: str, row: sa.RowMapping) -> Any:
        if section == "accounts":
            try:
                return account_of(row)
            except Exception as error:  # every failure to make a record is a stored bad value
                raise StoredValueError(f"table accounts row {row.get('row_id')}: a stored "
                                       f"value cannot be read ({error})") from None
        return record_of(section, row)


# -- rows and records ---------------------------------------------------------------------------


def select_records(tables: Tables, section: str) -> sa.Select[Any]:
    """The rows of ``section``'s records (a plan's with its implementation's columns, labelled
    ``implementation.NAME``). Made once for each tables and section (a statement is never
    changed: ``where`` and the like make a new one)."""
    made = _SELECTS.setdefault(tables, {})
    found = made.get(section)
    if found is not None:
        return found
    table = tables[section]
    if section != "plans":
        found = sa.select(table)
    else:
        implementations = tables["implementations"]
        labelled = [c.label(f"{IMPLEMENTATION}{c.name}") for c in implementations.c
                    if c.name not in ("row_id", "plan")]
        found = sa.select(table, *labelled).select_from(table.outerjoin(
            implementations, implementations.c.plan == table.c.id))
    made[section] = found
    return found


_SELECTS: weakref.WeakKeyDictionary[Tables, dict[str, sa.Select[Any]]] = \
    weakref.WeakKeyDictionary()


def roster_statement(tables: Tables, section: str, *, by_institute: bool) -> sa.Select[Any]:
    """The query of one section of :meth:`SqlStore.roster` (``by_institute``: of the institute
    given as the parameter ``institute``). The institutes are every institute, of one or all:
    the academy's list of codes and names, which a message about an unknown code shows.
    Made once for each tables (a year-end page reads a roster at every request)."""
    made = _ROSTER_STATEMENTS.setdefault(tables, {})
    found = made.get((section, by_institute))
    if found is None:
        table = tables[section]
        found = select_records(tables, section)
        if by_institute and section != "institutes":
            found = found.where(
                table.c.institute == sa.bindparam("institute", type_=sa.String()))
        found = made[section, by_institute] = found.order_by(table.c.row_id)
    return found


_ROSTER_STATEMENTS: weakref.WeakKeyDictionary[
    Tables, dict[tuple[str, bool], sa.Select[Any]]] = weakref.WeakKeyDictionary()


def key_condition(tables: Tables, section: str, key: tuple[Any, ...]) -> Any:
    """The condition that finds the record of ``section`` with ``key`` (None: a key of the
    wrong length, which finds nothing)."""
    table = tables[section]
    if section == "online_learning" and len(key) != 1:
        names: tuple[str, ...] = ("person", "course", "date", "hours", "title")
    else:
        names = KEYS[section]
    if len(key) != len(names):
        return None
    parts = []
    if len(names) > 1 and section == "online_learning":  # a record without a session
        parts.append(table.c.session.is_(None))
    for name, value in zip(names, key, strict=True):
        column = table.c[name]
        parts.append(column.is_(None) if value is None else column == value)
    return sa.and_(*parts)


def account_of(row: Any) -> Account:
    """An account from its row (``grants`` as JSON), in any of casedu's workspaces."""
    grants = tuple(
        RoleGrant(role=Role(g["role"]), institute=g["institute"], department=g["department"],
                  classes=frozenset(g["classes"]))
        for g in json.loads(row["grants"]))
    return Account(
        username=row["username"], institute=row["institute"], person=row["person"],
        grants=grants, password_hash=row["password_hash"],
        must_change_password=bool(row["must_change_password"]),
        failed_logins=row["failed_logins"],
        locked_until=(dt.datetime.fromisoformat(row["locked_until"])
                      if row["locked_until"] else None))


def event_of(row: sa.RowMapping) -> AuditEvent:
    """An audit event from its row."""
    return AuditEvent(
        sequence=row["row_id"], at=dt.datetime.fromisoformat(row["at"]), actor=row["actor"],
        role=Role(row["role"]) if row["role"] else None, action=row["action"],
        record=row["record"], before=json.loads(row["before"]) if row["before"] else None,
        after=json.loads(row["after"]) if row["after"] else None,
        institute=row["institute"], outcome=row["outcome"], reason=row["reason"])

