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

__all__ = ["Result", "measure", "peak_memory"]


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
