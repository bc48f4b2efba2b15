"""The academy-scale targets of the in-memory engines, with floors that pay for their rows:

- the Python engine (``year_hours`` and every institute's summary and screen) against the
  plain-Python dict loop, on prebuilt rows and building its rows from the same records;
- the columnar engine making its columns from the records against pandas on integer-coded
  frames coded from the same records.

    python -m benchmarks.engines [--scale 1.0] [--runs 3]

Every floor is checked to give casedu's figures for every institute first (benchmarks.run's
checks); the contenders take turns; medians of the wall time and of the process's own
processor time (on a busy machine the second says more: it leaves out the time the process
waited for a core) with the load average before and after.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import time
from collections.abc import Callable
from typing import Any

from benchmarks import baselines, run
from benchmarks.academy import YEAR, academy
from casedu.metrics.columnar import YearColumns

__all__ = ["main"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.engines")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    data = academy(args.scale)
    rows = baselines.plain_rows(data)
    run._check_plain(data, baselines.plain_figures(rows))
    run._check_plain(data, baselines.pandas_coded_figures(baselines.coded_frames(data)))
    run._check_columnar(data, YearColumns.of(data, YEAR))
    works: dict[str, Callable[[], Any]] = {
        "python engine": lambda: run.figures_in_memory(data),
        "plain loop, prebuilt rows": lambda: baselines.plain_figures(rows),
        "plain loop, building its rows": lambda: baselines.plain_figures(
            baselines.plain_rows(data)),
        "columnar engine, making its columns": lambda: run.figures_of_hours(
            data, YearColumns.of(data, YEAR).year_hours()),
        "pandas on integer codes, coding its frames": lambda: baselines.pandas_coded_figures(
            baselines.coded_frames(data)),
    }
    load = os.getloadavg()
    times = _take_turns(works, args.runs)
    print(f"load average {load[0]:.1f} before, {os.getloadavg()[0]:.1f} after\n")
    print("| contender | median s | processor s | runs s (processor s) |\n|---|---|---|---|")
    for name, runs in times.items():
        wall, cpu = (statistics.median(r[i] for r in runs) for i in (0, 1))
        each = ", ".join(f"{w:.2f} ({c:.2f})" for w, c in runs)
        print(f"| {name} | {wall:.2f} | {cpu:.2f} | {each} |")
    for i, clock in enumerate(("wall", "processor")):
        median = {name: statistics.median(r[i] for r in runs) for name, runs in times.items()}
        python, columnar = median["python engine"], median["columnar engine, making its columns"]
        pandas = median["pandas on integer codes, coding its frames"]
        print(f"\n{clock}: Python engine / plain loop: "
              f"{python / median['plain loop, prebuilt rows']:.2f} (building its rows: "
              f"{python / median['plain loop, building its rows']:.2f}); columnar / pandas on "
              f"integer codes: {columnar / pandas:.2f}")
    return 0


def _take_turns(works: dict[str, Callable[[], Any]],
                runs: int) -> dict[str, list[tuple[float, float]]]:
    """(wall, processor) seconds of each run of each work, the works taking turns."""
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in works}
    for _ in range(runs):
        for name, work in works.items():
            gc.collect()
            wall, cpu = time.perf_counter(), time.process_time()
            work()
            times[name].append((time.perf_counter() - wall, time.process_time() - cpu))
    return times


if __name__ == "__main__":
    raise SystemExit(main())
