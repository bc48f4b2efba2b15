"""How long a command takes before it does its work: each job in a new interpreter, the jobs
interleaved, the median and the spread of the runs.

    python -m benchmarks.startup [--runs 15]
"""

from __future__ import annotations

import argparse
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
    """Each job's command line, the bare interpreter first (the floor of every job)."""
    python = sys.executable
    casedu = [python, "-m", "casedu"]
    return {
        "python -c pass": [python, "-c", "pass"],
        "import casedu": [python, "-c", "import casedu"],
        "casedu --help": [*casedu, "--help"],
        "casedu summary WORKSPACE": [*casedu, "summary", str(workspace), "--institute", "DEMO",
                                     "--year", "2026"],
    }


def run(runs: int) -> dict[str, list[float]]:
    """Seconds of each run of each job; the jobs take turns so that a busy moment of the
    machine falls on all of them."""
    from casedu.sample import sample_dataset
    from casedu.store import SqliteStore

    with tempfile.TemporaryDirectory() as folder:
        workspace = Path(folder) / "sample.casedu"
        SqliteStore.open(workspace, create=True).replace_all(sample_dataset())
        commands = jobs(workspace)
        for command in commands.values():  # warm the file cache; each must succeed
            subprocess.run(command, check=True, capture_output=True)
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(runs):
            for name, command in commands.items():
                start = time.perf_counter()
                subprocess.run(command, check=True, capture_output=True)
                times[name].append(time.perf_counter() - start)
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.startup")
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args(argv)
    times = run(args.runs)
    bare = statistics.median(times["python -c pass"]) * 1000
    print(f"{args.runs} runs of each, in new processes, interleaved\n")
    print("| job | median ms | spread ms | over the bare interpreter | target |")
    print("|---|---|---|---|---|")
    for name, seconds in times.items():
        ms = sorted(s * 1000 for s in seconds)
        median = statistics.median(ms)
        target = TARGETS_MS.get(name)
        if target is None:
            goal = ""
        elif name == "import casedu":
            goal = f"< {target} over: {'met' if median - bare < target else 'missed'}"
        else:
            goal = f"< {target}: {'met' if median < target else 'missed'}"
        print(f"| {name} | {median:.0f} | {ms[0]:.0f}–{ms[-1]:.0f} | {median - bare:+.0f} | "
              f"{goal} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
