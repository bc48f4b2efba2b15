"""casedu touches only tables it made: a portal's tables under casedu's names are refused
untouched, a failed ``casedu init`` leaves the database as it was, and a store whose making was
killed half-way is recognised and never taken for an empty one (on every engine)."""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import sqlalchemy as sa

from casedu.dataset import save_dataset
from casedu.errors import WorkspaceError
from casedu.sample import sample_dataset
from casedu.store import SqlStore, open_store
from tests.engines import ENGINES, isolated, table_names
from tests.services.world import world_dataset
from tests.test_cli_workspace import run

pytestmark = pytest.mark.parametrize("kind", ENGINES)


@pytest.fixture
def database(kind, tmp_path):
    with isolated(kind, tmp_path) as url:
        yield url


def _engine(url: str) -> sa.Engine:
    return sa.create_engine(url if "://" in url else f"sqlite:///{url}")


def _portal(url: str, prefix: str = "") -> None:
    """A portal's own tables, two of them under names casedu uses, and its own Alembic
    revision."""
    engine = _engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text(f"CREATE TABLE {prefix}summaries (id INTEGER, note VARCHAR(40))"))
        conn.execute(sa.text(f"INSERT INTO {prefix}summaries VALUES (1, 'the portal''s')"))
        conn.execute(sa.text(f"CREATE TABLE {prefix}accounts (login VARCHAR(40))"))
        conn.execute(sa.text(f"INSERT INTO {prefix}accounts VALUES ('admin')"))
        conn.execute(sa.text("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)"))
        conn.execute(sa.text("INSERT INTO alembic_version VALUES ('0001')"))
    engine.dispose()


def _contents(url: str) -> dict[str, list[tuple]]:
    engine = _engine(url)
    try:
        with engine.connect() as conn:
            return {name: sorted(map(tuple, conn.execute(sa.text(f"SELECT * FROM {name}"))))
                    for name in sa.inspect(conn).get_table_names()}
    finally:
        engine.dispose()


@pytest.mark.parametrize("prefix", ["", "casedu_"])
def test_a_portals_tables_under_casedus_names_are_refused_untouched(database, kind, prefix,
                                                                    tmp_path, capsys):
    _portal(database, prefix)
    before = _contents(database)
    engine = _engine(database)
    for create in (False, True):
        with pytest.raises(WorkspaceError, match=rf"tables named as casedu's "
                                                 rf"\({prefix}accounts, {prefix}summaries\)"):
            SqlStore(engine, prefix=prefix, create=create)
    engine.dispose()
    if not prefix and kind != "sqlite":  # the command line: the URL names the database
        data = tmp_path / "data.json"
        save_dataset(world_dataset(), data)
        code, _, err = run(capsys, "init", database, "--from", data)
        assert code == 1 and "summaries" in err and "does not touch them" in err, err
        for command in (["summary", database, "--institute", "IOP", "--year", "2026"],
                        ["pending", database, "--institute", "IOP"]):
            code, _, err = run(capsys, *command)
            assert code == 1 and "that casedu did not make" in err, err
    assert _contents(database) == before


def test_a_workspace_file_with_a_portals_tables_stays_byte_identical(kind, tmp_path, capsys):
    if kind != "sqlite":
        pytest.skip("a workspace is a file")
    path = tmp_path / "portal.db"
    _portal(str(path))
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    for command in (["pending", path, "--institute", "IOP"],
                    ["summary", path, "--institute", "IOP", "--year", "2026"],
                    ["dump", path, "--output", tmp_path / "out.json"]):
        code, _, err = run(capsys, *command)
        assert code == 1 and "accounts, summaries" in err, err
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest
    assert sorted(p.name for p in tmp_path.iterdir()) == ["portal.db"]


def test_casedu_keeps_its_revision_beside_the_portals_alembic(database, kind):
    """A portal that uses Alembic keeps ``alembic_version``: casedu's revision table is its
    own, and the portal's revision is left as it was."""
    engine = _engine(database)
    with engine.begin() as conn:
        conn.execute(sa.text("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)"))
        conn.execute(sa.text("INSERT INTO alembic_version VALUES ('ae1027a6acf')"))
    store = SqlStore(engine, create=True, dataset=world_dataset())
    assert SqlStore(engine).get("people", ("s1",)).name == "人员s1"
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT * FROM alembic_version")).all() == [
            ("ae1027a6acf",)]
        assert conn.execute(sa.text("SELECT * FROM casedu_revision")).scalar_one() == \
            store.tables.revision
    engine.dispose()


