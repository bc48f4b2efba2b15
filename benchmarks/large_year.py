"""The real-sized year (casedu.sample.large_sample_dataset) exported in every format, every
report, timed per row; optionally against another casedu source tree, in the same run and on
the same data.

    python -m benchmarks.large_year                       # this casedu
    python -m benchmarks.large_year --compare OLD/src     # and another, e.g. a git worktree
    python -m benchmarks.large_year --academy 70000       # and the academy's staff overview
    python -m benchmarks.large_year --only "large summary" --formats csv,pdf --to bytes

Each export is timed three times a run (``--rounds`` runs, the trees taking turns), and again
until ``--least`` seconds of processor time are spent on it (the small reports); the median
and the spread are printed as a Markdown table, with the ratio of the medians. ``--clock cpu``
(the default) times the processor time the export takes (``time.process_time``), which a
machine shared with other work changes far less than the time on the clock (``--clock
wall``); both are measured. ``--to bytes`` times the export into bytes in memory (what the
exporter does), ``--to file`` (the default) into a file written whole (a temporary file,
``fsync``, the rename: the same code in both trees, whose time turns on the disk's other work).
``--only`` and ``--formats`` choose the exports timed.
The other tree runs in a child process of its own (two casedu packages cannot share one).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FORMATS = ("pdf", "xlsx", "ods", "html", "csv")
#: A table of short texts, the size of the academy benchmark's class statistics: the sample's
#: plans repeated (the PDF layout of short rows is measured too).
SHORT_COPIES = 150

_CHILD = r"""
import json, statistics, sys, tempfile, time, pathlib
sys.path.insert(0, sys.argv[1])
import attrs
from casedu.dataset import load_dataset
from casedu.exporters import export
from casedu.reports import REPORTS, ReportContext, build_report
from casedu.sample import sample_dataset
data = load_dataset(sys.argv[2])
out = pathlib.Path(tempfile.mkdtemp())
context = ReportContext(data, "DEMO", 2026)
person = data.people[0].id  # the archive's
documents = {f"large {name}": build_report(name, context, person=person)
             for name in sorted(REPORTS, key=lambda n: n != "class-stats")}
small = build_report("class-stats", ReportContext(sample_dataset(), "DEMO", 2026))
table = small.tables[0]
many = attrs.evolve(table, rows=table.rows * int(sys.argv[3]))
documents["short class-stats"] = attrs.evolve(
    small, blocks=tuple(many if b is table else b for b in small.blocks))
people = int(sys.argv[5])
least = float(sys.argv[7])  # seconds of processor time an export is timed for, at least
only, to_file = sys.argv[8], sys.argv[9] == "file"
documents = {label: d for label, d in documents.items() if only in label}
if people and only in "academy staff-overview":
    sys.path.insert(1, sys.argv[6])  # the benchmarks of this tree: the academy's generator
    from benchmarks.academy import academy
    from benchmarks.run import overview_document
    documents[f"academy staff-overview ({people:,} people)"] = overview_document(
        academy(people / 70_000))
results = []
for label, document in documents.items():
    rows = sum(len(t.rows) for t in document.tables)
    formats = [f for f in sys.argv[4].split(",")
               if not label.startswith("academy") or f in ("xlsx", "ods", "csv")]
    for fmt in formats:
        times, cpu, error = [], [], None
        while len(times) < 3 or (sum(cpu) < least and len(times) < 3000):
            started, processor = time.perf_counter(), time.process_time()
            try:
                if to_file:
                    export(document, fmt, out / f"x.{fmt}")
                else:
                    export(document, fmt)
            except Exception as failure:
                error = type(failure).__name__
                break
            times.append(time.perf_counter() - started)
            cpu.append(time.process_time() - processor)
        results.append({"label": label, "format": fmt, "rows": rows, "times": times,
                        "cpu": cpu, "error": error})
