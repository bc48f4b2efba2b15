"""The year's hours summed by the database itself (GROUP BY), one expression for every engine.

Hours are exact in every engine (NUMERIC in PostgreSQL and MariaDB, scaled integers in SQLite;
see :mod:`casedu.store.tables`), so ``SUM`` and ``MAX`` are exact and the answer equals the
figures summed in Python over the same records (a property test runs it on all three engines).
Only the single trainings over the backbone threshold come back one by one.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

from casedu.metrics.hours import YearHours
from casedu.policy import DEFAULT_POLICY, Policy, YearBasis
from casedu.quantities import BOUNDS, HUNDREDTH_HOUR
from casedu.store.checks import guard_statement, refusal
from casedu.store.column_types import HOURS_SCALE, Day, Hours, HourSums
from casedu.store.records import StoredValueError, year_hours_of, year_parameters
from casedu.store.tables import Tables

__all__ = ["GUARDED", "broken_rows", "guard_statements", "rules_hold", "sql_year_hours",
           "year_statements"]

#: The tables whose columns the year's sums read without making records of them.
GUARDED = ("plans", "implementations", "attendance", "external_learning", "online_learning")
#: The columns the sums read of the tables they read most of (None: every column): the guards
#: check the rules of these, so that an online record's are found in the index that holds them
#: (its title's length is no figure; the record is refused with it when read as a record).
SUMMED: dict[str, frozenset[str] | None] = {
    "attendance": frozenset({"person", "plan", "status"}),
    "online_learning": frozenset({"person", "course", "date", "hours", "seconds"}),
}


def guard_statements(tables: Tables, *, by_institute: bool) -> dict[str, sa.Select[Any]]:
    """For each table the sums read, the first row that breaks one of its rules
    (:mod:`casedu.store.checks`): ``(row_id, broken)``. ``by_institute``: the learning records
    of the people of the institute given as the parameter ``institute`` (every plan either
    way: a person's classes are any institute's)."""
    people = tables["people"]
    own = sa.select(people.c.id).where(
        people.c.institute == sa.bindparam("institute", type_=sa.String()))
    statements = {}
    dialect = tables.engine_rules()
    for section in GUARDED:
        table = tables[section]
        where = table.c.person.in_(own) if by_institute and "person" in table.c else None
        summed = SUMMED.get(section)
        rules = [rule for rule in tables.rules[section] if summed is None
                 or {c.name for c in _columns(rule.build(table, dialect))} <= summed]
        statement = guard_statement(table, rules, dialect, where)
        if statement is not None:
            statements[section] = statement
    return statements


def broken_rows(store: Any) -> list[str]:
    """The first row of every table of ``store`` (a :class:`~casedu.store.SqlStore`) that
    breaks one of its rules (what ``casedu check-store`` reports), each as its refusal: every
    table's rows are read, whether the database vouches for them or not."""
    tables: Tables = store.tables
    found = []
    with store._reading() as conn:
        for section, rules in tables.rules.items():
            statement = guard_statement(tables[section], rules, tables.engine_rules())
            if statement is None:
                continue
            broken = conn.execute(statement).first()
            if broken is not None:
                found.append(refusal(section, broken))
    return found


def rules_hold(conn: sa.Connection, tables: Tables) -> bool:
    """Whether the database itself vouches that no row of the summed tables breaks a rule, so
    that the guards need not read them: on PostgreSQL, every rule of :data:`GUARDED` is a
    CHECK constraint of its table, validated (a constraint is checked on every write and no
    session can switch it off; one dropped by hand, or added ``NOT VALID``, is missing here).
    SQLite (``PRAGMA ignore_check_constraints``) and MariaDB (``check_constraint_checks``)
    let a session write past them, so their rows are always guarded."""
    if conn.dialect.name != "postgresql":
        return False
    quote = conn.dialect.identifier_preparer
    wanted = {rule.name(tables.prefix) for section in GUARDED
              for rule in tables.rules[section]}
    held = set(conn.execute(sa.text(
        "SELECT conname FROM pg_catalog.pg_constraint WHERE contype = 'c' AND convalidated "
        "AND conrelid IN (SELECT to_regclass(name) FROM unnest(CAST(:names AS text[])) "
        "AS name)"), {"names": [quote.format_table(tables[s]) for s in GUARDED]}).scalars())
    return wanted <= held


