"""Each person's year kept summed in the table ``year_sums``, and the year's figures read from it.

A year's figures need each person's hours by source and the single trainings over the backbone
threshold (R2, R3). Summing the records for them reads every record of the year (3,000,000 at
the academy's size); the sums kept here are read instead, one row a person:

- a row per person, year and basis (the year of the records' start, and of their end: the
  policy's ``year_basis`` chooses one when read), holding each source's hours and its longest
  single training (a class, an external-learning record, or an online course's records of the
  year, its xAPI seconds rounded once: R3). None of them depends on a policy's parameter;
- every write that changes a record they sum refreshes the rows of the people it touches in
  the same transaction (:func:`refresh`): the people are locked, their rows deleted and summed
  again from their records by one ``INSERT … SELECT`` (:func:`sums_select`); a bulk load sums
  everybody once at its end (on MariaDB a third of ``casedu init --from`` of the academy's
  file: docs/performance.md);
- the figures read the rows (:func:`sums_statement`), and the single trainings over the
  threshold from the records, only of the people whose longest of that source passes it
  (:func:`singles_statements`).

A property test holds the rows equal to a recomputation from the records after random
workflows, on every engine (``tests/store/test_year_sums.py``).
"""

from __future__ import annotations

import weakref
from collections.abc import Collection
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

from casedu.quantities import BOUNDS, HUNDREDTH_HOUR
from casedu.store.column_types import HOURS_SCALE, Day, Hours, HourSums
from casedu.store.tables import SUM_COLUMNS, Tables

__all__ = ["BASES", "SessionHours", "YearOf", "add_approved", "adds_only", "refresh",
           "singles_statements", "stale_people", "sums_select", "sums_statement"]

#: The years a record can count in: of its start, of its end.
BASES = ("start", "end")
#: How many people one refresh statement names (engines bound their parameters).
_CHUNK = 500


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


class YearOf(FunctionElement[int]):
    """The year of a date, as an integer, on every engine (SQLite keeps ``YYYY-MM-DD`` text)."""

    type = sa.Integer()
    name = "year_of"
    inherit_cache = True


@compiles(YearOf, "sqlite")
def _sqlite_year(element: YearOf, compiler: Any, **kw: Any) -> str:
    return f"CAST(substr({compiler.process(element.clauses, **kw)}, 1, 4) AS INTEGER)"


@compiles(YearOf, "postgresql")
def _postgresql_year(element: YearOf, compiler: Any, **kw: Any) -> str:
    return f"CAST(EXTRACT(YEAR FROM {compiler.process(element.clauses, **kw)}) AS INTEGER)"


@compiles(YearOf, "mysql")
@compiles(YearOf, "mariadb")
def _mysql_year(element: YearOf, compiler: Any, **kw: Any) -> str:
    return f"YEAR({compiler.process(element.clauses, **kw)})"


def _total(column: Any) -> Any:
    return sa.func.sum(column, type_=HourSums())


def _largest(column: Any) -> Any:
    return sa.func.max(column, type_=HourSums())


def _zero() -> Any:
    return sa.literal_column("0", type_=HourSums())


def _held(tables: Tables) -> dict[str, Any]:
    """A class as it was held: the implementation's figures over the plan's."""
    plans, implementations = tables["plans"], tables["implementations"]
    return {
        "id": plans.c.id,
        "name": sa.func.coalesce(implementations.c.name, plans.c.name),
        "start": sa.func.coalesce(implementations.c.start, plans.c.start),
        "end": sa.func.coalesce(implementations.c.end, plans.c.end),
        "hours": sa.func.coalesce(implementations.c.hours, plans.c.hours, type_=Hours()),
    }


def _course_hours(taken: Any) -> Any:
    """R3 (:func:`casedu.metrics.hours.course_hours`): a course's records as given, and its
    xAPI sessions' exact seconds summed and rounded once to 0.01 h."""
    given = _total(sa.case((taken.c.seconds.is_(None), taken.c.hours)))
    sessions = SessionHours(sa.func.sum(taken.c.seconds))
    return sa.type_coerce(sa.func.coalesce(given, _zero()) + sa.func.coalesce(sessions, _zero()),
                          HourSums())