print(json.dumps(results))
"""


def run(source: Path, dataset: Path, people: int = 0, least: float = 0.0, *,
        only: str = "", formats: tuple[str, ...] = FORMATS,
        to: str = "file") -> list[dict[str, object]]:
    """The timings of the casedu in ``source``, measured in a child process: each export
    three times, and again until ``least`` seconds of processor time are spent on it; the
    exports whose label holds ``only``, in ``formats``, into a file or bytes (``to``)."""
    here = Path(__file__).resolve().parents[1]
    done = subprocess.run([sys.executable, "-c", _CHILD, str(source), str(dataset),
                           str(SHORT_COPIES), ",".join(formats), str(people), str(here),
                           str(least), only, to],
                          capture_output=True, text=True, check=True)
    return list(json.loads(done.stdout))


def _merged(before: list[dict[str, object]],
            new: list[dict[str, object]]) -> list[dict[str, object]]:
    """The runs of a tree so far, with a new run's times added to each export's."""
    if not before:
        return new
    for old, result in zip(before, new, strict=True):
        for clock in _CLOCKS.values():
            times, more = old[clock], result[clock]
            assert isinstance(times, list) and isinstance(more, list)
            times.extend(more)
        old["error"] = old["error"] or result["error"]
    return before


_CLOCKS = {"cpu": "cpu", "wall": "times"}


def _median(result: dict[str, object], clock: str) -> float | None:
    times = result[_CLOCKS[clock]]
    assert isinstance(times, list)
    return None if result["error"] or not times else statistics.median(times)


def _cell(result: dict[str, object], clock: str) -> str:
    if result["error"]:
        return f"fails ({result['error']})"
    times = result[_CLOCKS[clock]]
    assert isinstance(times, list)
    median = statistics.median(times)
    rows = result["rows"]
    assert isinstance(rows, int)
    return (f"{median:.3f} s, {1000 * median / rows:.2f} ms/row "
            f"({min(times):.3f}–{max(times):.3f})")


def _ratio(mine: dict[str, object], other: dict[str, object], clock: str) -> str:
    a, b = _median(mine, clock), _median(other, clock)
    return "" if a is None or not b else f"{a / b:.2f}×"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.large_year")
    parser.add_argument("--compare", type=Path, metavar="SRC",
                        help="the src folder of another casedu to time in the same run")
    parser.add_argument("--rounds", type=int, default=1,
                        help="times each tree runs, in turns (each run times every export 3×)")
    parser.add_argument("--academy", type=int, default=0, metavar="PEOPLE",
                        help="also the staff overview of an academy of so many people")
    parser.add_argument("--least", type=float, default=0.0, metavar="SECONDS",
                        help="time each export again until so many seconds of processor "
                             "time are spent on it a turn (at most 3,000 times): the small "
                             "reports, a few milliseconds each, then give steady medians")
    parser.add_argument("--clock", choices=sorted(_CLOCKS), default="cpu",
                        help="the time shown: the processor's (default) or the clock's")
    parser.add_argument("--only", default="", metavar="TEXT",
                        help="only the exports whose label holds TEXT ('large summary')")
    parser.add_argument("--formats", default=",".join(FORMATS), metavar="LIST",
                        help="the formats timed, comma-separated (the academy's: xlsx, ods, "
                             "csv among them)")
    parser.add_argument("--to", choices=("file", "bytes"), default="file",
                        help="export into a file written whole (default) or into bytes")
    args = parser.parse_args(argv)
    formats = tuple(f for f in args.formats.split(",") if f)
    unknown = sorted(set(formats) - set(FORMATS))
    if unknown:
        parser.error(f"unknown formats: {', '.join(unknown)} (known: {', '.join(FORMATS)})")
    options = {"only": args.only, "formats": formats, "to": args.to}
    from casedu.dataset import save_dataset
    from casedu.sample import large_sample_dataset

    dataset = Path(tempfile.mkdtemp()) / "large.json"
    save_dataset(large_sample_dataset(), dataset)
    here = Path(__file__).resolve().parents[1] / "src"
    started = time.perf_counter()
    mine: list[dict[str, object]] = []
    other: list[dict[str, object]] | None = [] if args.compare else None
    for _ in range(args.rounds):  # the two trees take turns: a busy machine slows both alike
        mine = _merged(mine, run(here, dataset, args.academy, args.least, **options))
        if other is not None:
            other = _merged(other, run(args.compare, dataset, args.academy, args.least,
                                       **options))
    clock = args.clock
    header = "| export | rows | this casedu |" + (" compared | ratio |" if other else "")
    print(f"({'processor' if clock == 'cpu' else 'clock'} time: median, and the spread; "
          f"exported into {'a file' if args.to == 'file' else 'bytes'})\n")
    print(header)
    print("|---|---|---|" + ("---|---|" if other else ""))
    for i, result in enumerate(mine):
        line = (f"| {result['label']} {result['format']} | {result['rows']} | "
                f"{_cell(result, clock)} |")
        if other:
            line += f" {_cell(other[i], clock)} | {_ratio(result, other[i], clock)} |"
        print(line)
    print(f"\n({time.perf_counter() - started:.0f} s in all)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
