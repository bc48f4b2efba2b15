"""The academy-scale targets of the in-memory engines, with floors that pay for their rows:

- the Python engine (``year_hours`` and every institute's summary and screen) against the
  plain-Python dict loop, on prebuilt rows and building its rows from the same records;
- the columnar engine making its columns from the records against pandas on integer-coded
  frames coded from the same records.

    python -m benchmarks.engines [--scale 1.0] [--runs 3]

Every floor is checked to give casedu's figures for every institute first (benchmarks.run's
checks); the contenders take turns; medians.
"""

from __future__ import annotations

import argparse
import statistics
from collections.abc import Callable
from typing import Any

from benchmarks import baselines, run
from benchmarks.academy import YEAR, academy
from benchmarks.harness import take_turns
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
    times = take_turns(works, args.runs)
    median = {name: statistics.median(seconds) for name, seconds in times.items()}
    print("| contender | median s | runs s |\n|---|---|---|")
    for name, seconds in times.items():
        print(f"| {name} | {median[name]:.2f} | {', '.join(f'{s:.2f}' for s in seconds)} |")
    python, columnar = median["python engine"], median["columnar engine, making its columns"]
    print(f"\nPython engine / plain loop: {python / median['plain loop, prebuilt rows']:.2f} "
          f"(building its rows: {python / median['plain loop, building its rows']:.2f}); "
          f"columnar / pandas on integer codes: "
          f"{columnar / median['pandas on integer codes, coding its frames']:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
