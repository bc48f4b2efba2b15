"""The database targets at academy scale, each against its floor measured in the same run.

    python -m benchmarks.database_targets --scale 1.0 --engines postgresql sqlite mariadb

The stores are the academy's, built once and reused (:mod:`benchmarks.academy_store`). For each
engine, after checking that casedu and the floor give the same hours to every person:

- ``one``: one institute's summary in process (its roster, its people's year summed by the
  database, the figures) against the floor's one query that starts from the institute's
  people (:func:`benchmarks.floors.floor_hours`); the target on PostgreSQL is 0.1 s;
- ``all``: every institute's figures (the roster, everybody's year, 100 summaries) against one
  ``GROUP BY`` over the records; the target is the floor;
- ``approval``: approving one pending external-learning record through the workflow against
  the four statements it needs (:func:`benchmarks.floors.floor_approval`); the target is 2×
  the floor (the records are put back to pending afterwards);
- ``command`` (SQLite): ``casedu summary WORKSPACE --institute I000`` in a new process; the
  target is 250 ms (the bare interpreter's start is shown beside it, and with ``--before
  SRC`` the same command of an earlier casedu's ``src``), wall and processor time;
- ``fastpath`` (SQLite): the academy's year through the store against the hand-kept SQLite
  statements of :mod:`casedu.store.reading` (kept only if they win by more than 25%).

casedu and its floor take turns (``--runs`` each), so that a busy moment of the shared machine
falls on both; the medians, spreads and ratios are printed as a Markdown table.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any

from benchmarks.academy import YEAR
from benchmarks.academy_store import ENGINES, academy_store
from benchmarks.floors import (
    check_hours,
    floor_approval,
    floor_hours,
    last_event,
    restore_approvals,
)
from benchmarks.harness import take_turns

INSTITUTE = "I000"
ROWS: list[dict[str, Any]] = []


def _row(engine: str, job: str, times: dict[str, list[float]], floor: str, target: float, *,
         absolute: float | None = None, unit: str = "s") -> None:
    factor = 1000 if unit == "ms" else 1
    ours = "casedu"
    mine, theirs = statistics.median(times[ours]), statistics.median(times["floor"])
    ratio = mine / theirs
    met = ratio <= target if absolute is None else mine <= absolute
    goal = f"≤ {target:g}× floor" if absolute is None else f"≤ {absolute * factor:g} {unit}"
    ROWS.append({
        "engine": engine, "job": job, "casedu": f"{mine * factor:.3f} {unit} "
        f"({min(times[ours]) * factor:.3f}–{max(times[ours]) * factor:.3f})",
        "floor": f"{floor}: {theirs * factor:.3f} {unit}", "ratio": f"{ratio:.2f}×",
        "target": goal, "met": "yes" if met else "no"})
    print(ROWS[-1], flush=True)


def one_institute(store: Any, engine: str, runs: int) -> None:
    from casedu.metrics import annual_figures

    def casedu() -> Any:  # as the summary reads it: the hours alone, one row a person
        roster = store.roster(INSTITUTE)
        hours = store.year_hours(YEAR, institute=INSTITUTE, singles=False)
        annual_figures(roster, INSTITUTE, YEAR, hours=hours)
        return roster, hours

    roster, hours = casedu()
    check_hours(floor_hours(store, YEAR, INSTITUTE), hours,
                [p.id for p in roster.people_by_institute[INSTITUTE]])
    times = take_turns({"casedu": casedu,
                        "floor": lambda: floor_hours(store, YEAR, INSTITUTE)}, runs)
    _row(engine, "one institute's summary", times, "one query from its people",
         1.0, absolute=0.1 if engine == "postgresql" else None)


def every_institute(store: Any, engine: str, runs: int) -> None:
    from casedu.metrics import annual_figures

    def casedu() -> Any:  # as the academy's roll-up reads them: the hours alone
        roster = store.roster()
        hours = store.year_hours(YEAR, singles=False)
        for institute in roster.institutes:
            annual_figures(roster, institute.code, YEAR, hours=hours)
        return hours

    check_hours(floor_hours(store, YEAR), casedu())
    times = take_turns({"casedu": casedu, "floor": lambda: floor_hours(store, YEAR)}, runs)
    _row(engine, "every institute's figures", times, "one GROUP BY", 1.0)


def approval(store: Any, engine: str, runs: int) -> None:

    from casedu.model import Account, ExternalStatus, Role, RoleGrant
    from casedu.services import Actor, PasswordHasher, Workflow
    from casedu.services.changes import Change

    username = f"bench-{INSTITUTE}"
    admin = store.get("accounts", (username,))
    if admin is None:
        admin = Account(username=username, institute=INSTITUTE, password_hash="!",
                        must_change_password=False,
                        grants=(RoleGrant(role=Role.INSTITUTE_ADMIN, institute=INSTITUTE),))
        store.commit([Change(None, admin)], [])
    at = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)
    flow = Workflow(store, clock=lambda: at, hasher=PasswordHasher(n=2**4))
    actor = Actor(admin, Role.INSTITUTE_ADMIN)
    pending = [r.id for r in store.find("external_learning", institute=INSTITUTE,
                                        status=ExternalStatus.PENDING)]
    if len(pending) < 4:
        raise SystemExit(f"{INSTITUTE} has {len(pending)} pending records, 4 wanted")
    # rounds of as many turns as the pending records give, each put back after it
    times: dict[str, list[float]] = {"casedu": [], "floor": []}
    checked = False
    while len(times["casedu"]) < runs:
        turns = min(runs - len(times["casedu"]), len(pending) // 2 - 1)
        used = pending[:2 * turns + 2]
        events = last_event(store)
        try:
            ours, theirs = iter(used[0::2]), iter(used[1::2])
            flow.approve_external(actor, next(ours))  # the first of each opens the connections
            floor_approval(store, username, next(theirs), at)
            if not checked:
                _same_approval(store, used[:2], events)
                checked = True
            got = take_turns({
                "casedu": lambda: flow.approve_external(actor, next(ours)),  # noqa: B023
                "floor": lambda: floor_approval(store, username, next(theirs), at),  # noqa: B023
            }, turns, alternate=True)
            # casedu's sums, added to in place, are still its people's records summed again
            _same_sums(store, sorted({store.get("external_learning", (r,)).person
                                      for r in used}))
        finally:
            restore_approvals(store, used, events)
        for name, seconds in got.items():
            times[name] += seconds
    _row(engine, "approving one record", times, "4 statements", 2.0, unit="ms")


def _same_approval(store: Any, records: list[str], events: int) -> None:
    """casedu's approval (of ``records[0]``) and the floor's (of ``records[1]``) leave the
    same record, one audit event each and sums equal to the records summed again, or the
    benchmark stops."""
    import sqlalchemy as sa

    first, second = (store.get("external_learning", (r,)) for r in records)
    if (first.status, first.reviewer) != (second.status, second.reviewer):
        raise SystemExit(f"the floor's approval {second} is not casedu's {first}")
    table = store.tables["audit_events"]
    with store.engine.connect() as conn:
        made = conn.execute(sa.select(sa.func.count()).where(table.c.row_id > events)) \
            .scalar_one()
    if made != 2:
        raise SystemExit(f"{made} audit events for two approvals")
    _same_sums(store, [first.person, second.person])


def _same_sums(store: Any, people: list[str]) -> None:
    """The sums of ``people``'s years as kept equal the records summed again (the floor's
    approval keeps them as casedu's does), or the benchmark stops."""
    import sqlalchemy as sa

    from casedu.store.tables import SUM_COLUMNS
    from casedu.store.year_sums import sums_select

    table = store.tables["year_sums"]
    names = ["person", "year", "basis", *SUM_COLUMNS]
    with store.engine.connect() as conn:
        kept = set(conn.execute(sa.select(*(table.c[n] for n in names)).where(
            table.c.person.in_(people))).all())
        summed = set(conn.execute(sums_select(store.tables, sa.bindparam(
            "people", expanding=True)), {"people": people}).all())
    if kept != summed:
        raise SystemExit(f"the sums of {people} are not their records summed: kept "
                         f"{kept - summed}, summed {summed - kept}")


