"""A store of casedu 0.2 keeps its revision in ``<prefix>alembic_version``: it is recognised by
that revision and exactly the tables casedu made then, migrated, and its revision moved to the
table of casedu's own at the end; a store holding a row the newest rules refuse is refused and
left as it was (its revision not moved either), on every engine."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import sqlalchemy as sa

from casedu.errors import WorkspaceError
from casedu.store.migrations import HEAD
from tests.engines import ENGINES
from tests.store.test_migrations import old_database, opened, rows_0001

pytestmark = pytest.mark.parametrize("kind", ENGINES)


def _names(engine: sa.Engine, prefix: str) -> set[str]:
    with engine.connect() as conn:
        return {n for n in sa.inspect(conn).get_table_names() if n.startswith(prefix)}


def test_its_revision_moves_to_casedus_own_table(kind, tmp_path):
    engine, prefix = old_database(kind, tmp_path)
    with engine.begin() as conn:
        rows_0001(conn, prefix, kind, Decimal(2))
    store = opened(kind, engine, prefix)
    try:
        names = _names(store.engine, prefix)
        assert f"{prefix}alembic_version" not in names and f"{prefix}casedu_revision" in names
        with store.engine.connect() as conn:
            assert conn.execute(sa.text(f"SELECT version_num FROM {prefix}casedu_revision")) \
                .scalar_one() == HEAD
        assert store.get("people", ("p1",)).name == "张伟"
        if kind == "mariadb":
            with store.engine.connect() as conn:
                assert set(conn.execute(sa.text(
                    "SELECT DISTINCT collation_name FROM information_schema.columns WHERE "
                    "table_schema = DATABASE() AND table_name IN :names AND collation_name IS "
                    "NOT NULL").bindparams(sa.bindparam("names", expanding=True)),
                    {"names": [t.name for t in store.tables.metadata.sorted_tables]}).scalars()
                ) == {"utf8mb4_nopad_bin"}
    finally:
        store.drop()


def test_one_holding_a_row_the_rules_refuse_is_refused_unchanged(kind, tmp_path):
    engine, prefix = old_database(kind, tmp_path)
    day = (lambda text: text) if kind == "sqlite" else dt.date.fromisoformat
    end = "`end`" if kind == "mariadb" else '"end"'
    with engine.begin() as conn:  # revision 0001 let an end before the start through
        rows_0001(conn, prefix, kind, Decimal(2))
        conn.execute(sa.text(
            f"INSERT INTO {prefix}external_learning (id, person, category, title, start, "
            f"{end}, hours, status) "
            "VALUES ('e1', 'p1', '会', '会', :start, :end, :hours, 'approved')"),
            {"start": day("2026-05-03"), "end": day("2026-05-01"),
             "hours": 8_000_000 if kind == "sqlite" else 8})
        row = conn.execute(sa.text(f"SELECT row_id FROM {prefix}external_learning")).scalar()
    before = _names(engine, prefix)
    with pytest.raises(WorkspaceError, match=rf"table external_learning row {row}: end: must be "
                                             r"not before start.*nothing was changed"):
        opened(kind, engine, prefix)
    if kind == "sqlite":
        engine = sa.create_engine(engine.url)
    assert _names(engine, prefix) == before  # the revision was not moved either
    with engine.connect() as conn:
        assert conn.execute(sa.text(f"SELECT version_num FROM {prefix}alembic_version")) \
            .scalar_one() == "0001"
    with engine.begin() as conn:
        if kind == "mariadb":
            conn.execute(sa.text("SET FOREIGN_KEY_CHECKS = 0"))
        for name in before | {f"{prefix}alembic_version"}:
            conn.execute(sa.text(f"DROP TABLE IF EXISTS {name}"
                                 + (" CASCADE" if kind == "postgresql" else "")))
    engine.dispose()
