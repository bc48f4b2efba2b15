"""How a DataFrame holds hours exactly: what ``to_frame`` chose (pyarrow decimal128) against
float64, integer hundredths (Int64) and Python Decimals (object), on the same hours.

    python -m benchmarks.frames [--rows 1000000] [--runs 3]

Each form is first checked against the exact sum of the hours (Python's Decimal); then its
building, its sum and a sum by person are timed, and each operation a notebook uses is tried.
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from benchmarks.harness import measure

__all__ = ["main", "run"]


def hours(rows: int, seed: int = 2026) -> list[Decimal]:
    """``rows`` hours of 0.01 to 40.00 h, as the records hold them (two places at most)."""
    draw = random.Random(seed)
    return [Decimal(draw.randint(1, 4000)).scaleb(-2) for _ in range(rows)]


def forms() -> dict[str, Callable[[list[Decimal]], Any]]:
    """Each way of holding the hours in a pandas Series."""
    import pandas as pd
    import pyarrow as pa

    return {
        "decimal128 (to_frame)": lambda v: pd.Series(pd.arrays.ArrowExtensionArray(
            pa.array(v, type=pa.decimal128(38, 2)))),
        "float64": lambda v: pd.Series([float(x) for x in v], dtype="float64"),
        "Int64 hundredths": lambda v: pd.Series([int(x.scaleb(2)) for x in v], dtype="Int64"),
        "object (Decimal)": lambda v: pd.Series(v, dtype=object),
    }


def _as_hours(name: str, value: Any) -> Decimal:
    """A sum as a decimal: a float as its shortest repr (what a notebook shows)."""
    if name.startswith("Int64"):
        return Decimal(int(value)).scaleb(-2)
    return Decimal(repr(float(value))) if name == "float64" else Decimal(value)


OPERATIONS: dict[str, Callable[[Any], Any]] = {
    "sum": lambda s: s.sum(),
    "groupby sum": lambda s: s.groupby(s.index % 7).sum(),
    "pivot_table": lambda s: s.to_frame("h").assign(k=s.index % 3, y=s.index % 2).pivot_table(
        index="k", columns="y", values="h", aggfunc="sum"),
    "mean": lambda s: s.mean(),
    "comparison > 40": lambda s: (s > 40).sum(),
    "sort_values": lambda s: s.sort_values(),
    "describe": lambda s: s.describe(),
    "nlargest": lambda s: s.nlargest(3),
    "cumsum": lambda s: s.cumsum(),
    "astype(float64)": lambda s: s.astype("float64"),
}


def run(rows: int, runs: int) -> str:
    """The table of the forms: exactness, times, memory and the operations that fail."""
    values = hours(rows)
    exact = sum(values, Decimal(0))
    people = [i % 10_000 for i in range(rows)]
    each: dict[int, Decimal] = {}
    for person, value in zip(people, values, strict=True):
        each[person] = each.get(person, Decimal(0)) + value
    lines = [f"{rows:,} hours, exact sum {exact} h (Python's Decimal); medians of {runs} runs",
             "",
             "| form | sum | exact | people's sums not exact | build s | sum s "
             "| sum by person s | MiB |",
             "|---|---|---|---|---|---|---|---|"]
    failing: dict[str, list[str]] = {}
    for name, make in forms().items():
        series = make(values)
        total = _as_hours(name, series.sum())
        by = series.groupby(people)
        wrong = sum(_as_hours(name, v) != each[k] for k, v in by.sum().items())
        built = measure(f"{name} build", lambda make=make: make(values), runs=runs)
        summed = measure(f"{name} sum", series.sum, runs=runs)
        grouped = measure(f"{name} by person", by.sum, runs=runs)
        lines.append(f"| {name} | {total} | {'yes' if total == exact else 'no'} | "
                     f"{wrong:,} of {len(each):,} | {built.seconds:.3f} | "
                     f"{summed.seconds:.4f} | {grouped.seconds:.3f} | "
                     f"{series.memory_usage(deep=True) / 2**20:.1f} |")
        small = make(values[:1000])
        for operation, apply in OPERATIONS.items():
            try:
                apply(small)
            except Exception as error:  # what fails is what is reported
                failing.setdefault(name, []).append(f"{operation} ({type(error).__name__})")
    lines.append("")
    for name in forms():
        lines.append(f"- {name}: " + (", ".join(failing[name]) + " fail" if name in failing
                                      else f"all of {', '.join(OPERATIONS)} work"))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    print(run(args.rows, args.runs))


if __name__ == "__main__":
    main()