def command(path: str, runs: int, before: str | None = None) -> None:
    """``casedu summary`` of the workspace in a new process, with the bare interpreter beside
    it (and, with ``before``, the command of an earlier casedu's ``src`` by ``PYTHONPATH``):
    wall time and processor time (the children's user and system time), taking turns."""
    import resource

    program = "import sys; from casedu.cli import main; sys.exit(main())"
    arguments = ["summary", path, "--institute", INSTITUTE, "--year", str(YEAR)]
    # as a user runs it: with the bytecode Python caches (the first run writes it)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    jobs = {"casedu": ([sys.executable, "-c", program, *arguments], env),
            "floor": ([sys.executable, "-c", "pass"], env)}
    if before is not None:
        jobs["before"] = ([sys.executable, "-c", program, *arguments],
                          {**env, "PYTHONPATH": before})
    processor: dict[str, list[float]] = {name: [] for name in jobs}
    outputs = set()
    for argv, job_env in jobs.values():
        done = subprocess.run(argv, capture_output=True, text=True, check=False, env=job_env)
        if done.returncode != 0:
            raise SystemExit(f"{argv[2:3]} failed: {done.stderr}")
        if argv[2] == program:
            outputs.add(done.stdout)
    if len(outputs) != 1:
        raise SystemExit("the commands printed different figures")

    def timed(name: str) -> Callable[[], Any]:
        argv, job_env = jobs[name]

        def run() -> None:
            start = resource.getrusage(resource.RUSAGE_CHILDREN)
            subprocess.run(argv, capture_output=True, check=True, env=job_env)
            end = resource.getrusage(resource.RUSAGE_CHILDREN)
            processor[name].append(end.ru_utime - start.ru_utime + end.ru_stime
                                   - start.ru_stime)
        return run

    times = take_turns({name: timed(name) for name in jobs}, runs)
    for name in jobs:
        print(f"{name}: wall median {statistics.median(times[name]) * 1000:.0f} ms "
              f"({min(times[name]) * 1000:.0f}–{max(times[name]) * 1000:.0f}), processor "
              f"median {statistics.median(processor[name]) * 1000:.0f} ms", flush=True)
    _row("sqlite", "`casedu summary`, new process", times, "python -c pass", 1.0,
         absolute=0.25, unit="ms")