def year_statements(tables: Tables, *, basis: str, by_institute: bool) -> list[sa.Select[Any]]:
    """The year's three queries (classes, external learning, online courses), each giving a
    person's total and longest single training on the person's first row and every single
    training over the threshold; ``basis`` is the policy's year basis (``start`` or ``end``).
    Their parameters are :func:`casedu.store.records.year_parameters`: ``low`` and ``high``
    (the year's first and last day), ``threshold`` (the backbone's single-training hours) and,
    ``by_institute``, ``institute``."""
    low, high = sa.bindparam("low", type_=Day()), sa.bindparam("high", type_=Day())
    threshold = sa.bindparam("threshold", type_=Hours())
    people, plans, implementations = tables["people"], tables["plans"], tables["implementations"]
    attendance, external, online = (tables["attendance"], tables["external_learning"],
                                    tables["online_learning"])

    def rows(table: sa.Table, name: str, columns: Any, *conditions: Any) -> Any:
        """The rows of ``table`` meeting ``conditions``; ``by_institute``, of the institute's
        people, read first from them (a materialized CTE on PostgreSQL and SQLite), so that an
        institute's year reads its people's rows by the index on ``person`` whatever the
        planner guesses of the year's share."""
        if not by_institute:
            return sa.select(*columns).where(*conditions).subquery(name)
        institute = sa.bindparam("institute", type_=sa.String())
        return sa.select(*columns).select_from(
            people.join(table, table.c.person == people.c.id)) \
            .where(people.c.institute == institute, *conditions).cte(name) \
            .prefix_with("MATERIALIZED", dialect="postgresql") \
            .prefix_with("MATERIALIZED", dialect="sqlite")

    def total(column: Any) -> Any:
        return sa.func.sum(column, type_=HourSums())

    def largest(column: Any) -> Any:
        return sa.func.max(column, type_=HourSums())

    # a class as it was held: the implementation's figures over the plan's
    attended = rows(attendance, "attended", (attendance.c.person, attendance.c.plan),
                    attendance.c.status == "confirmed")
    held = {
        "id": plans.c.id,
        "name": sa.func.coalesce(implementations.c.name, plans.c.name),
        "start": sa.func.coalesce(implementations.c.start, plans.c.start),
        "end": sa.func.coalesce(implementations.c.end, plans.c.end),
        "hours": sa.func.coalesce(implementations.c.hours, plans.c.hours, type_=Hours()),
    }
    classes = sa.select(attended.c.person, *(c.label(n) for n, c in held.items())) \
        .select_from(attended.join(plans, plans.c.id == attended.c.plan).outerjoin(
            implementations, implementations.c.plan == plans.c.id)) \
        .where(held[basis].between(low, high)).subquery("classes")
    approved = rows(external, "approved", tuple(external.c), external.c.status == "approved",
                    external.c[basis].between(low, high))
    # R3 (casedu.metrics.hours.course_hours): a course's records as given, and its xAPI
    # sessions' exact seconds summed and rounded once to 0.01 h. The sums read only columns an
    # index holds (person, date, course, hours, seconds); the titles are read for the rows
    # that come back (most records have none).
    taken = rows(online, "taken", (online.c.person, online.c.course, online.c.date,
                                   online.c.hours, online.c.seconds),
                 online.c.date.between(low, high))
    zero = sa.literal_column("0", type_=HourSums())
    given = total(sa.case((taken.c.seconds.is_(None), taken.c.hours)))
    sessions = SessionHours(sa.func.sum(taken.c.seconds))
    courses = sa.select(
        taken.c.person, taken.c.course,
        sa.func.min(taken.c.date).label("first"), sa.func.max(taken.c.date).label("last"),
        sa.type_coerce(sa.func.coalesce(given, zero) + sa.func.coalesce(sessions, zero),
                       HourSums()).label("hours"),
    ).group_by(taken.c.person, taken.c.course).subquery("courses")

    def course_title(windowed: Any) -> Any:
        """A course's title: the greatest of its records' of the year, or the course's id."""
        titled = online.alias("titled")
        title = sa.select(sa.func.max(titled.c.title)).where(
            titled.c.person == windowed.c.person, titled.c.course == windowed.c.key,
            titled.c.title.isnot(None), titled.c.date.between(low, high)).scalar_subquery()
        return sa.func.coalesce(title, windowed.c.key).label("title")

    statements = []
    for query, key, title, start, end in (
            (classes, "id", "name", "start", "end"),
            (approved, "id", "title", "start", "end"),
            (courses, "course", None, "first", "last")):
        # one pass a source: each person's total and longest ride on every row (a window), and
        # only the person's first row and the single trainings over the threshold come back
        by = query.c.person
        windowed = sa.select(
            query.c.person, query.c[key].label("key"),
            *(() if title is None else (query.c[title].label("title"),)),
            query.c[start].label("first"), query.c[end].label("last"),
            sa.type_coerce(query.c.hours, HourSums()).label("hours"),
            total(query.c.hours).over(partition_by=by).label("total"),
            largest(query.c.hours).over(partition_by=by).label("longest"),
            sa.func.row_number().over(partition_by=by).label("n"),
        ).subquery("windowed")
        named = windowed.c.title if title is not None else course_title(windowed)
        statements.append(sa.select(
            windowed.c.person, windowed.c.key, named, windowed.c.first, windowed.c.last,
            windowed.c.hours, windowed.c.total, windowed.c.longest, windowed.c.n,
        ).where((windowed.c.n == 1) | (windowed.c.hours > threshold)))
    return statements


