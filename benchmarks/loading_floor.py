"""The floor of loading the academy's file, by parts, each measured alone in one process
(processor seconds, the collector off): ``json.load`` of the file; the attendance, external and
online records made alone (``object.__new__`` and their slots set, from one shared value: no
scanning, no look-up, no check); and the regular expressions of :mod:`casedu.dataset.columns`
splitting those sections' text alone, 64 KiB at a time, as the reader does.

    python -m benchmarks.loading_floor FILE [--runs 3]
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import time
from collections import deque
from itertools import repeat
from pathlib import Path

import attrs

__all__ = ["main", "parts"]

_SECTIONS = ("attendance", "external_learning", "online_learning")


def parts(path: Path) -> dict[str, float]:
    """The processor seconds of each part, and how many records."""
    from casedu.dataset.columns import batch_reader
    from casedu.dataset.typed import Makers
    from casedu.model import Attendance, ExternalLearning, OnlineLearning

    classes = dict(zip(_SECTIONS, (Attendance, ExternalLearning, OnlineLearning), strict=True))
    gc.disable()
    start = time.process_time()
    with path.open("rb") as stream:
        value = json.load(stream)
    loaded = time.process_time() - start
    counts = {name: len(value[name]) for name in _SECTIONS}
    del value
    start = time.process_time()
    made: list[list[object]] = []
    for name, cls in classes.items():
        records: list[object] = list(map(object.__new__, repeat(cls, counts[name])))
        for field in attrs.fields(cls):
            deque(map(getattr(cls, field.name).__set__, records, repeat("x")), 0)
        made.append(records)
    making = time.process_time() - start
    del made
    text = path.read_text(encoding="utf-8")
    makers = Makers()
    splitting = 0.0
    for name, cls in classes.items():
        reader: object = batch_reader(cls, makers)
        pattern = reader.pattern("\n   ", "\n  ", ",\n  ", False)  # type: ignore[attr-defined]
        first = text.index(f'"{name}": [') + len(f'"{name}": [')
        body = text[first:text.index("\n ]", first)].strip() + ",\n  "
        start = time.process_time()
        pos = 0
        while pos < len(body):
            cut = body.rfind("},\n  ", pos, pos + (1 << 16))
            if cut < pos:
                cut = body.find("},\n  ", pos)
            pattern.split(body[pos:cut + 5])
            pos = cut + 5
        splitting += time.process_time() - start
    gc.enable()
    return {"json.load": loaded, "records made alone": making,
            "columns' expressions alone": splitting, "records": sum(counts.values())}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.loading_floor")
    parser.add_argument("file", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    runs = [parts(args.file) for _ in range(args.runs)]
    floor = statistics.median(r["json.load"] for r in runs)
    print(f"{runs[0]['records']:,.0f} records, {args.runs} runs, processor seconds\n")
    print("| part | seconds | × json.load |\n|---|---|---|")
    for key in ("json.load", "records made alone", "columns' expressions alone"):
        values = sorted(r[key] for r in runs)
        middle = statistics.median(values)
        print(f"| {key} | {middle:.2f} ({values[0]:.2f}–{values[-1]:.2f}) | "
              f"{middle / floor:.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
