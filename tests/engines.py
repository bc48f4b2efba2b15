"""The database engines the store's tests run on: a SQLite workspace file, PostgreSQL and
MariaDB. Each test gets tables of its own (a table prefix of its own on the servers), dropped
afterwards.

The servers are the ones the project's machines run (PostgreSQL on 127.0.0.1:5432 with trust
authentication, MariaDB on 127.0.0.1:3306 as root without a password); other addresses come from
``CASEDU_TEST_POSTGRESQL`` and ``CASEDU_TEST_MARIADB``. A server that does not answer fails its
tests: they are skipped only when ``CASEDU_SKIP_SERVERS=1`` says so (a machine without them).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ENGINES = ("sqlite", "postgresql", "mariadb")
SERVERS = {
    "postgresql": os.environ.get("CASEDU_TEST_POSTGRESQL",
                                 "postgresql+psycopg://postgres@127.0.0.1:5432/test"),
    "mariadb": os.environ.get("CASEDU_TEST_MARIADB",
                              "mysql+pymysql://root@127.0.0.1:3306/test?charset=utf8mb4"),
}


def server_url(kind: str) -> str:
    """The server's URL, or a skip when the machine says it has none."""
    if os.environ.get("CASEDU_SKIP_SERVERS") == "1":
        pytest.skip("CASEDU_SKIP_SERVERS=1: no database servers on this machine")
    return SERVERS[kind]


@contextmanager
def new_store(kind: str, folder: Path, **options) -> Iterator:
    """An empty store of ``kind`` with its tables made, removed afterwards."""
    from casedu.store import SqliteStore, SqlStore

    if kind == "sqlite":
        store = SqliteStore.open(folder / f"ws-{uuid.uuid4().hex[:8]}.casedu", create=True)
        try:
            yield store
        finally:
            store.engine.dispose()
        return
    import sqlalchemy as sa

    engine = sa.create_engine(server_url(kind), pool_size=10)
    prefix = options.pop("prefix", f"t{uuid.uuid4().hex[:10]}_")
    store = SqlStore(engine, create=True, prefix=prefix, **options)
    try:
        yield store
    finally:
        store.drop()


def reopen(store, kind: str):
    """The same tables through a new store (a new process would see them so)."""
    from casedu.store import SqliteStore, SqlStore

    if kind == "sqlite":
        return SqliteStore.open(store.path)
    import sqlalchemy as sa

    return SqlStore(sa.create_engine(server_url(kind)), prefix=store.tables.prefix,
                    schema=store.tables.schema)


_SHARED: dict = {}


def shared_store(kind: str):
    """One store of ``kind`` for a whole test session (emptied by :func:`reset` before each
    use): making tables for each of hundreds of cases would cost minutes on a server."""
    import atexit
    import tempfile

    store = _SHARED.get(kind)
    if store is None:
        folder = Path(tempfile.mkdtemp(prefix="casedu-tests-"))
        made = new_store(kind, folder)
        store = _SHARED[kind] = made.__enter__()
        atexit.register(made.__exit__, None, None, None)
    return store


def reset(store) -> None:
    """Empty every table of ``store`` and start its numbering again."""
    import sqlalchemy as sa

    tables = list(reversed(store.tables.metadata.sorted_tables))
    with store.engine.begin() as conn:
        if store.dialect == "postgresql":
            names = ", ".join(conn.dialect.identifier_preparer.format_table(t) for t in tables)
            conn.execute(sa.text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        elif store.dialect in ("mysql", "mariadb"):
            conn.execute(sa.text("SET FOREIGN_KEY_CHECKS = 0"))
            for table in tables:
                conn.execute(sa.text(f"TRUNCATE TABLE {table.name}"))
            conn.execute(sa.text("SET FOREIGN_KEY_CHECKS = 1"))
        else:
            for table in tables:
                conn.execute(table.delete())


@pytest.fixture(params=("memory", *ENGINES))
def store_kind(request):
    """Run a workflow test on every store: in memory and on each engine."""
    from tests.services import world

    world.STORE_KIND["kind"] = request.param
    yield request.param
    world.STORE_KIND["kind"] = "memory"