def test_a_failed_init_leaves_the_database_as_it_was(database, kind, tmp_path, capsys,
                                                     monkeypatch):
    """Filling the tables fails half-way (the learning records): nothing casedu made stays,
    the portal's tables are untouched (MariaDB's DDL is not transactional: casedu drops what
    this run made, and only that)."""
    if kind == "sqlite":
        path = Path(database)
        engine = _engine(database)
        with engine.begin() as conn:
            conn.execute(sa.text("CREATE TABLE orders (id INTEGER)"))
        engine.dispose()
        path.unlink()  # a workspace is made where no file is
    else:
        _portal(database, "portal_")
    before = _contents(database) if kind != "sqlite" else {}
    real = SqlStore._insert_many

    def failing(self, conn, section, records):
        real(self, conn, section, records)
        if section == "attendance":
            raise OSError("the disk is full")

    monkeypatch.setattr(SqlStore, "_insert_many", failing)
    data = tmp_path / "data.json"
    save_dataset(sample_dataset(), data)
    code, _, err = run(capsys, "init", database, "--from", data)
    assert code == 1 and "the disk is full" in err, err
    if kind == "sqlite":
        assert sorted(p.name for p in tmp_path.iterdir()) == ["data.json"]
    else:
        assert _contents(database) == before
    monkeypatch.setattr(SqlStore, "_insert_many", real)
    assert run(capsys, "init", database, "--from", data)[0] == 0  # and init works after


_KILLED = """
import os, signal, sys
import sqlalchemy as sa
from casedu.cli import main
from casedu.store import SqlStore

real = SqlStore._insert_many

def insert_then_die(self, conn, section, records):
    real(self, conn, section, records)
    if section == "plans":
        os.kill(os.getpid(), signal.SIGKILL)

SqlStore._insert_many = insert_then_die
main(["init", sys.argv[1], "--from", sys.argv[2]])  # casedu init URL --from DATA
"""


def test_a_store_whose_init_was_killed_is_never_taken_for_an_empty_one(database, kind,
                                                                       tmp_path, capsys):
    """kill -9 in the middle of ``casedu init URL --from DATA`` filling the tables: on SQLite
    and PostgreSQL nothing is left (one transaction; SQLite makes the file aside), on MariaDB
    the tables made so far stay without a revision; every command refuses them, saying how to
    clean up, and the cleanup it names lets ``casedu init`` start again."""
    data = tmp_path.parent / f"{tmp_path.name}-data.json"  # beside the folder looked at
    save_dataset(sample_dataset(), data)
    result = subprocess.run([sys.executable, "-c", textwrap.dedent(_KILLED), database, data],
                            check=False, env={**os.environ, "PYTHONPATH": os.getcwd()})
    assert result.returncode == -signal.SIGKILL
    if kind == "sqlite":
        assert not Path(database).exists()  # the workspace never appeared
        assert {p.name.rsplit(".", 1)[1] for p in tmp_path.iterdir()} <= {
            "part", "part-wal", "part-shm"}  # made aside
    elif kind == "postgresql":
        assert table_names(database) == []  # the whole making was one transaction
    else:
        left = table_names(database)
        assert "casedu_revision" in left and "people" in left
        for command in (["summary", database, "--institute", "DEMO", "--year", "2026"],
                        ["pending", database, "--institute", "DEMO"],
                        ["init", database]):
            code, _, err = run(capsys, *command)
            assert code == 1 and "did not finish" in err and "DROP TABLE" in err, err
        with pytest.raises(WorkspaceError, match="did not finish"):
            open_store(database)
        cleanup = err.split("remove them (", 1)[1].split(") and run", 1)[0]
        engine = _engine(database)
        with engine.begin() as conn:
            for statement in cleanup.split("; "):
                conn.execute(sa.text(statement))
        engine.dispose()
        assert table_names(database) == []
    with open_store(database, create=True, dataset=sample_dataset()) as store:
        assert len(store.find("people", institute="DEMO")) > 20
    if kind == "sqlite":  # the next workspace made beside it removed what the killed one left
        assert sorted(p.name for p in tmp_path.iterdir()) == [Path(database).name]


def test_an_unfinished_store_is_recognised_as_such(database, kind):
    """A revision table without its revision, however it came about, is never opened."""
    with open_store(database, create=True) as store:
        version = store.tables.name("casedu_revision")
    engine = _engine(database)
    with engine.begin() as conn:
        conn.execute(sa.text(f"DELETE FROM {version}"))
    engine.dispose()
    with pytest.raises(WorkspaceError, match="did not finish"):
        open_store(database)
    if kind == "sqlite":
        with sqlite3.connect(database) as db:  # refused, reading only
            assert db.execute(f"SELECT COUNT(*) FROM {version}").fetchone() == (0,)


def test_a_prefix_is_checked_against_the_longest_name_it_makes(database, kind):
    """MariaDB holds names of 64 characters, PostgreSQL 63 (it cuts longer ones, so two could
    become one): a prefix that makes a longer one is refused before anything is made."""
    from casedu.errors import InvalidValueError
    from casedu.store.tables import Tables

    engine = _engine(database)
    longest = max(Tables(dialect="postgresql").identifiers(), key=len)
    limit = {"sqlite": None, "postgresql": 63, "mariadb": 64}[kind]
    if limit is None:  # SQLite's names have no such limit
        SqlStore(engine, prefix="p" * 40, create=True)
    else:
        room = limit - len(longest)
        with pytest.raises(InvalidValueError, match=rf"prefix of at most {room} characters"):
            SqlStore(engine, prefix="p" * (room + 1), create=True)
        assert table_names(database) == []
        store = SqlStore(engine, prefix="p" * room, create=True, dataset=world_dataset())
        assert max(map(len, store.tables.identifiers())) == limit
        assert SqlStore(engine, prefix="p" * room).get("people", ("s1",)) is not None
    engine.dispose()
