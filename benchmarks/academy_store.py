"""The academy's store, built once per engine and reused between benchmark runs.

Building the academy (``benchmarks/academy.py``, 3,000,000 records at full scale) into a
database takes minutes; the benchmarks and load tests read it many times. Each store is named
with a fingerprint of the generator's source, its scale and seed and casedu's schema revision,
so a change to any of them makes a new store and an unchanged one is found again:

- PostgreSQL: a schema ``academy_<scale>_<fingerprint>`` in the server's database;
- MariaDB: a database ``academy_<scale>_<fingerprint>`` on the server;
- SQLite: a workspace file ``academy_<scale>_<fingerprint>.casedu`` under the cache folder
  (``$CASEDU_BENCH_CACHE``, else ``~/.cache/casedu-bench``), outside the repository.

To get a store (it is built when missing, a few minutes at full scale, and found in a second
when it is there)::

    python -m benchmarks.academy_store --engine postgresql --scale 1.0
    # prints the URL and the schema, e.g. for: casedu summary URL --schema SCHEMA --institute I000

or from Python::

    from benchmarks.academy_store import academy_store
    built = academy_store("postgresql", scale=1.0)
    store = built.open()        # a casedu SqlStore on it; built.url, built.schema for others
    data = built.dataset()      # the same academy in memory (generated again: seeded)

On PostgreSQL a new store is vacuumed once (``VACUUM (ANALYZE)``), as autovacuum leaves the
tables of a portal that has run for a while: its visibility map lets the year's sums read a
person's records from the index alone. A build holds a lock file in the cache folder, so two
processes asking for the same store at once build it once. A store is made whole or not at
all (made and filled in one step, ``SqlStore(create=True, dataset=…)``); one left empty by a
killed build is made again.
``--list`` shows the academy stores on each engine, ``--drop-stale`` removes those of another
fingerprint (another generator or revision), ``--drop`` the one asked for.
"""

from __future__ import annotations

import argparse
import fcntl
import hashlib
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import attrs

from benchmarks.academy import academy

__all__ = ["SERVERS", "AcademyStore", "academy_store", "cache_folder", "fingerprint"]

#: The servers of the project's machines (as tests/engines.py), or CASEDU_TEST_POSTGRESQL and
#: CASEDU_TEST_MARIADB.
SERVERS = {
    "postgresql": os.environ.get("CASEDU_TEST_POSTGRESQL",
                                 "postgresql+psycopg://postgres@127.0.0.1:5432/test"),
    "mariadb": os.environ.get("CASEDU_TEST_MARIADB",
                              "mysql+pymysql://root@127.0.0.1:3306/test?charset=utf8mb4"),
}
ENGINES = ("sqlite", "postgresql", "mariadb")
PREFIX = "academy_"


def cache_folder() -> Path:
    """Where the SQLite stores and the build locks live: ``$CASEDU_BENCH_CACHE`` or
    ``~/.cache/casedu-bench``."""
    folder = Path(os.environ.get("CASEDU_BENCH_CACHE") or Path.home() / ".cache/casedu-bench")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def fingerprint(scale: float, seed: int = 7) -> str:
    """12 hex digits naming the generator's source, the scale, the seed and the revision of
    casedu's tables."""
    from casedu.store.revisions import HEAD

    source = Path(__file__).with_name("academy.py").read_bytes()
    digest = hashlib.sha256(source + f"|{scale!r}|{seed}|{HEAD}".encode())
    return digest.hexdigest()[:12]


def store_name(scale: float, seed: int = 7) -> str:
    """The store's name: ``academy_<scale>_<fingerprint>`` (a scale of 0.1 is ``0p1``)."""
    tag = f"{scale:g}".replace(".", "p").replace("-", "m")
    return f"{PREFIX}{tag}_{fingerprint(scale, seed)}"


@attrs.frozen
class AcademyStore:
    """A built academy store: its engine, the URL to open it by, and its schema (PostgreSQL)."""

    engine: str
    url: str
    schema: str | None
    scale: float
    seed: int
    #: Seconds the build took (0: found built).
    built_seconds: float

    def open(self) -> Any:
        """The store, opened by casedu (:class:`casedu.store.SqlStore`)."""
        from casedu.store import open_store

        return open_store(self.url, schema=self.schema)

    def dataset(self) -> Any:
        """The academy the store holds, generated again in memory (the generator is seeded)."""
        return academy(self.scale, self.seed)

    def cli_arguments(self) -> list[str]:
        """How a ``casedu`` command names the store: the URL (and ``--schema``)."""
        return [self.url, *(("--schema", self.schema) if self.schema else ())]


def _server_url(engine: str, database: str | None = None) -> str:
    import sqlalchemy as sa

    url = sa.make_url(SERVERS[engine])
    if database is not None:
        url = url.set(database=database)
    return url.render_as_string(hide_password=False)


