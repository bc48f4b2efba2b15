"""What the database holds is checked by the database: every bound and every enumeration of
the model is a CHECK constraint on every engine, and a row that gets past them anyway (a
constraint dropped by hand, SQLite's ``ignore_check_constraints``, MariaDB's
``ALLOW_INVALID_DATES``) refuses the figures with its table, row and field: never summed,
never skipped."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import attrs
import pytest
import sqlalchemy as sa

from casedu.errors import ArgumentError, WorkspaceError
from casedu.quantities import BOUNDS
from casedu.services.changes import Change
from casedu.store.aggregate import broken_rows
from casedu.store.tables import HOURS_SCALE
from tests.builders import online
from tests.engines import ENGINES, new_store
from tests.services.world import world_dataset

pytestmark = pytest.mark.parametrize("kind", ENGINES)


@pytest.fixture
def store(kind, tmp_path):
    with new_store(kind, tmp_path) as made:
        made.replace_all(attrs.evolve(world_dataset(), online_learning=[online("s1", "c1", "2")]))
        yield made


def _hours(kind: str, value: Decimal) -> object:
    """Hours as the engine stores them (millionths of an hour on SQLite)."""
    return int(value * HOURS_SCALE) if kind == "sqlite" else value


#: (what, table, column, value or a function of the engine, engines) — each a value the model
#: refuses, written by hand.
CASES = [
    ("record hours over the bound", "external_learning", "hours",
     lambda kind: _hours(kind, BOUNDS.record_hours + 3000), ENGINES),
    ("negative hours", "external_learning", "hours",
     lambda kind: _hours(kind, Decimal(-7)), ENGINES),
    ("online hours over any bound", "online_learning", "hours",
     lambda kind: _hours(kind, BOUNDS.record_hours + 1), ENGINES),
    ("a status no attendance has", "attendance", "status", "CONFIRMED", ENGINES),
    ("an end before the start", "external_learning", "end", dt.date(2020, 1, 1), ENGINES),
    ("hours as text", "external_learning", "hours", "12.5", ("sqlite",)),
    ("a date that does not exist", "external_learning", "start", "2026-02-30",
     ("sqlite", "mariadb")),
    ("plan hours below zero", "plans", "hours", lambda kind: _hours(kind, Decimal(-1)),
     ENGINES),
]
#: Values outside the tables the figures sum; the records made of them refuse them.
MORE = [
    ("an id with a trailing space", "external_learning", "id", "E1 ", ENGINES),
    ("a name longer than a line", "institutes", "name", "名" * (BOUNDS.line_length + 1),
     ENGINES),
    ("a year before the first", "summaries", "year", BOUNDS.first_year - 1, ENGINES),
    ("a flag that is neither", "people", "in_service", 7, ("sqlite", "mariadb")),
    ("a count below zero", "implementations", "attendees", -1, ENGINES),
]


def _where(table: str) -> str:
    return {"external_learning": "id = 'E1'", "plans": "id = 'P1'",
            "institutes": "code = 'IOP'", "summaries": "institute = 'IOP'",
            "people": "id = 's1'", "implementations": "plan = 'P1i'",
            "attendance": "plan = 'P1'", "online_learning": "person = 's1'"}[table]


def _write(store, kind, table, column, value, *, past_checks=False, where=None):
    """``UPDATE`` one row by hand (of ``where``, else the table's usual row); ``past_checks``:
    as someone who dropped the constraints."""
    name = store.tables.name(table)
    quoted = store.engine.dialect.identifier_preparer.quote(column)
    value = value(kind) if callable(value) else value
    with store.engine.begin() as conn:
        if past_checks:
            if kind == "sqlite":
                conn.exec_driver_sql("PRAGMA ignore_check_constraints = ON")
            else:
                for rule in store.tables.rules[table]:
                    conn.exec_driver_sql(f"ALTER TABLE {name} DROP CONSTRAINT "
                                         f"{rule.name(store.tables.prefix)}")
        if kind == "mariadb" and column in ("start", "end"):
            conn.exec_driver_sql("SET SESSION sql_mode = 'ALLOW_INVALID_DATES'")
        row = conn.execute(sa.text(f"SELECT row_id FROM {name} WHERE "
                                   f"{where or _where(table)}")).first()
        conn.execute(sa.text(f"UPDATE {name} SET {quoted} = :value WHERE row_id = :row"),
                     {"value": value, "row": row[0]})
        if kind == "sqlite":
            conn.exec_driver_sql("PRAGMA ignore_check_constraints = OFF")
        if kind == "mariadb":
            conn.exec_driver_sql("SET SESSION sql_mode = DEFAULT")
    return row[0]


def _cases(cases):
    return [pytest.param(*case[1:4], id=case[0]) for case in cases]


@pytest.mark.parametrize(("table", "column", "value"), _cases(CASES + MORE))
def test_the_database_refuses_what_the_model_refuses(store, kind, table, column, value):
    engines = next(case[4] for case in CASES + MORE if case[1:4] == (table, column, value))
    if kind not in engines:
        pytest.skip(f"{kind} cannot hold such a value at all")
    before = store.state()
    with pytest.raises(sa.exc.DBAPIError, match=r"(?i)check|constraint|too long"):
        _write(store, kind, table, column, value)
    assert store.state() == before


@pytest.mark.parametrize(("table", "column", "value"), _cases(CASES))
def test_a_row_past_the_constraints_refuses_the_figures(store, kind, table, column, value):
    engines = next(case[4] for case in CASES if case[1:4] == (table, column, value))
    if kind not in engines:
        pytest.skip(f"{kind} cannot hold such a value at all")
    row = _write(store, kind, table, column, value, past_checks=True)
    field = "end" if column in ("start", "end") and "before" in repr(value) else column
    expected = rf"table {table} row {row}: {field}: must be"
    for institute in (None, "IOP"):
        with pytest.raises(WorkspaceError, match=expected):
            store.year_hours(2026, institute=institute)
    with pytest.raises(WorkspaceError, match=rf"table {table} row {row}"):
        store.state()  # and the records: the model refuses it too


@pytest.mark.parametrize(("table", "column", "value"), _cases(MORE))
def test_a_record_past_the_constraints_is_refused_when_read(store, kind, table, column,
                                                            value):
    engines = next(case[4] for case in MORE if case[1:4] == (table, column, value))
    if kind not in engines or (column == "name" and kind != "sqlite"):
        pytest.skip(f"{kind} cannot hold such a value at all (its column type refuses it)")
    row = _write(store, kind, table, column, value, past_checks=True)
    where = "(of plan 'P1i'):" if table == "implementations" else f"row {row}:"
    with pytest.raises(WorkspaceError, match=rf"table {table} {re.escape(where)} .*{column}"):
        store.state()
    if table in ("people", "institutes", "summaries", "implementations"):
        for _ in range(2):  # its values not seen before, then seen: refused either way
            with pytest.raises(WorkspaceError, match=rf"table {table} {re.escape(where)}"):
                store.roster()


def _person_of(store, table, row):
    """The person whose sums would hold the row (for a plan: one of its attendees)."""
    with store.engine.connect() as conn:
        if table == "plans":
            attendance = store.tables["attendance"]
            return conn.execute(sa.select(attendance.c.person).where(
                attendance.c.plan == "P1")).scalars().first()
        found = store.tables[table]
        return conn.execute(sa.select(found.c.person).where(found.c.row_id == row)).scalar_one()


@pytest.mark.parametrize(("table", "column", "value"), _cases(CASES))
def test_a_row_past_the_constraints_never_reaches_a_figure_silently(store, kind, table, column,
                                                                   value):
    """The year read one row a person (``singles=False``) reads the kept sums, not the
    records: a row written past the constraints is refused wherever it would enter a figure
    (a write that sums its person's year again, ``sum_again``), and ``check-store`` names it;
    on PostgreSQL, whose constraints no session can switch off, a dropped one makes every read
    guard the records again."""
    engines = next(case[4] for case in CASES if case[1:4] == (table, column, value))
    if kind not in engines:
        pytest.skip(f"{kind} cannot hold such a value at all")
    before = store.year_hours(2026, singles=False)
    row = _write(store, kind, table, column, value, past_checks=True)
    named = rf"table {table} row {row}"
    assert any(re.match(named, found) for found in broken_rows(store))  # check-store
    if kind == "postgresql":
        for institute in (None, "IOP"):
            with pytest.raises(WorkspaceError, match=named):
                store.year_hours(2026, institute=institute, singles=False)
        return
    # the kept sums do not hold it: the figures are those of the records casedu summed
    assert store.year_hours(2026, singles=False).by_person == before.by_person
    who = _person_of(store, table, row)
    with pytest.raises(WorkspaceError, match=named):  # a write that would sum it
        store.commit([Change(None, online(who, "c-new", "1"))], [])
    with pytest.raises(WorkspaceError, match=named):
        store.sum_again()
    assert store.year_hours(2026, singles=False).by_person == before.by_person


def test_an_approval_adds_its_record_alone_beside_a_row_past_the_constraints(store, kind):
    """An approval adds its record (read under its lock, checked by the model) to its
    person's sums without reading the person's other records: a row of the same person
    written past the constraints stays out of the sums, refused where it would enter them
    (``sum_again``, a write that sums the person's year again) and named by
    ``check-store``."""
    from casedu.model import Role
    from casedu.services import Actor, Workflow
    from tests.services.world import HASHER, NOW, accounts

    store.commit([Change(None, account) for account in accounts()], [])
    before = store.year_hours(2026, singles=False).of("s1").external_hours
    row = _write(store, kind, "external_learning", "hours", lambda k: _hours(k, Decimal(-7)),
                 past_checks=True, where="id = 'Ls1'")  # s1's approved record
    named = rf"table external_learning row {row}: hours"
    flow = Workflow(store, clock=lambda: NOW, hasher=HASHER)
    admin = next(a for a in accounts() if a.username == "IOP")
    flow.approve_external(Actor(admin, Role.INSTITUTE_ADMIN), "E1")  # s1's pending one
    assert any(re.match(named, found) for found in broken_rows(store))
    if kind == "postgresql":  # a constraint dropped: every read guards the records
        with pytest.raises(WorkspaceError, match=named):
            store.year_hours(2026, singles=False)
        return
    assert store.year_hours(2026, singles=False).of("s1").external_hours == before + 5
    with pytest.raises(WorkspaceError, match=named):
        store.commit([Change(None, online("s1", "c-new", "1"))], [])
    with pytest.raises(WorkspaceError, match=named):
        store.sum_again()


def test_a_sum_written_past_its_rule_refuses_the_figures(store, kind):
    sums = store.tables["year_sums"]
    name = store.tables.name("year_sums")
    with store.engine.begin() as conn:
        if kind == "sqlite":
            conn.exec_driver_sql("PRAGMA ignore_check_constraints = ON")
        else:
            for rule in store.tables.rules["year_sums"]:
                conn.exec_driver_sql(f"ALTER TABLE {name} DROP CONSTRAINT "
                                     f"{rule.name(store.tables.prefix)}")
        row = conn.execute(sa.select(sums.c.row_id).where(
            sums.c.person == "s1", sums.c.year == 2026, sums.c.basis == "start")).scalar_one()
        conn.execute(sums.update().where(sums.c.row_id == row).values(
            class_hours=_hours(kind, Decimal(-3))))
        if kind == "sqlite":
            conn.exec_driver_sql("PRAGMA ignore_check_constraints = OFF")
    for institute in (None, "IOP"):
        for singles in (False, True):
            with pytest.raises(WorkspaceError, match=rf"table year_sums row {row}: class_hours"):
                store.year_hours(2026, institute=institute, singles=singles)


def test_the_year_without_its_single_trainings_refuses_to_list_them(store, kind):
    read = store.year_hours(2026, institute="IOP", singles=False)
    full = store.year_hours(2026, institute="IOP")
    assert read.by_person.keys() == full.by_person.keys() and read.by_person
    for who, year in read.by_person.items():
        whole = full.of(who)
        assert (year.total, year.max_single_hours, year.has_singles) == (
            whole.total, whole.max_single_hours, whole.has_singles)
        with pytest.raises(ArgumentError, match=r"single trainings .* were not read"):
            year.singles_over(Decimal(0))