def sums_select(tables: Tables, people: Any = None) -> sa.Select[Any]:
    """The rows of ``year_sums`` summed from the records (of the people the expanding
    parameter ``people`` names, when given: a column's condition): ``(person, year, basis,
    class_hours, external_hours, online_hours, class_longest, external_longest,
    online_longest)``.

    Each record (a confirmed class, an approved external record, an online course's records of
    a year) is summed first by its person and the years of its start and end, then each of
    those few rows a person counts in the year of its start and in the year of its end: sums
    of sums and greatest of greatest, the same values as summing the records once for each
    basis, with half the rows grouped (a bulk load's sums of everybody: docs/performance.md)."""
    plans, implementations = tables["plans"], tables["implementations"]
    attendance, external, online = (tables["attendance"], tables["external_learning"],
                                    tables["online_learning"])
    held = _held(tables)
    bases = sa.union_all(*(sa.select(sa.literal_column(f"'{b}'", sa.String()).label("basis"))
                           for b in BASES)).subquery("bases")

    def who(column: Any) -> Any:
        return sa.true() if people is None else column.in_(people)

    names = ("person", "start_year", "end_year", *SUM_COLUMNS)

    def branch(*values: Any) -> sa.Select[Any]:
        return sa.select(*(value.label(name) for name, value in zip(names, values,
                                                                   strict=True)))

    hours = sa.type_coerce(held["hours"], HourSums())
    classes = branch(
        attendance.c.person, YearOf(held["start"]), YearOf(held["end"]),
        hours, _zero(), _zero(), hours, _zero(), _zero(),
    ).select_from(attendance.join(plans, plans.c.id == attendance.c.plan).outerjoin(
        implementations, implementations.c.plan == plans.c.id)) \
        .where(attendance.c.status == "confirmed", who(attendance.c.person))
    given = sa.type_coerce(external.c.hours, HourSums())
    approved = branch(
        external.c.person, YearOf(external.c.start), YearOf(external.c.end),
        _zero(), given, _zero(), _zero(), given, _zero(),
    ).where(external.c.status == "approved", who(external.c.person))
    courses = sa.select(
        online.c.person, YearOf(online.c.date).label("year"),
        _course_hours(online).label("hours"),
    ).where(who(online.c.person)).group_by(online.c.person, online.c.course,
                                           YearOf(online.c.date)).subquery("courses")
    taken = branch(
        courses.c.person, courses.c.year, courses.c.year,
        _zero(), _zero(), courses.c.hours, _zero(), _zero(), courses.c.hours,
    )
    items = sa.union_all(classes, approved, taken).subquery("items")
    spans = sa.select(
        items.c.person, items.c.start_year, items.c.end_year,
        *(_total(items.c[name]).label(name) for name in SUM_COLUMNS[:3]),
        *(_largest(items.c[name]).label(name) for name in SUM_COLUMNS[3:]),
    ).group_by(items.c.person, items.c.start_year, items.c.end_year).subquery("spans")
    year = sa.case((bases.c.basis == sa.literal_column("'start'"), spans.c.start_year),
                   else_=spans.c.end_year)
    return sa.select(
        spans.c.person, year.label("year"), bases.c.basis,
        *(_total(spans.c[name]).label(name) for name in SUM_COLUMNS[:3]),
        *(_largest(spans.c[name]).label(name) for name in SUM_COLUMNS[3:]),
    ).select_from(spans.join(bases, sa.true())).group_by(spans.c.person, year, bases.c.basis)


def refresh(conn: sa.Connection, tables: Tables, people: Collection[str] | None, *,
            locked: frozenset[str] = frozenset()) -> None:
    """Sum again the rows of ``year_sums`` of ``people`` (None: of everybody), in the
    caller's transaction: the people's rows of ``people`` are locked first (but those the
    caller has ``locked`` already), so that two writers of one person's records sum one after
    the other, each seeing the other's change; then their sums are deleted and summed again
    from their records (on PostgreSQL in one statement, whose snapshot is taken after the
    lock)."""
    table = tables["year_sums"]
    columns = ["person", "year", "basis", *SUM_COLUMNS]
    if people is None:
        conn.execute(table.delete())
        conn.execute(table.insert().from_select(columns, sums_select(tables)))
        return
    ordered = sorted(set(people))
    lock, statements = _refresh_statements(tables, conn.dialect.name)
    for start in range(0, len(ordered), _CHUNK):
        chunk = ordered[start:start + _CHUNK]
        # SQLite's writer holds the whole file; elsewhere the people not locked yet
        if conn.dialect.name != "sqlite" and not locked.issuperset(chunk):
            conn.execute(lock, {"people": chunk}).all()
        for statement in statements:
            conn.execute(statement, {"people": chunk})


