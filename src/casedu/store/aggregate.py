"""The year's hours as the database keeps them summed (:mod:`casedu.store.year_sums`), and the
guards of the rows they are read from.

Hours are exact in every engine (NUMERIC in PostgreSQL and MariaDB, scaled integers in SQLite;
see :mod:`casedu.store.tables`), so ``SUM`` and ``MAX`` are exact and the answer equals the
figures summed in Python over the same records (a property test runs it on all three engines).
Only the single trainings over the backbone threshold come back one by one.
"""

from __future__ import annotations

import weakref
from collections.abc import Collection
from decimal import Decimal
from typing import Any

import sqlalchemy as sa

from casedu.metrics.hours import YearHours
from casedu.policy import DEFAULT_POLICY, Policy, YearBasis
from casedu.store.checks import guard_statement, refusal
from casedu.store.records import StoredValueError, year_hours_of, year_parameters
from casedu.store.tables import Tables
from casedu.store.year_sums import singles_statements, sums_statement

__all__ = ["GUARDED", "broken_rows", "guard_statements", "guard_summed", "refresh_guard",
           "rules_hold", "sql_year_hours", "sums_guard"]

#: The tables whose columns the year's sums read without making records of them.
GUARDED = ("plans", "implementations", "attendance", "external_learning", "online_learning",
           "year_sums")
#: How many people one guard of a refresh names (engines bound their parameters).
_CHUNK = 500
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
        statement = guard_statement(table, _summed_rules(tables, section), dialect, where)
        if statement is not None:
            statements[section] = statement
    return statements


#: The columns of each table that :func:`casedu.store.year_sums.sums_select` sums or selects
#: by (what a refresh's guard asks the rules of: a title is no sum).
SUMMED_AGAIN: dict[str, frozenset[str] | None] = {
    **SUMMED,
    "external_learning": frozenset({"person", "status", "start", "end", "hours"}),
    "plans": frozenset({"id", "start", "end", "hours"}),
    "implementations": frozenset({"plan", "start", "end", "hours"}),
}


def _summed_rules(tables: Tables, section: str,
                  columns: dict[str, frozenset[str] | None] = SUMMED) -> list[Any]:
    """The rules of ``section`` the sums depend on (of the columns ``columns`` names)."""
    table, dialect, summed = tables[section], tables.engine_rules(), columns.get(section)
    return [rule for rule in tables.rules[section] if summed is None
            or {c.name for c in _columns(rule.build(table, dialect))} <= summed]


def sums_guard(tables: Tables, *, basis: str, by_institute: bool) -> sa.Select[Any]:
    """The first row of ``year_sums`` that breaks one of its rules among the rows a year's
    sums read (parameters ``year`` and, ``by_institute``, ``institute``)."""
    sums, people = tables["year_sums"], tables["people"]
    where = sa.and_(sums.c.year == sa.bindparam("year", type_=sa.Integer()),
                    sums.c.basis == sa.literal_column(f"'{basis}'"))
    if by_institute:
        where = sa.and_(where, sums.c.person.in_(sa.select(people.c.id).where(
            people.c.institute == sa.bindparam("institute", type_=sa.String()))))
    statement = guard_statement(sums, tables.rules["year_sums"], tables.engine_rules(), where)
    assert statement is not None  # the sums have rules
    return statement


def refresh_guard(tables: Tables) -> sa.Select[Any]:
    """The first row, of the records whose sums a refresh of some people (the expanding
    parameter ``people``) sums again, that breaks a rule the sums depend on: ``(table,
    row_id, broken)``. Run before the sums of those people are made on SQLite and MariaDB,
    where a session can write past the CHECK constraints (docs/database.md, "The year's
    sums"): such a row refuses the write that would sum it, so that the kept sums never hold
    it."""
    made = _GUARDS.get(tables)
    if made is not None:
        return made
    named: Any = sa.bindparam("people", expanding=True)
    attendance = tables["attendance"]
    plans = sa.select(attendance.c.plan).where(attendance.c.person.in_(named))
    where = {"plans": tables["plans"].c.id.in_(plans),
             "implementations": tables["implementations"].c.plan.in_(plans)}
    parts = []
    for section in GUARDED:
        if section == "year_sums":
            continue
        table = tables[section]
        statement = guard_statement(table, _summed_rules(tables, section, SUMMED_AGAIN),
                                    tables.engine_rules(),
                                    where.get(section, table.c.person.in_(named) if
                                              "person" in table.c else None))
        if statement is not None:
            parts.append(statement.order_by(None).limit(None).add_columns(
                sa.literal(section).label("section")))
    found = sa.union_all(*parts).subquery("broken")
    first: sa.Select[Any] = sa.select(found.c.section, found.c.row_id, found.c.broken).limit(1)
    _GUARDS[tables] = first
    return first