def fast_path(store: Any, engine: str, runs: int) -> None:
    """SQLite: the academy's year through the store (SQLAlchemy Core) against the hand-kept
    statements run on :mod:`sqlite3` (:func:`casedu.store.reading.workspace_figures`); the
    rule of issue #22: the fast path stays only if it wins by more than 25%."""
    from pathlib import Path

    from casedu.policy import DEFAULT_POLICY
    from casedu.store.reading import workspace_figures

    if engine != "sqlite":
        return
    path = Path(store.path)

    def fast() -> Any:
        return workspace_figures(path, YEAR, policy=DEFAULT_POLICY)

    def core() -> Any:
        return store.roster(), store.year_hours(YEAR)

    found = fast()
    if found is None or found != core():
        raise SystemExit("the fast path and the store read different figures")
    times = take_turns({"casedu": core, "floor": fast}, runs)
    _row(engine, "the academy's year through SQLAlchemy Core", times,
         "the hand-kept SQLite statements", 1.25)


JOBS = {"one": one_institute, "all": every_institute, "approval": approval,
        "fastpath": fast_path}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.database_targets",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--engines", nargs="+", choices=ENGINES, default=list(ENGINES))
    parser.add_argument("--only", nargs="+", choices=[*JOBS, "command"],
                        default=[*JOBS, "command"])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--before", metavar="SRC",
                        help="command: also time the command of an earlier casedu's src")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    for engine in args.engines:
        built = academy_store(engine, args.scale)
        store = built.open()
        try:
            for job in args.only:
                if job == "command":
                    continue
                runs = max(3, args.runs // 2) if job in ("all", "fastpath") else args.runs
                if job == "approval":
                    runs = args.runs * 8  # short: many turns, each order as often
                JOBS[job](store, engine, runs)
        finally:
            store.close()
        if "command" in args.only and engine == "sqlite":
            # with the store closed, as a user finds the file: a write-ahead log left beside
            # it by an open store (the approvals') makes every command check the whole file
            command(built.url, args.runs, args.before)
    names = list(ROWS[0]) if ROWS else []
    print(f"\n(scale {args.scale}, {os.cpu_count()} cores, "
          f"{time.perf_counter() - started:.0f} s in all)\n")
    print("| " + " | ".join(names) + " |")
    print("|" + "---|" * len(names))
    for row in ROWS:
        print("| " + " | ".join(str(v) for v in row.values()) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