def adds_only(section: str, before: Any, after: Any) -> bool:
    """Whether a change of ``section`` from ``before`` to ``after`` only adds one record to its
    person's sums: an external-learning record approved (from pending or rejected, or made
    approved), which the sums held nothing of before. Every other change sums its people's
    years again (:func:`refresh`)."""
    approved = "approved"
    return section == "external_learning" and after is not None \
        and after.status.value == approved and (
            before is None or (before.status.value != approved and before.person == after.person))


def add_approved(conn: sa.Connection, tables: Tables, record: Any, *,
                 locked: bool = False) -> None:
    """Add the approved external-learning ``record`` to its person's sums (of the year of its
    start and of its end), in the caller's transaction: one upsert, the person's other records
    not read (:func:`adds_only` says when a change may). The person's row of ``people`` is
    locked first, unless the caller has ``locked`` it, as :func:`refresh` locks it, so that a
    writer summing the same person again waits for this one or this one for it."""
    lock, _ = _refresh_statements(tables, conn.dialect.name)
    if conn.dialect.name != "sqlite" and not locked:
        conn.execute(lock, {"people": [record.person]}).all()
    conn.execute(_add_statement(tables, conn.dialect.name), {
        "person": record.person, "start_year": record.start.year,
        "end_year": record.end.year, "hours": record.hours})


def _add_statement(tables: Tables, dialect: str) -> Any:
    """The upsert of :func:`add_approved`, made once for each tables and engine."""
    made = _ADDED.setdefault(tables, {})
    if dialect in made:
        return made[dialect]
    table = tables["year_sums"]
    hours = sa.bindparam("hours", type_=HourSums())
    zero = sa.literal(0, type_=HourSums())
    rows = [{"person": sa.bindparam("person", type_=sa.String()),
             "year": sa.bindparam(f"{basis}_year", type_=sa.Integer()), "basis": basis,
             "class_hours": zero, "external_hours": hours, "online_hours": zero,
             "class_longest": zero, "external_longest": hours, "online_longest": zero}
            for basis in BASES]
    if dialect in ("mysql", "mariadb"):
        from sqlalchemy.dialects import mysql

        mine = mysql.insert(table).values(rows)
        made[dialect] = mine.on_duplicate_key_update(
            external_hours=table.c.external_hours + mine.inserted.external_hours,
            external_longest=sa.func.greatest(table.c.external_longest,
                                              mine.inserted.external_longest))
        return made[dialect]
    from sqlalchemy.dialects import postgresql, sqlite

    theirs: Any = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(table) \
        .values(rows)
    # SQLite's max() of two values is the greater one
    larger: Any = sa.func.greatest if dialect == "postgresql" else sa.func.max
    made[dialect] = theirs.on_conflict_do_update(
        index_elements=[table.c.person, table.c.year, table.c.basis],
        set_={"external_hours": table.c.external_hours + theirs.excluded.external_hours,
              "external_longest": larger(table.c.external_longest,
                                         theirs.excluded.external_longest)})
    return made[dialect]


_ADDED: weakref.WeakKeyDictionary[Tables, dict[str, Any]] = weakref.WeakKeyDictionary()


def stale_people(conn: sa.Connection, tables: Tables) -> list[str]:
    """The people whose sums kept in ``year_sums`` are not their records summed again (a
    record written beside casedu, or a row of the sums changed by hand), in order."""
    table = tables["year_sums"]
    kept = sa.select(table.c.person, table.c.year, table.c.basis,
                     *(table.c[name] for name in SUM_COLUMNS))
    summed = sums_select(tables)
    found: set[str] = set()
    for first, second in ((kept, summed), (summed, kept)):
        differing = sa.except_(first, second).subquery("differing")
        found.update(conn.scalars(sa.select(differing.c.person).distinct()))
    return sorted(found)