_GUARDS: weakref.WeakKeyDictionary[Tables, sa.Select[Any]] = weakref.WeakKeyDictionary()


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


def _columns(expression: Any) -> list[sa.Column[Any]]:
    return [element for element in sa.sql.visitors.iterate(expression)
            if isinstance(element, sa.Column)]


def sql_year_hours(conn: sa.Connection, tables: Tables, year: int, *,
                   policy: Policy = DEFAULT_POLICY, institute: str | None = None,
                   singles: bool = True, people: Collection[str] | None = None,
                   total_at_least: Decimal | None = None) -> YearHours:
    """Everybody's hours of ``year`` (only the people of ``institute``, when given), from the
    sums kept of each person's year (:mod:`casedu.store.year_sums`). Each person's
    ``singles`` are those over the backbone threshold; ``longest`` gives the longest single
    training. ``singles=False`` reads one row a person and no record: each person's year
    then gives its hours and the longest single training's, and refuses to list them.
    ``people``: only these people's years (their sums and single trainings; none read for
    none); ``total_at_least``: only the years whose total reaches it, left out by the
    database.

    What is guarded before (docs/database.md, "The year's sums"): nothing when the database
    vouches for every rule (:func:`rules_hold`, PostgreSQL); else the rows read. On SQLite
    and MariaDB the records a kept sum holds were guarded when they were summed
    (:func:`refresh_guard`), so the sums alone read only their own rows' guard; on
    PostgreSQL with a rule missing, and wherever the records themselves are read (the single
    trainings), the records are guarded too."""
    basis = "start" if policy.year_basis is YearBasis.START else "end"
    if people is not None and not people:
        return YearHours(year=year, policy=policy, by_person={})
    parameters = year_parameters(year, policy, institute)
    if people is not None:
        parameters["people"] = sorted(people)
    if total_at_least is not None:
        parameters["least"] = total_at_least
    guards, sums, single_statements, own = _statements(
        tables, basis, by_institute=institute is not None, by_people=people is not None,
        by_total=total_at_least is not None)
    if not rules_hold(conn, tables):
        records = singles or conn.dialect.name == "postgresql"
        for section, statement in (guards.items() if records else [("year_sums", own)]):
            broken = conn.execute(statement, parameters).first()
            if broken is not None:  # past the constraints: refused, never summed or skipped
                raise StoredValueError(refusal(section, broken))
    rows = conn.execute(sums, parameters).all()
    if not singles:
        return year_hours_of(rows, None, year, policy)
    # each fetched whole: row by row, the driver's checks of each fetch cost a third
    return year_hours_of(rows, [conn.execute(statement, parameters).all()
                                for statement in single_statements], year, policy)


def _statements(tables: Tables, basis: str, *, by_institute: bool, by_people: bool = False,
                by_total: bool = False) -> tuple[Any, Any, Any, Any]:
    """The guards, the sums' and the single trainings' statements of the year, and the guard
    of the sums' own rows, made once for each tables (building them costs about what reading
    an institute's year does). The guards are those of the institute's year (or everybody's)
    whichever people are read: a row past the rules refuses a page as it refuses the whole
    year."""
    made = _MADE.setdefault(tables, {})
    key = (basis, by_institute, by_people, by_total)
    if key not in made:
        made[key] = (guard_statements(tables, by_institute=by_institute),
                     sums_statement(tables, basis=basis, by_institute=by_institute,
                                    by_people=by_people, by_total=by_total),
                     singles_statements(tables, basis=basis, by_institute=by_institute,
                                        by_people=by_people),
                     sums_guard(tables, basis=basis, by_institute=by_institute))
    return made[key]


_MADE: weakref.WeakKeyDictionary[
    Tables, dict[tuple[str, bool, bool, bool], tuple[Any, Any, Any, Any]]] = \
    weakref.WeakKeyDictionary()


def guard_summed(conn: sa.Connection, tables: Tables, people: Collection[str] | None) -> None:
    """Refuse (:class:`StoredValueError`) to sum the years of ``people`` (None: everybody's)
    again when one of the records summed breaks a rule the sums depend on: on SQLite and
    MariaDB, before :func:`casedu.store.year_sums.refresh`; PostgreSQL refuses such a row
    itself while its constraints hold, and its reads guard the records when they do not."""
    if conn.dialect.name == "postgresql":
        return
    if people is None:
        for section, statement in guard_statements(tables, by_institute=False).items():
            broken = conn.execute(statement).first() if section != "year_sums" else None
            if broken is not None:
                raise StoredValueError(refusal(section, broken))
        return
    statement, ordered = refresh_guard(tables), sorted(set(people))
    for start in range(0, len(ordered), _CHUNK):
        broken = conn.execute(statement, {"people": ordered[start:start + _CHUNK]}).first()
        if broken is not None:
            raise StoredValueError(refusal(broken.section, (broken.row_id, broken.broken)))
