"""``casedu init --from`` the academy's dataset file, against the engine's own bulk load of the
same file, on SQLite, PostgreSQL and MariaDB: each in a new process, taking turns.

    python -m benchmarks.bulk_load --file academy.json [--runs 3]
                                   [--engines sqlite postgresql mariadb] [--lock FILE]

With ``--lock FILE`` each timed command (casedu's, then the floor's) holds an exclusive
``flock`` on FILE while it runs, and lets go of it between them, so that other benchmarks that
take the same lock never run beside a timed command and need not wait for the whole
comparison; the wait for the lock is not timed. Each run's load average (of the minute
before it ended) is printed beside its time.

The floor's time is taken inside its process (from before its ``json.load`` to its commit:
its start and imports are not in it); casedu's is the whole ``casedu init`` process. Results,
at a tenth and at full scale: docs/performance.md, "``casedu init --from`` against the
engine's own bulk load".

The floor is what a script that trusts its file does: ``json.load``, then the 3,000,000
learning records (attendance, external learning, online sessions: 97% of the rows) into the
same empty tables (casedu's, with their constraints and indexes) by the engine's own bulk path,
in one transaction: ``executemany`` on SQLite, ``COPY`` through psycopg's ``cursor.copy`` on
PostgreSQL, ``LOAD DATA LOCAL INFILE`` of a tab-separated file it writes on MariaDB. The other
sections (institutes, people, plans, reports, summaries: 80,000 rows) go in through casedu's
store, as in ``casedu init``; the floor checks nothing, bootstraps no accounts and gathers no
statistics. Before anything is timed, both loads are checked to hold the same rows: the count
and the sum of the hours of each learning table (of attendance: its people).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

__all__ = ["main"]

SERVERS = {
    "postgresql": "postgresql+psycopg://postgres@127.0.0.1:5432/test",
    "mariadb": "mysql+pymysql://root@127.0.0.1:3306/test?charset=utf8mb4&local_infile=1",
}
LEARNING = ("attendance", "external_learning", "online_learning")
_CASEDU = str(Path(sys.executable).with_name("casedu"))


def _url(engine: str, folder: Path, who: str) -> tuple[str, str]:
    """The target of ``casedu init`` and its table prefix."""
    if engine == "sqlite":
        return str(folder / f"{who}.casedu"), ""
    return SERVERS[engine], f"loadperf_{who}_"


def _engine(target: str) -> Any:
    import sqlalchemy as sa

    return sa.create_engine(target if "://" in target else f"sqlite:///{target}")


def _store(target: str, prefix: str, **options: Any) -> Any:
    from casedu.store import SqlStore

    return SqlStore(_engine(target), prefix=prefix, own_engine=True, **options)


@contextlib.contextmanager
def _locked(lock: Path | None) -> Iterator[None]:
    """An exclusive ``flock`` on ``lock`` while the block runs (nothing without one)."""
    if lock is None:
        yield
        return
    import fcntl

    with lock.open("a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(held, fcntl.LOCK_UN)


def run_casedu(target: str, prefix: str, path: str, lock: Path | None = None) -> float:
    command = [_CASEDU, "init", target, "--from", path, *(["--prefix", prefix] if prefix else [])]
    with _locked(lock):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        return time.perf_counter() - start


def run_floor(engine: str, target: str, prefix: str, path: str,
              lock: Path | None = None) -> float:
    command = [sys.executable, "-m", "benchmarks.bulk_load", "--floor", engine, target, prefix,
               path]
    with _locked(lock):
        done = subprocess.run(command, check=True, capture_output=True, text=True)
    return float(done.stdout)


def floor(engine: str, target: str, prefix: str, path: str) -> float:
    """The floor's load (in this process); its seconds."""
    from casedu.dataset.converter import converter
    from casedu.dataset.format import SECTIONS
    from casedu.model import Dataset

    start = time.perf_counter()
    with open(path, "rb") as stream:
        value = json.load(stream)
    others = {name: [converter.structure(item, cls) for item in value.get(name, [])]
              for name, cls in SECTIONS if name not in LEARNING}
    store = _store(target, prefix, create=True, dataset=Dataset(**others))
    table_names = {name: store.engine.dialect.identifier_preparer.format_table(
        store.tables[name]) for name in LEARNING}
    store.close()
    rows = {name: _rows(engine, name, value.get(name, [])) for name in LEARNING}
    _BULK[engine](target, table_names, rows)
    return time.perf_counter() - start


_FIELDS = {
    "attendance": ("plan", "person", "status"),
    "external_learning": ("id", "person", "category", "title", "start", "end", "hours",
                          "status", "reviewer", "review_note"),
    "online_learning": ("person", "course", "date", "hours", "title", "session", "seconds"),
}


def _rows(engine: str, name: str, items: list[dict[str, Any]]) -> Any:
    """The rows of a learning table as the engine stores them (SQLite: hours and seconds as
    whole millionths), made as they are loaded."""
    fields = _FIELDS[name]
    scaled = {"hours", "seconds"}
    cache: dict[Any, Any] = {None: None}

    def millionths(text: Any) -> Any:
        found = cache.get(text)
        if found is None and text is not None:
            found = cache[text] = int(Decimal(str(text)).scaleb(6))
        return found

    for item in items:
        if engine == "sqlite":
            yield tuple(millionths(item.get(f)) if f in scaled else item.get(f) for f in fields)
        else:
            yield tuple(item.get(f) for f in fields)