def _refresh_statements(tables: Tables, dialect: str) -> tuple[Any, list[Any]]:
    """The statements of :func:`refresh` of some people (the expanding parameter ``people``):
    their lock, and those that delete and sum their rows; made once for each tables (building
    the sums' statement costs more than running it for one person)."""
    made = _MADE.setdefault(tables, {})
    if dialect in made:
        return made[dialect]
    table, persons = tables["year_sums"], tables["people"]
    columns = ["person", "year", "basis", *SUM_COLUMNS]
    named: Any = sa.bindparam("people", expanding=True)
    lock = sa.select(persons.c.id).where(persons.c.id.in_(named)).order_by(persons.c.id) \
        .with_for_update(key_share=True)
    delete = table.delete().where(table.c.person.in_(named))
    summed = sums_select(tables, named)
    statements: list[Any]
    if dialect == "postgresql":  # one statement: the rows deleted, then summed
        gone = delete.returning(table.c.person).cte("gone")
        deleted = sa.select(sa.func.count()).select_from(gone).scalar_subquery()
        rows = summed.subquery("summed")
        statements = [table.insert().from_select(
            columns, sa.select(*rows.c).where(deleted >= 0)).add_cte(gone)]
    else:
        statements = [delete, table.insert().from_select(columns, summed)]
    made[dialect] = lock, statements
    return made[dialect]


_MADE: weakref.WeakKeyDictionary[Tables, dict[str, tuple[Any, list[Any]]]] = \
    weakref.WeakKeyDictionary()


def _rows(tables: Tables, table: sa.Table, name: str, columns: Any, *conditions: Any,
          by_institute: bool, by_people: bool = False) -> Any:
    """The rows of ``table`` meeting ``conditions``; ``by_institute``, of the institute's
    people (parameter ``institute``), read first from them (a materialized CTE on PostgreSQL
    and SQLite), so that an institute's year reads its people's rows by the index on
    ``person`` whatever the planner guesses of the year's share; ``by_people``, only of the
    people the expanding parameter ``people`` names (a page's)."""
    people = tables["people"]
    if not by_institute:
        chosen = (named_people(tables, table.c.person),) if by_people else ()
        return sa.select(*columns).where(*conditions, *chosen).subquery(name)
    institute = sa.bindparam("institute", type_=sa.String())
    own = (people.c.institute == institute,
           *((named_people(tables, people.c.id),) if by_people else ()))
    if tables.dialect == "postgresql":  # each person's rows by the index, whatever the
        each = sa.select(*columns).where(  # planner guesses: a lateral join, kept one
            table.c.person == people.c.id, *conditions).offset(0).lateral(f"{name}_each")
        return sa.select(*each.c).select_from(people.join(each, sa.true())) \
            .where(*own).cte(name) \
            .prefix_with("MATERIALIZED", dialect="postgresql")  # by OFFSET 0
    return sa.select(*columns).select_from(
        people.join(table, table.c.person == people.c.id)) \
        .where(*own, *conditions).cte(name) \
        .prefix_with("MATERIALIZED", dialect="sqlite")


def named_people(tables: Tables, column: Any) -> Any:
    """``column`` is one of the people the parameter ``people`` (a list of ids) names. On
    PostgreSQL ``= ANY`` of one array parameter: the statement's text is the same for any
    number of people, so that neither SQLAlchemy nor the driver makes it again for each page
    (an expanding ``IN`` of 50 names cost about a millisecond of processor time a statement);
    the planner reads both alike. Elsewhere the expanding ``IN``."""
    if tables.dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import ARRAY

        return column == sa.any_(sa.bindparam("people", type_=ARRAY(sa.String())))
    return column.in_(sa.bindparam("people", expanding=True))


def _of_year(sums: sa.Table, basis: str) -> list[Any]:
    return [sums.c.year == sa.bindparam("year", type_=sa.Integer()),
            sums.c.basis == sa.literal_column(f"'{basis}'")]


