"""Databases made by an earlier casedu are brought forward when a store opens them, on every
engine, to exactly the tables a new store has, their rows kept.

``revisions/0001-ENGINE.sql`` is the DDL casedu made at revision 0001 (SQLAlchemy's compilation
of that revision's ``Tables`` for each engine, the prefix written ``zq0001_``): a database of
that revision is made from it, given rows, and opened."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from pathlib import Path

import pytest
import sqlalchemy as sa

from casedu.model import Institute, OnlineLearning, Person
from casedu.services.changes import Change
from casedu.store import SqliteStore, SqlStore
from casedu.store.migrations import HEAD, current_revision
from casedu.store.sql import roster_statement
from tests.engines import ENGINES, new_store, server_url

REVISIONS = Path(__file__).with_name("revisions")
MARK = "zq0001_"


def old_database(kind: str, folder: Path, revision: str = "0001") -> tuple[sa.Engine, str]:
    """An engine on a database of ``revision`` (a new file, or a prefix of its own on a
    server), and its table prefix."""
    if kind == "sqlite":
        engine = sa.create_engine(f"sqlite:///{folder / f'old-{uuid.uuid4().hex[:8]}.casedu'}")
        prefix = ""
    else:
        engine = sa.create_engine(server_url(kind))
        prefix = f"m{uuid.uuid4().hex[:10]}_"
    ddl = (REVISIONS / f"{revision}-{kind}.sql").read_text(encoding="utf-8")
    with engine.begin() as conn:
        for statement in ddl.replace(MARK, prefix).split(";\n\n"):
            if statement.strip():
                conn.execute(sa.text(statement.strip().rstrip(";")))
        conn.execute(sa.text(
            f"CREATE TABLE {prefix}alembic_version (version_num VARCHAR(32) NOT NULL, "
            f"CONSTRAINT {prefix}alembic_version_pkc PRIMARY KEY (version_num))"))
        conn.execute(sa.text(f"INSERT INTO {prefix}alembic_version VALUES ('{revision}')"))
    return engine, prefix


def opened(kind: str, engine: sa.Engine, prefix: str):
    if kind == "sqlite":
        path = engine.url.database
        engine.dispose()
        return SqliteStore.open(path)
    return SqlStore(engine, prefix=prefix, migrate=True)


def rows_0001(conn: sa.Connection, prefix: str, kind: str, hours: Decimal) -> None:
    """An institute, a person and an online record of ``hours`` as revision 0001 stores them."""
    scaled = int(hours * 10**6) if kind == "sqlite" else hours
    conn.execute(sa.text(f"INSERT INTO {prefix}institutes (code, name) VALUES ('IOP', '物理所')"))
    conn.execute(sa.text(
        f"INSERT INTO {prefix}people (id, institute, name, in_service, hours_required) "
        "VALUES ('p1', 'IOP', '张伟', :yes, :yes)"), {"yes": True})
    conn.execute(sa.text(
        f"INSERT INTO {prefix}online_learning (person, course, date, hours) "
        "VALUES ('p1', 'c1', :day, :hours)"),
        {"day": "2026-03-01" if kind == "sqlite" else dt.date(2026, 3, 1), "hours": scaled})


def structure(store) -> dict[str, dict[str, object]]:
    """Each of casedu's tables as the database reports it (columns, keys, references, indexes,
    CHECK constraints), names without the prefix: what a migrated database and a new one must
    have alike. (Alembic's own comparison takes MariaDB's MEDIUMTEXT for a change of TEXT.)"""
    prefix = store.tables.prefix

    def bare(text: str | None) -> str | None:
        return None if text is None else " ".join(text.split()).replace(prefix, "")

    found = {}
    with store.engine.connect() as conn:
        inspector = sa.inspect(conn)
        for table in store.tables.metadata.sorted_tables:
            name, schema = table.name, table.schema
            found[bare(name)] = {
                "columns": [(c["name"], str(c["type"]), c["nullable"])
                            for c in inspector.get_columns(name, schema=schema)],
                "key": inspector.get_pk_constraint(name, schema=schema)["constrained_columns"],
                "unique": sorted((bare(u["name"]), tuple(u["column_names"]))
                                 for u in inspector.get_unique_constraints(name, schema=schema)),
                "references": sorted(
                    (bare(f["name"]), tuple(f["constrained_columns"]), bare(f["referred_table"]),
                     tuple(f["referred_columns"]), f.get("options", {}).get("ondelete"))
                    for f in inspector.get_foreign_keys(name, schema=schema)),
                "indexes": sorted(
                    (bare(i["name"]), tuple(i["column_names"]), bool(i["unique"]),
                     bare(str(i.get("dialect_options", {}).get(f"{store.dialect}_where"))))
                    for i in inspector.get_indexes(name, schema=schema)),
                "checks": sorted((bare(c["name"]), bare(c["sqltext"]))
                                 for c in inspector.get_check_constraints(name, schema=schema)),
                "collations": _collations(conn, store, name),
            }
    return found


def _collations(conn: sa.Connection, store, name: str) -> list[tuple[str, str]]:
    """MariaDB's collation of each text column (trailing spaces compared or not)."""
    if store.dialect not in ("mysql", "mariadb"):
        return []
    return sorted(map(tuple, conn.execute(sa.text(
        "SELECT column_name, collation_name FROM information_schema.columns WHERE "
        "table_schema = DATABASE() AND table_name = :name AND collation_name IS NOT NULL"),
        {"name": name})))


