"""How long a command takes before it does its work: each job in a new interpreter, the jobs
interleaved, the median and the spread of the runs, and the median processor time (user and
system: what the job itself costs, which another process's turn on a busy machine does not
add to).

    python -m benchmarks.startup [--runs 15] [--before SRC]
    python -m benchmarks.startup --academy [--runs 11] [--before SRC]

``--before`` names the ``src`` folder of another checkout of casedu (an earlier commit): its
``import casedu`` runs in the same turns, so the two are compared on the same machine at the
same moments.

``--academy``: ``casedu summary`` of one institute on the academy's SQLite workspace
(``benchmarks.academy_store``, scale 1.0: 100 institutes, 70,000 people, 3,000,000 records),
against its floors in the same turns: the bare interpreter, and :data:`FLOOR`, a ``python -c``
that reads the same figures with one query on :mod:`sqlite3` and prints them as the command's
JSON, checked first to give the command's figures. With ``--before``, the command of an
earlier casedu's ``src`` takes its turns too.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

__all__ = ["jobs", "main", "run"]

#: The targets: over the bare interpreter for the import, wall time for the commands.
TARGETS_MS = {"import casedu": 60, "casedu --help": 100, "casedu summary WORKSPACE": 150,
              "casedu summary, academy": 250}

#: The institute and year of the academy's job.
INSTITUTE, YEAR = "I000", 2026

#: The floor of ``casedu summary`` on the academy's workspace: the interpreter, the standard
#: library's ``sqlite3``, ``json`` and ``decimal``, and one query that gives the ten figures
#: from the roster, the plans and the kept sums (``year_sums``, one row a person) of the
#: institute, printed as the command's ``--format json``. No check of the rows, no model, no
#: policy file: the least a program that prints these exact figures does. Hours are stored as
#: millionths of an hour, money as fen (docs/database.md).
FLOOR = """\
import json, sqlite3, sys
from decimal import ROUND_HALF_UP, Decimal
path, institute, year = sys.argv[1], sys.argv[2], int(sys.argv[3])
low, high = f"{year}-01-01", f"{year}-12-31"
db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
row = db.execute('''
WITH staff AS MATERIALIZED (
  SELECT people.hours_required AS required,
         coalesce(people.hire_date BETWEEN :low AND :high, 0) AS new,
         coalesce(year_sums.class_hours + year_sums.external_hours
                  + year_sums.online_hours, 0) AS hours
  FROM people LEFT JOIN year_sums ON year_sums.person = people.id
       AND year_sums.year = :year AND year_sums.basis = 'start'
  WHERE people.institute = :institute AND people.in_service = 1
    AND (people.hire_date IS NULL OR people.hire_date <= :high)),
year_plans AS MATERIALIZED (
  SELECT plans.planned_participants AS planned, implementations.plan IS NOT NULL AS done
  FROM plans LEFT JOIN implementations ON implementations.plan = plans.id
  WHERE plans.institute = :institute AND plans.status = 'published'
    AND coalesce(implementations.start, plans.start) BETWEEN :low AND :high)
SELECT (SELECT count(*) FROM staff), (SELECT coalesce(sum(hours), 0) FROM staff),
       (SELECT count(*) FROM staff WHERE required AND NOT new),
       (SELECT count(*) FROM staff WHERE required AND NOT new AND hours >= 100000000),
       (SELECT count(*) FROM year_plans), (SELECT coalesce(sum(planned), 0) FROM year_plans),
       (SELECT count(*) FROM year_plans WHERE done),
       (SELECT count(*) FROM backbone_reports WHERE institute = :institute AND year = :year),
       summaries.total_investment, summaries.total_person_times
FROM (SELECT 1) LEFT JOIN summaries ON summaries.institute = :institute
     AND summaries.year = :year''', {"institute": institute, "year": year, "low": low,
                                       "high": high}).fetchone()
staff, hours, assessed, done, plans, planned, implemented, reported, money, entered = row

def rate(a, b, places=4):
    return None if not b else str((Decimal(a) / Decimal(b)).quantize(
        Decimal(1).scaleb(-places), ROUND_HALF_UP))

total = Decimal(hours).scaleb(-6)
total = total.quantize(1) if total == total.to_integral_value() else total.normalize()
print(json.dumps({
    "institute": institute, "year": year,
    "total_person_times": planned if entered is None else entered,
    "total_person_times_system": planned, "plan_execution_rate": rate(implemented, plans),
    "completed_count": done, "required_count": assessed,
    "completion_rate": rate(done, assessed), "in_service_total": staff,
    "backbone_reported": reported, "backbone_rate": rate(reported, staff * Decimal("0.04")),
    "total_investment": None if money is None else f"{Decimal(money).scaleb(-2):f}",
    "total_hours": f"{total:f}", "average_hours": rate(total, staff, 2)}, indent=2))