def sums_statement(tables: Tables, *, basis: str, by_institute: bool, by_people: bool = False,
                   by_total: bool = False) -> sa.Select[Any]:
    """Each person's sums of the year (parameter ``year``) by ``basis``: ``(person,
    class_hours, external_hours, online_hours, class_longest, external_longest,
    online_longest)``; ``by_institute``, of the people of the institute ``institute``, read
    from them; ``by_people``, of the people the expanding parameter ``people`` names;
    ``by_total``, those whose total (the three sources' hours) is at least the parameter
    ``least``."""
    sums = tables["year_sums"]
    reaching = (sa.type_coerce(sums.c.class_hours + sums.c.external_hours
                               + sums.c.online_hours, HourSums())
                >= sa.bindparam("least", type_=HourSums()),) if by_total else ()
    kept = _rows(tables, sums, "kept", (sums.c.person, *(sums.c[n] for n in SUM_COLUMNS)),
                 *_of_year(sums, basis), *reaching, by_institute=by_institute,
                 by_people=by_people)
    return sa.select(*kept.c)


def singles_statements(tables: Tables, *, basis: str, by_institute: bool,
                       by_people: bool = False) -> list[sa.Select[Any]]:
    """The single trainings of the year over the threshold, of the classes, the external
    learning and the online courses, each ``(person, key, title, first, last, hours)``: the
    classes and external learning over it (of the institute's people), and the online courses
    of the people whose longest course is over it (a course's hours are its records summed:
    few people have one that long, and their records are all that is read). Parameters:
    ``year``, ``low`` and ``high`` (its first and last day), ``threshold``, ``by_institute``,
    ``institute`` and, ``by_people``, ``people`` (expanding: only these people's)."""
    low, high = sa.bindparam("low", type_=Day()), sa.bindparam("high", type_=Day())
    threshold = sa.bindparam("threshold", type_=Hours())
    plans, implementations = tables["plans"], tables["implementations"]
    attendance, external, online = (tables["attendance"], tables["external_learning"],
                                    tables["online_learning"])
    sums = tables["year_sums"]
    held = _held(tables)
    attended = _rows(tables, attendance, "attended", (attendance.c.person, attendance.c.plan),
                     attendance.c.status == "confirmed", by_institute=by_institute,
                     by_people=by_people)
    classes = sa.select(
        attended.c.person, held["id"].label("key"), held["name"].label("title"),
        held["start"].label("first"), held["end"].label("last"),
        sa.type_coerce(held["hours"], HourSums()).label("hours"),
    ).select_from(attended.join(plans, plans.c.id == attended.c.plan).outerjoin(
        implementations, implementations.c.plan == plans.c.id)).where(
        held[basis].between(low, high), held["hours"] > threshold)
    long = _rows(tables, external, "long", (
        external.c.person, external.c.id.label("key"), external.c.title,
        external.c.start.label("first"), external.c.end.label("last"),
        sa.type_coerce(external.c.hours, HourSums()).label("hours")),
        external.c.status == "approved", external.c[basis].between(low, high),
        external.c.hours > threshold, by_institute=by_institute, by_people=by_people)
    approved = sa.select(*long.c)
    # the online courses of the people whose longest course passes the threshold
    learners = _rows(tables, sums, "learners", (sums.c.person,), *_of_year(sums, basis),
                     sums.c.online_longest > threshold, by_institute=by_institute,
                     by_people=by_people)
    taken = sa.select(online.c.person, online.c.course, online.c.date, online.c.hours,
                      online.c.seconds).where(
        online.c.person.in_(sa.select(learners.c.person)),
        online.c.date.between(low, high)).subquery("taken")
    hours = _course_hours(taken)
    courses = sa.select(
        taken.c.person, taken.c.course.label("key"), sa.func.min(taken.c.date).label("first"),
        sa.func.max(taken.c.date).label("last"), hours.label("hours"),
    ).group_by(taken.c.person, taken.c.course).having(hours > threshold).subquery("courses")
    titled = online.alias("titled")
    # a course's title: the greatest of its records' of the year, or the course's id
    title = sa.select(sa.func.max(titled.c.title)).where(
        titled.c.person == courses.c.person, titled.c.course == courses.c.key,
        titled.c.title.isnot(None), titled.c.date.between(low, high)).scalar_subquery()
    online_singles = sa.select(
        courses.c.person, courses.c.key, sa.func.coalesce(title, courses.c.key).label("title"),
        courses.c.first, courses.c.last, courses.c.hours)
    return [query.order_by(query.selected_columns[0], query.selected_columns[1])
            for query in (classes, approved, online_singles)]