def _columns(expression: Any) -> list[sa.Column[Any]]:
    return [element for element in sa.sql.visitors.iterate(expression)
            if isinstance(element, sa.Column)]


class SessionHours(FunctionElement[Decimal]):
    """A sum of xAPI sessions' seconds as hours rounded once, half up, to 0.01 h, in the units
    the engine keeps hours in: :func:`casedu.quantities.hours_of_seconds` in SQL. Integer
    division of exact values on every engine (SQLite's microseconds, PostgreSQL's ``div`` and
    MariaDB's ``DIV`` of NUMERIC seconds), so nothing is rounded but the once."""

    type = HourSums()
    name = "session_hours"
    inherit_cache = True


_HALF, _HUNDREDTH = HUNDREDTH_HOUR // 2, HUNDREDTH_HOUR  # in microseconds
_SECOND = 10**BOUNDS.seconds_places


@compiles(SessionHours, "sqlite")
def _sqlite_session_hours(element: SessionHours, compiler: Any, **kw: Any) -> str:
    # microseconds in, millionths of an hour out
    seconds = compiler.process(element.clauses, **kw)
    return f"(({seconds} + {_HALF}) / {_HUNDREDTH} * {HOURS_SCALE // 100})"


@compiles(SessionHours, "postgresql")
def _postgresql_session_hours(element: SessionHours, compiler: Any, **kw: Any) -> str:
    seconds = compiler.process(element.clauses, **kw)
    return f"(div({seconds} + {_HALF // _SECOND}, {_HUNDREDTH // _SECOND}) * 0.01)"


@compiles(SessionHours, "mysql")
@compiles(SessionHours, "mariadb")
def _mysql_session_hours(element: SessionHours, compiler: Any, **kw: Any) -> str:
    seconds = compiler.process(element.clauses, **kw)
    return f"((({seconds} + {_HALF // _SECOND}) DIV {_HUNDREDTH // _SECOND}) * 0.01)"


def sql_year_hours(conn: sa.Connection, tables: Tables, year: int, *,
                   policy: Policy = DEFAULT_POLICY, institute: str | None = None) -> YearHours:
    """Everybody's hours of ``year`` (only the people of ``institute``, when given). Each
    person's ``singles`` are those over the backbone threshold; ``longest`` gives the longest
    single training."""
    basis = "start" if policy.year_basis is YearBasis.START else "end"
    parameters = year_parameters(year, policy, institute)
    if not rules_hold(conn, tables):
        for section, statement in guard_statements(tables, by_institute=institute is not None) \
                .items():
            broken = conn.execute(statement, parameters).first()
            if broken is not None:  # past the constraints: refused, never summed or skipped
                raise StoredValueError(refusal(section, broken))
    return year_hours_of(
        (conn.execute(statement, parameters) for statement in
         year_statements(tables, basis=basis, by_institute=institute is not None)),
        year, policy)
