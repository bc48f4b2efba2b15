"""The SQL store on SQLite, PostgreSQL and MariaDB, side by side, with the academy's data.

    python -m benchmarks.database --scale 1.0 --engines sqlite postgresql mariadb

For each engine: the import of the academy (``replace_all``, as ``casedu init --from``), the
year's hours summed by the database for all 100 institutes and for one, an institute's share
read into records, and one approval of an external-learning record (the operation a portal runs
on every click) repeated on 20 records, with the resident memory before and after. The sums are
first checked equal to the same figures summed in Python.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import statistics
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from benchmarks.academy import YEAR, academy
from benchmarks.harness import _rss_kib

SERVERS = {
    "postgresql": "postgresql+psycopg://postgres@127.0.0.1:5432/test",
    "mariadb": "mysql+pymysql://root@127.0.0.1:3306/test?charset=utf8mb4",
}


def _store(kind: str, folder: Path) -> Any:
    from casedu.store import SqliteStore, SqlStore

    if kind == "sqlite":
        return SqliteStore.open(folder / "academy.casedu", create=True)
    import sqlalchemy as sa

    return SqlStore(sa.create_engine(SERVERS[kind]), create=True,
                    prefix=f"bench{uuid.uuid4().hex[:6]}_")


def _timed(work: Any) -> tuple[float, Any]:
    gc.collect()
    start = time.perf_counter()
    result = work()
    return time.perf_counter() - start, result


def _check(store: Any, data: Any, institute: str) -> None:
    """The database's sums are the sums in Python, before anything is timed."""
    from casedu.metrics import year_hours

    python = year_hours(data, YEAR)
    sql = store.year_hours(YEAR, institute=institute)
    for person in data.people_by_institute[institute]:
        mine, theirs = python.of(person.id), sql.of(person.id)
        if (mine.class_hours, mine.external_hours, mine.online_hours) != (
                theirs.class_hours, theirs.external_hours, theirs.online_hours):
            raise SystemExit(f"{person.id}: the database sums differ from Python's")


def run(kind: str, data: Any, approvals: int) -> dict[str, Any]:
    from casedu.model import Account, ExternalStatus, Role, RoleGrant
    from casedu.services import Actor, PasswordHasher, Workflow
    from casedu.services.changes import Change

    institute = data.institutes[0].code
    with tempfile.TemporaryDirectory() as folder:
        store = _store(kind, Path(folder))
        try:
            seconds_import, _ = _timed(lambda: store.replace_all(data))
            _check(store, data, institute)
            seconds_all, _ = _timed(lambda: store.year_hours(YEAR))
            seconds_one, _ = _timed(lambda: store.year_hours(YEAR, institute=institute))
            seconds_share, _ = _timed(lambda: store.institute_data(institute))
            admin = Account(username=institute, institute=institute, password_hash="!",
                            must_change_password=False,
                            grants=(RoleGrant(role=Role.INSTITUTE_ADMIN, institute=institute),))
            store.commit([Change(None, admin)], [])
            flow = Workflow(store, clock=lambda: dt.datetime(2026, 12, 1, tzinfo=dt.UTC),
                            hasher=PasswordHasher(n=2**4))
            actor = Actor(admin, Role.INSTITUTE_ADMIN)
            people = {p.id for p in data.people_by_institute[institute]}
            pending = [r.id for r in data.external_learning
                       if r.person in people and r.status is ExternalStatus.PENDING][:approvals]
            flow.approve_external(actor, pending.pop())  # the first one opens the connections
            gc.collect()
            before = _rss_kib()
            times = [_timed(lambda record=record: flow.approve_external(actor, record))[0]
                     for record in pending]
            after = _rss_kib()
        finally:
            if kind != "sqlite":
                store.drop()
            else:
                store.close()
    return {
        "engine": kind, "import s": seconds_import, "year, all institutes s": seconds_all,
        "year, one institute s": seconds_one, "institute's share s": seconds_share,
        "approval median ms": statistics.median(times) * 1000,
        "approval max ms": max(times) * 1000, "approvals": len(times),
        "memory during approvals MiB": (after - before) / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=0.1)
    parser.add_argument("--engines", nargs="+", default=["sqlite", "postgresql", "mariadb"],
                        choices=["sqlite", "postgresql", "mariadb"])
    parser.add_argument("--approvals", type=int, default=21)
    args = parser.parse_args()
    data = academy(args.scale)
    records = len(data.attendance) + len(data.external_learning) + len(data.online_learning)
    print(f"academy at scale {args.scale}: {len(data.institutes)} institutes, "
          f"{len(data.people):,} people, {records:,} records", flush=True)
    rows = []
    for kind in args.engines:
        rows.append(run(kind, data, args.approvals))
        print(rows[-1], flush=True)
    names = list(rows[0])
    print("\n| " + " | ".join(names) + " |")
    print("|" + "---|" * len(names))
    for row in rows:
        print("| " + " | ".join(f"{v:,.2f}" if isinstance(v, float) else str(v)
                                for v in row.values()) + " |")


if __name__ == "__main__":
    main()
