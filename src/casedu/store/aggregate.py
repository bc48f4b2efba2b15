"""The year's hours as the database keeps them summed (:mod:`casedu.store.year_sums`), and the
guards of the rows they are read from.

Hours are exact in every engine (NUMERIC in PostgreSQL and MariaDB, scaled integers in SQLite;
see :mod:`casedu.store.tables`), so ``SUM`` and ``MAX`` are exact and the answer equals the
figures summed in Python over the same records (a property test runs it on all three engines).
Only the single trainings over the backbone threshold come back one by one.
"""

from __future__ import annotations

import weakref
from typing import Any

import sqlalchemy as sa

from casedu.metrics.hours import YearHours
from casedu.policy import DEFAULT_POLICY, Policy, YearBasis
from casedu.store.checks import guard_statement, refusal
from casedu.store.records import StoredValueError, year_hours_of, year_parameters
from casedu.store.tables import Tables
from casedu.store.year_sums import singles_statements, sums_statement

__all__ = ["GUARDED", "broken_rows", "guard_statements", "rules_hold", "sql_year_hours"]

#: The tables whose columns the year's sums read without making records of them.
GUARDED = ("plans", "implementations", "attendance", "external_learning", "online_learning",
           "year_sums")
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


def _columns(expression: Any) -> list[sa.Column[Any]]:
    return [element for element in sa.sql.visitors.iterate(expression)
            if isinstance(element, sa.Column)]


def sql_year_hours(conn: sa.Connection, tables: Tables, year: int, *,
                   policy: Policy = DEFAULT_POLICY, institute: str | None = None) -> YearHours:
    """Everybody's hours of ``year`` (only the people of ``institute``, when given), from the
    sums kept of each person's year (:mod:`casedu.store.year_sums`). Each person's
    ``singles`` are those over the backbone threshold; ``longest`` gives the longest single
    training."""
    basis = "start" if policy.year_basis is YearBasis.START else "end"
    parameters = year_parameters(year, policy, institute)
    guards, sums, singles = _statements(tables, basis, by_institute=institute is not None)
    if not rules_hold(conn, tables):
        for section, statement in guards.items():
            broken = conn.execute(statement, parameters).first()
            if broken is not None:  # past the constraints: refused, never summed or skipped
                raise StoredValueError(refusal(section, broken))
    rows = conn.execute(sums, parameters).all()
    # each fetched whole: row by row, the driver's checks of each fetch cost a third
    return year_hours_of(rows, [conn.execute(statement, parameters).all()
                                for statement in singles], year, policy)


def _statements(tables: Tables, basis: str, *, by_institute: bool) -> tuple[Any, Any, Any]:
    """The guards, the sums' and the single trainings' statements of the year, made once for
    each tables (building them costs about what reading an institute's year does)."""
    made = _MADE.setdefault(tables, {})
    key = (basis, by_institute)
    if key not in made:
        made[key] = (guard_statements(tables, by_institute=by_institute),
                     sums_statement(tables, basis=basis, by_institute=by_institute),
                     singles_statements(tables, basis=basis, by_institute=by_institute))
    return made[key]


_MADE: weakref.WeakKeyDictionary[Tables, dict[tuple[str, bool], tuple[Any, Any, Any]]] = \
    weakref.WeakKeyDictionary()
