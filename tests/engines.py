"""The database engines the store's tests run on: a SQLite workspace file, PostgreSQL and
MariaDB. Each test gets tables of its own (a table prefix of its own on the servers), dropped
afterwards.

The servers are the ones the project's machines run (PostgreSQL on 127.0.0.1:5432 with trust
authentication, MariaDB on 127.0.0.1:3306 as root without a password); other addresses come from
``CASEDU_TEST_POSTGRESQL`` and ``CASEDU_TEST_MARIADB``. A server that does not answer is named
once when the tests start, with the command that starts it, and its tests are skipped; with
``CASEDU_REQUIRE_SERVERS=1`` (CI) they fail instead.
"""

from __future__ import annotations

import functools
import os
import socket
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ENGINES = ("sqlite", "postgresql", "mariadb")
SERVERS = {
    "postgresql": os.environ.get("CASEDU_TEST_POSTGRESQL",
                                 "postgresql+psycopg://postgres@127.0.0.1:5432/test"),
    "mariadb": os.environ.get("CASEDU_TEST_MARIADB",
                              "mysql+pymysql://root@127.0.0.1:3306/test?charset=utf8mb4"),
}


#: How a server of the project's machines is started when it does not answer.
START = {
    "postgresql": "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start",
    "mariadb": "start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd",
}
NAMES = {"postgresql": "PostgreSQL", "mariadb": "MariaDB"}


def required() -> bool:
    """Whether a server that does not answer fails its tests (CI) rather than skips them."""
    return os.environ.get("CASEDU_REQUIRE_SERVERS") == "1"


@functools.cache
def not_answering(kind: str) -> str | None:
    """Why the server of ``kind`` cannot be used, in one line with the command that starts
    it, or None when it answers. A connection is tried once a process, for a second at most:
    a closed port answers at once, where a database driver would be tried by every test."""
    parts = urlsplit(SERVERS[kind])
    host = parts.hostname or "localhost"
    port = parts.port or (5432 if kind == "postgresql" else 3306)
    try:
        socket.create_connection((host, port), timeout=1).close()
    except OSError as error:
        why = error.strerror or type(error).__name__
        return (f"{NAMES[kind]} does not answer on {host}:{port} ({why}): start it with "
                f"{START[kind]}")
    return None


def server_lines() -> list[str]:
    """The line of each server that does not answer, for the start of the run."""
    outcome = "its tests fail (CASEDU_REQUIRE_SERVERS=1)" if required() else \
        "its tests are skipped"
    return [f"{reason}; {outcome}" for kind in SERVERS if (reason := not_answering(kind))]


def server_url(kind: str) -> str:
    """The server's URL; a test of a server that does not answer is skipped, or failed where
    the servers are required."""
    reason = not_answering(kind)
    if reason is not None:
        if required():
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
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


@pytest.fixture(params=("memory", "sqlite", *(pytest.param(server, marks=pytest.mark.slow)
                                              for server in SERVERS)))
def store_kind(request):
    """Run a workflow test on every store: in memory and on each engine (on the servers in
    the full run: the workflow suites are hundreds of cases, and the store's own tests run on
    every engine in the fast set too)."""
    from tests.services import world

    world.STORE_KIND["kind"] = request.param
    yield request.param
    world.STORE_KIND["kind"] = "memory"


@contextmanager
def isolated(kind: str, folder: Path) -> Iterator[str]:
    """A database of its own, as a URL (a workspace file's path for SQLite): a PostgreSQL
    schema (the URL's search path) or a MariaDB database, dropped afterwards. For tests that
    need names without a prefix, or a database to compare before and after."""
    if kind == "sqlite":
        yield str(folder / f"ws-{uuid.uuid4().hex[:8]}.casedu")
        return
    import sqlalchemy as sa

    name = f"iso_{uuid.uuid4().hex[:10]}"
    base = sa.make_url(server_url(kind))
    engine = sa.create_engine(base)
    create = "SCHEMA" if kind == "postgresql" else "DATABASE"
    with engine.begin() as conn:
        conn.execute(sa.text(f"CREATE {create} {name}"))
    if kind == "postgresql":
        url = base.update_query_dict({"options": f"-csearch_path={name}"})
    else:
        url = base.set(database=name)
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with engine.begin() as conn:
            conn.execute(sa.text(f"DROP {create} {name}" + (" CASCADE" if kind == "postgresql"
                                                             else "")))
        engine.dispose()


def table_names(url: str) -> list[str]:
    """The tables of the database at ``url`` (of a workspace file), sorted."""
    import sqlalchemy as sa

    if "://" not in url:
        url = f"sqlite:///{url}"
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            return sorted(sa.inspect(conn).get_table_names())
    finally:
        engine.dispose()