@pytest.mark.parametrize("kind", ENGINES)
def test_a_database_of_revision_0001_is_brought_to_the_tables_of_a_new_one(kind, tmp_path):
    engine, prefix = old_database(kind, tmp_path)
    with engine.begin() as conn:
        rows_0001(conn, prefix, kind, Decimal(24))
    # the database is as revision 0001 made it: an online record of 30 h is refused
    with pytest.raises(sa.exc.DBAPIError, match="hours_bounds"), engine.begin() as conn:
        conn.execute(sa.text(
            f"INSERT INTO {prefix}online_learning (person, course, date, hours) VALUES "
            "('p1', 'c2', :day, :hours)"),
            {"day": "2026-03-02" if kind == "sqlite" else dt.date(2026, 3, 2),
             "hours": 30_000_000 if kind == "sqlite" else 30})
    store = opened(kind, engine, prefix)
    try:
        assert current_revision(store) == HEAD
        (kept,) = store.find("online_learning", person="p1")
        assert kept == OnlineLearning(person="p1", course="c1", date=dt.date(2026, 3, 1),
                                      hours=Decimal(24))
        assert store.get("people", ("p1",)) == Person(id="p1", institute="IOP", name="张伟",
                                                      in_service=True, hours_required=True)
        assert store.get("institutes", ("IOP",)) == Institute(code="IOP", name="物理所")
        course = OnlineLearning(person="p1", course="c2", date=dt.date(2026, 3, 2),
                                hours=Decimal(30))
        store.commit([Change(None, course)], [])
        assert store.year_hours(2026).of("p1").online_hours == 54
        with new_store(kind, tmp_path) as fresh:
            assert structure(store) == structure(fresh)
    finally:
        store.drop()


@pytest.mark.parametrize("kind", ENGINES)
def test_a_new_store_is_made_at_the_newest_revision(kind, tmp_path):
    with new_store(kind, tmp_path) as store:
        assert current_revision(store) == HEAD


def test_the_academy_role_came_with_revision_0006():
    from casedu.store.tables import Tables

    assert "academy_admin" not in Tables(revision="0005").roles()
    assert "academy_admin" in Tables().roles()


@pytest.mark.parametrize("kind", ENGINES)
def test_a_migrated_database_records_the_academy_admins_refusals(kind, tmp_path):
    from casedu.model import Role
    from casedu.services.changes import AuditEvent

    engine, prefix = old_database(kind, tmp_path)
    with engine.begin() as conn:
        rows_0001(conn, prefix, kind, Decimal(1))
    store = opened(kind, engine, prefix)
    try:
        event = AuditEvent(at=dt.datetime(2026, 12, 7, tzinfo=dt.UTC), actor="cas",
                           role=Role.ACADEMY_ADMIN, action="implement_plan", record="plan P1",
                           before=None, after=None, institute="IOP", outcome="denied",
                           reason="院级管理员 changes nothing")
        store.commit([], [event])
        assert store.events(institute="IOP")[-1].role is Role.ACADEMY_ADMIN
    finally:
        store.drop()


def test_an_institutes_people_in_order_came_with_revision_0009():
    from casedu.store.tables import Tables

    def indexes(tables):
        return {index.name: [c.name for c in index.columns] for index in tables["people"].indexes}

    assert indexes(Tables(revision="0008"))["people_institute"] == ["institute"]
    assert "people_institute_row_id" not in indexes(Tables(revision="0008"))
    assert indexes(Tables())["people_institute_row_id"] == ["institute", "row_id"]
    assert "people_institute" not in indexes(Tables())


def test_a_page_of_an_institutes_people_is_read_in_order_by_the_index(tmp_path):
    """SQLite's plan of the roster's people of an institute: the index gives them in the order
    they were added, with no sort (before 0009: the index of the institute, then a sort)."""
    with new_store("sqlite", tmp_path) as store:
        statement = roster_statement(store.tables, "people", by_institute=True)
        compiled = statement.compile(store.engine)
        with store.engine.connect() as conn:
            plan = " ".join(row[-1] for row in conn.exec_driver_sql(
                f"EXPLAIN QUERY PLAN {compiled}", ("IOP",)))
    assert "people_institute_row_id" in plan and "TEMP B-TREE" not in plan, plan
