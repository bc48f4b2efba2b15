"""How long a command takes before it does its work: each job in a new interpreter, the jobs
interleaved, the median and the spread of the runs, and the median processor time (user and
system: what the job itself costs, which another process's turn on a busy machine does not
add to).

    python -m benchmarks.startup [--runs 15] [--before SRC]

``--before`` names the ``src`` folder of another checkout of casedu (an earlier commit): its
``import casedu`` runs in the same turns, so the two are compared on the same machine at the
same moments.
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
TARGETS_MS = {"import casedu": 60, "casedu --help": 100, "casedu summary WORKSPACE": 150}


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
    args = parser.parse_args(argv)
    times = run(args.runs, args.before)
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
        else:
            goal = f"< {target}: {'met' if median < target else 'missed'}"
        print(f"| {name} | {median:.0f} | {ms[0]:.0f}–{ms[-1]:.0f} | {median - bare:+.0f} | "
              f"{cpu:.0f} | {cpu - bare_cpu:+.0f} | {goal} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