@contextmanager
def _locked(name: str) -> Iterator[None]:
    with (cache_folder() / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _filled(store: Any) -> bool:
    import sqlalchemy as sa

    with store.engine.connect() as conn:
        return conn.execute(sa.select(store.tables["summaries"].c.row_id).limit(1)).first() \
            is not None


def _found(engine: str, name: str) -> AcademyStore | None:
    """The store of ``name`` when it is there whole; an unfinished one is removed."""
    import sqlalchemy as sa

    from casedu.errors import CaseduError
    from casedu.store import SqlStore

    if engine == "sqlite":
        path = cache_folder() / f"{name}.casedu"
        return None if not path.exists() else AcademyStore(engine, str(path), None, 0, 0, 0)
    if engine == "postgresql":
        server = sa.create_engine(_server_url(engine))
        with server.connect() as conn:
            there = conn.execute(sa.text("SELECT 1 FROM pg_namespace WHERE nspname = :n"),
                                 {"n": name}).first()
        url, schema = _server_url(engine), name
    else:
        server = sa.create_engine(_server_url(engine))
        with server.connect() as conn:
            there = conn.execute(sa.text("SELECT 1 FROM information_schema.schemata WHERE "
                                         "schema_name = :n"), {"n": name}).first()
        url, schema = _server_url(engine, name), None
    server.dispose()
    if there is None:
        return None
    try:
        store = SqlStore(sa.create_engine(url), schema=schema, own_engine=True)
        whole = _filled(store)
        store.close()
    except CaseduError:
        whole = False
    if not whole:
        _drop(engine, name)
        return None
    return AcademyStore(engine, url, schema, 0, 0, 0)


def _drop(engine: str, name: str) -> None:
    import sqlalchemy as sa

    if engine == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(f"{cache_folder() / name}.casedu{suffix}").unlink(missing_ok=True)
        return
    server = sa.create_engine(_server_url(engine))
    with server.connect() as conn:
        statement = (f'DROP SCHEMA IF EXISTS "{name}" CASCADE' if engine == "postgresql"
                     else f"DROP DATABASE IF EXISTS `{name}`")
        conn.exec_driver_sql(statement)
        conn.commit()
    server.dispose()


def _build(engine: str, name: str, data: Any) -> AcademyStore:
    import sqlalchemy as sa

    from casedu.store import SqliteStore, SqlStore

    if engine == "sqlite":
        path = cache_folder() / f"{name}.casedu"
        SqliteStore(path, create=True, dataset=data).close()
        return AcademyStore(engine, str(path), None, 0, 0, 0)
    server = sa.create_engine(_server_url(engine))
    with server.connect() as conn:
        conn.exec_driver_sql(f'CREATE SCHEMA "{name}"' if engine == "postgresql" else
                             f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4")
        conn.commit()
    server.dispose()
    url = _server_url(engine) if engine == "postgresql" else _server_url(engine, name)
    schema = name if engine == "postgresql" else None
    store = SqlStore(sa.create_engine(url), schema=schema, create=True, dataset=data,
                     own_engine=True)
    if engine == "postgresql":  # as autovacuum leaves a portal's tables: visible to indexes
        quote = store.engine.dialect.identifier_preparer
        with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            for table in store.tables.metadata.sorted_tables:
                conn.exec_driver_sql(f"VACUUM (ANALYZE) {quote.format_table(table)}")
    store.close()
    return AcademyStore(engine, url, schema, 0, 0, 0)


def academy_store(engine: str, scale: float = 1.0, seed: int = 7, *,
                  data: Any = None, quiet: bool = False) -> AcademyStore:
    """The academy at ``scale`` in a store of ``engine`` (``sqlite``, ``postgresql`` or
    ``mariadb``), built when it is not there yet (from ``data`` when given: it must be
    ``academy(scale, seed)``)."""
    if engine not in ENGINES:
        raise ValueError(f"engine is one of {', '.join(ENGINES)}, got {engine!r}")
    name = store_name(scale, seed)
    with _locked(name):
        found = _found(engine, name)
        seconds = 0.0
        if found is None:
            if not quiet:
                print(f"building {name} on {engine} (scale {scale})…", file=sys.stderr,
                      flush=True)
            started = time.perf_counter()
            found = _build(engine, name, data if data is not None else academy(scale, seed))
            seconds = time.perf_counter() - started
            if not quiet:
                print(f"built {name} on {engine} in {seconds:.0f} s", file=sys.stderr,
                      flush=True)
    return attrs.evolve(found, scale=scale, seed=seed, built_seconds=seconds)


def stores(engine: str) -> list[str]:
    """The names of the academy stores on ``engine``."""
    import sqlalchemy as sa

    if engine == "sqlite":
        return sorted(p.name.removesuffix(".casedu")
                      for p in cache_folder().glob(f"{PREFIX}*.casedu"))
    server = sa.create_engine(_server_url(engine))
    query = ("SELECT nspname FROM pg_namespace" if engine == "postgresql" else
             "SELECT schema_name FROM information_schema.schemata")
    with server.connect() as conn:
        names = sorted(str(row[0]) for row in conn.exec_driver_sql(query)
                       if str(row[0]).startswith(PREFIX))
    server.dispose()
    return names


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.academy_store",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--engine", nargs="+", choices=ENGINES, default=["postgresql"])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--list", action="store_true", help="list the academy stores")
    parser.add_argument("--drop", action="store_true", help="remove the store asked for")
    parser.add_argument("--drop-stale", action="store_true",
                        help="remove the academy stores of another fingerprint at this scale")
    args = parser.parse_args(argv)
    name = store_name(args.scale, args.seed)
    data = None
    for engine in args.engine:
        if args.list:
            for found in stores(engine):
                print(f"{engine}\t{found}{'' if found != name else '  (current)'}")
            continue
        if args.drop or args.drop_stale:
            tag = name.rsplit("_", 1)[0] + "_"
            for found in stores(engine):
                stale = found != name and found.startswith(tag)
                if (found == name and args.drop) or (stale and args.drop_stale):
                    _drop(engine, found)
                    print(f"dropped {engine} {found}")
            continue
        if data is None and _found(engine, name) is None:
            data = academy(args.scale, args.seed)
        built = academy_store(engine, args.scale, args.seed, data=data)
        print(f"{engine}\t{' '.join(built.cli_arguments())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