"""


def jobs(workspace: Path) -> dict[str, list[str]]:
    """Each job's command line, the bare interpreter first (the floor of every job). The two
    store imports show what the workspace summary's reading on ``sqlite3`` keeps out of its
    start-up: the SQL store and SQLAlchemy."""
    python = sys.executable
    casedu = [python, "-m", "casedu"]
    return {
        "python -c pass": [python, "-c", "pass"],
        "import casedu": [python, "-c", "import casedu"],
        "casedu --help": [*casedu, "--help"],
        "casedu summary WORKSPACE": [*casedu, "summary", str(workspace), "--institute", "DEMO",
                                     "--year", "2026"],
        "import casedu.store.reading": [python, "-c", "import casedu.store.reading"],
        "import casedu.store.reading and the SQL store": [
            python, "-c", "import casedu.store.reading, casedu.store.sql"],
    }


def run(runs: int, before: Path | None = None) -> dict[str, list[tuple[float, float]]]:
    """Seconds of each run of each job, wall and processor; the jobs take turns so that a busy
    moment of the machine falls on all of them."""
    from casedu.sample import sample_dataset
    from casedu.store import SqliteStore

    with tempfile.TemporaryDirectory() as folder:
        workspace = Path(folder) / "sample.casedu"
        SqliteStore.open(workspace, create=True).replace_all(sample_dataset())
        commands = jobs(workspace)
        if before is not None:
            commands["import casedu, before"] = [sys.executable, "-c", "import casedu"]
        environments = {"import casedu, before": {**os.environ, "PYTHONPATH": str(before)}}
        for name, command in commands.items():  # warm the file cache; each must succeed
            subprocess.run(command, check=True, capture_output=True, env=environments.get(name))
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
        for _ in range(runs):
            for name, command in commands.items():
                times[name].append(_timed(command, environments.get(name)))
    return times


def academy_jobs(workspace: str, before: Path | None = None
                 ) -> dict[str, tuple[list[str], dict[str, str]]]:
    """The academy's jobs, each a command line and its environment: as a user runs the
    installed command, with the bytecode Python caches (``PYTHONDONTWRITEBYTECODE`` unset)."""
    python = sys.executable
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    program = "import sys; from casedu.cli import main; sys.exit(main())"
    summary = [python, "-c", program, "summary", workspace, "--institute", INSTITUTE,
               "--year", str(YEAR)]
    jobs = {"python -c pass": ([python, "-c", "pass"], env),
            "floor: one query on sqlite3": ([python, "-c", FLOOR, workspace, INSTITUTE,
                                             str(YEAR)], env),
            "casedu summary, academy": (summary, env)}
    if before is not None:
        jobs["casedu summary, academy, before"] = (summary, {**env, "PYTHONPATH": str(before)})
    return jobs


def run_academy(runs: int, before: Path | None = None) -> dict[str, list[tuple[float, float]]]:
    """Seconds of each run of each academy job, wall and processor, taking turns; every
    command is first checked to print the floor's figures (``--format json``)."""
    import json

    from benchmarks.academy_store import academy_store

    workspace = academy_store("sqlite", 1.0).url
    jobs = academy_jobs(workspace, before)
    figures = {}
    for name, (command, env) in jobs.items():  # warm the file cache, write the bytecode
        if name == "python -c pass":
            continue
        argv = command if name.startswith("floor") else [*command, "--format", "json"]
        done = subprocess.run(argv, capture_output=True, text=True, env=env, check=True)
        figures[name] = json.loads(done.stdout)
    if len({json.dumps(f, sort_keys=True) for f in figures.values()}) != 1:
        raise SystemExit(f"the jobs printed different figures: {figures}")
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in jobs}
    for _ in range(runs):
        for name, (command, env) in jobs.items():
            times[name].append(_timed(command, env))
    return times


def _timed(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """The wall seconds and the processor seconds (user and system) of one run."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               env=env)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    errors = process.stderr.read() if process.stderr else b""
    if process.returncode:
        raise subprocess.CalledProcessError(process.returncode, command, stderr=errors)
    return wall, usage.ru_utime + usage.ru_stime


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.startup")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--before", type=Path, default=None,
                        help="the src folder of an earlier casedu, timed in the same run")
    parser.add_argument("--academy", action="store_true",
                        help="casedu summary on the academy's SQLite workspace, against the "
                        "floor of one query on sqlite3")
    args = parser.parse_args(argv)
    times = (run_academy if args.academy else run)(args.runs, args.before)
    print(f"load average {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    bare = statistics.median(wall for wall, _ in times["python -c pass"]) * 1000
    bare_cpu = statistics.median(cpu for _, cpu in times["python -c pass"]) * 1000
    print(f"{args.runs} runs of each, in new processes, interleaved\n")
    print("| job | median ms | spread ms | over the bare interpreter | processor ms, median "
          "| over the bare interpreter | target |")
    print("|---|---|---|---|---|---|---|")
    for name, seconds in times.items():
        ms = sorted(wall * 1000 for wall, _ in seconds)
        median = statistics.median(ms)
        cpu = statistics.median(c for _, c in seconds) * 1000
        target = TARGETS_MS.get(name)
        if target is None:
            goal = ""
        elif name.startswith("import casedu"):
            goal = f"< {target} over: {'met' if median - bare < target else 'missed'}"
        elif name == "casedu summary, academy":  # the academy-scale issue's: at most 250 ms
            goal = f"≤ {target}: {'met' if median <= target else 'missed'}"
        else:
            goal = f"< {target}: {'met' if median < target else 'missed'}"
        print(f"| {name} | {median:.0f} | {ms[0]:.0f}–{ms[-1]:.0f} | {median - bare:+.0f} | "
              f"{cpu:.0f} | {cpu - bare_cpu:+.0f} | {goal} |")
    print(f"load average {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
