"""Timing and peak memory, measured the same way for casedu and its baselines."""

from __future__ import annotations

import gc
import multiprocessing
import os
import resource
import statistics
import time
from collections.abc import Callable
from typing import Any

import attrs

__all__ = ["Result", "measure", "peak_memory", "take_turns", "turns_table"]


@attrs.frozen
class Result:
    """The median seconds of some runs, and the peak memory the work added (MiB)."""

    name: str
    seconds: float
    runs: int
    peak_mib: float | None = None


def measure(name: str, work: Callable[[], Any], *, runs: int = 3,
            memory: bool = False) -> Result:
    """Run ``work`` ``runs`` times; the median wall time, and (with ``memory``) the peak memory
    of one more run in a forked process."""
    times = []
    for _ in range(runs):
        gc.collect()
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    peak = peak_memory(work) if memory else None
    return Result(name, statistics.median(times), runs, peak)


def _rss_kib() -> int:
    with open("/proc/self/statm", encoding="ascii") as stream:
        return int(stream.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024


def _child(work: Callable[[], Any], pipe: Any) -> None:
    gc.collect()
    start = _rss_kib()
    work()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    pipe.send(max(0, peak - start))
    pipe.close()


def peak_memory(work: Callable[[], Any]) -> float:
    """How much a forked child's peak resident memory grew while running ``work`` (MiB)."""
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(work, send))
    child.start()
    grown = receive.recv()
    child.join()
    return round(grown / 1024, 1)


def take_turns(works: dict[str, Callable[[], Any]], runs: int, *,
               alternate: bool = False) -> dict[str, list[float]]:
    """Seconds of each run of each work; the works take turns, so that a busy moment of the
    machine falls on all of them. ``alternate``: every other turn runs them in the reverse
    order, so that neither always runs right after the other (short works, where the one
    that follows a busy moment pays for it)."""
    times: dict[str, list[float]] = {name: [] for name in works}
    for turn in range(runs):
        order = list(works.items())
        for name, work in (order[::-1] if alternate and turn % 2 else order):
            gc.collect()
            start = time.perf_counter()
            work()
            times[name].append(time.perf_counter() - start)
    return times


def turns_table(times: dict[str, list[float]], ours: str,
                columns: dict[str, dict[str, str]]) -> str:
    """A Markdown table of ``take_turns``' times: each contender's median and spread, its time
    as a multiple of ``ours``', and the ``columns`` (heading → contender → cell)."""
    lines = ["| contender | median s | spread s | × casedu | " + " | ".join(columns) + " |",
             "|---|---|---|---|" + "---|" * len(columns)]
    reference = statistics.median(times[ours])
    for name, seconds in times.items():
        median = statistics.median(seconds)
        cells = "".join(f" {cells[name]} |" for cells in columns.values())
        lines.append(f"| {name} | {median:.2f} | {min(seconds):.2f}–{max(seconds):.2f} | "
                     f"{median / reference:.2f} |{cells}")
    return "\n".join(lines)