def _sqlite(target: str, tables: dict[str, str], rows: dict[str, Any]) -> None:
    import sqlite3

    db = sqlite3.connect(target, isolation_level=None)
    db.execute("BEGIN")
    for name, table in tables.items():
        marks = ", ".join("?" for _ in _FIELDS[name])
        columns = ", ".join(f'"{f}"' for f in _FIELDS[name])
        db.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows[name])
    db.execute("COMMIT")
    db.close()


def _postgresql(target: str, tables: dict[str, str], rows: dict[str, Any]) -> None:
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/test") as db, db.cursor() as cur:
        for name, table in tables.items():
            columns = ", ".join(f'"{f}"' for f in _FIELDS[name])
            with cur.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows[name]:
                    copy.write_row(row)


def _mariadb(target: str, tables: dict[str, str], rows: dict[str, Any]) -> None:
    import pymysql

    db = pymysql.connect(host="127.0.0.1", user="root", database="test", charset="utf8mb4",
                         local_infile=True, autocommit=False)
    with tempfile.TemporaryDirectory() as folder, db.cursor() as cur:
        for name, table in tables.items():
            data = Path(folder) / f"{name}.tsv"
            with data.open("w", encoding="utf-8", newline="") as stream:
                for row in rows[name]:
                    stream.write("\t".join(_field(v) for v in row) + "\n")
            columns = ", ".join(f"`{f}`" for f in _FIELDS[name])
            cur.execute(f"LOAD DATA LOCAL INFILE %s INTO TABLE {table} CHARACTER SET utf8mb4 "
                        f"FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' "
                        f"LINES TERMINATED BY '\\n' ({columns})", (str(data),))
        db.commit()
    db.close()


def _field(value: Any) -> str:
    """A value in LOAD DATA's default escaping (NULL is \\N)."""
    if value is None:
        return "\\N"
    return str(value).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


_BULK = {"sqlite": _sqlite, "postgresql": _postgresql, "mariadb": _mariadb}


def _figures(target: str, prefix: str) -> list[tuple[Any, ...]]:
    """The count and the hours of each learning table (the people of the attendance)."""
    import sqlalchemy as sa

    store = _store(target, prefix, migrate=None)
    try:
        with store.engine.connect() as conn:
            found = []
            for name in LEARNING:
                table = store.tables[name]
                summed = sa.func.sum(table.c.hours) if "hours" in table.c else \
                    sa.func.count(sa.distinct(table.c.person))
                found.append(tuple(conn.execute(sa.select(sa.func.count(), summed)).one()))
            return found
    finally:
        store.close()


def _drop(engine: str, target: str, prefix: str) -> None:
    if engine == "sqlite":
        for leftover in Path(target).parent.glob(Path(target).name + "*"):
            leftover.unlink()
        return
    store = _store(target, prefix, migrate=None)
    with contextlib.suppress(Exception):  # not made: nothing to drop
        store.drop()
    store.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bulk_load")
    parser.add_argument("--file", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--engines", nargs="+", default=list(_BULK), choices=list(_BULK))
    parser.add_argument("--lock", type=Path, help="hold an flock on this file during each "
                        "timed command")
    parser.add_argument("--floor", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.floor:
        print(floor(*args.floor))
        return 0
    path = str(args.file)
    times: dict[str, dict[str, list[float]]] = {e: {"casedu": [], "floor": []}
                                                for e in args.engines}
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        for run in range(args.runs):
            for engine in args.engines:
                ours, theirs = _url(engine, folder, "casedu"), _url(engine, folder, "floor")
                for target, prefix in (ours, theirs):
                    _drop(engine, target, prefix)
                times[engine]["casedu"].append(run_casedu(*ours, path, args.lock))
                loads = [os.getloadavg()[0]]
                times[engine]["floor"].append(run_floor(engine, *theirs, path, args.lock))
                loads.append(os.getloadavg()[0])
                if run == 0 and _figures(*ours) != _figures(*theirs):
                    raise SystemExit(f"{engine}: the floor's tables differ from casedu's")
                print(engine, {k: round(v[-1], 2) for k, v in times[engine].items()},
                      "load average", "/".join(f"{v:.1f}" for v in loads),
                      file=sys.stderr, flush=True)
                for target, prefix in (ours, theirs):
                    _drop(engine, target, prefix)
    size = os.path.getsize(path) / 2**20
    print(f"{path}: {size:,.0f} MiB; {args.runs} runs, new processes, taking turns\n")
    print("| engine | casedu init --from (s) | floor (s) | ratio |")
    print("|---|---|---|---|")
    for engine, results in times.items():
        ours_s, floor_s = (sorted(results[k]) for k in ("casedu", "floor"))
        ratio = statistics.median(ours_s) / statistics.median(floor_s)
        print(f"| {engine} | {statistics.median(ours_s):.1f} ({ours_s[0]:.1f}–{ours_s[-1]:.1f})"
              f" | {statistics.median(floor_s):.1f} ({floor_s[0]:.1f}–{floor_s[-1]:.1f}) | "
              f"{ratio:.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
