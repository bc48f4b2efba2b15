"""What an ods export of the large year spends its time on, by this casedu and optionally
another source tree, each in a child process of its own (two casedu packages cannot share
one):

    python -m benchmarks.ods_parts                          # this casedu
    python -m benchmarks.ods_parts --compare OLD/src        # and another, e.g. a git worktree
    python -m benchmarks.ods_parts --only class-stats --exports 30 --rounds 3

For each report of ``casedu.sample.large_sample_dataset()``, each export into bytes is timed
(processor time; ``--exports`` a turn, the trees taking ``--rounds`` turns; the median of
all) and, in the same exports, the time of breaking
texts into lines (``casedu.exporters.linebreak.line_spans``, the processor time around each
of its calls, where the tree has it: the ods of casedu before the work on paper broke no line);
then the size of its ``content.xml`` and the processor time of deflating it alone as the zip
does (level 6). What is left of the export without the line breaking is what the rest of the
writer costs. A report with a chart (the summary) is also timed without it: the ods of casedu
before the work on paper drew none.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

__all__ = ["main", "run"]

_CHILD = r"""
import io, json, statistics, sys, time, zipfile, zlib
sys.path.insert(0, sys.argv[1])
import attrs
from casedu.exporters import export
from casedu.reports.document import Chart
from casedu.reports import REPORTS, ReportContext, build_report
from casedu.sample import large_sample_dataset
try:
    import casedu.exporters.linebreak as linebreak
except ImportError:
    linebreak = None
data = large_sample_dataset()
context = ReportContext(data, "DEMO", 2026)
person = data.people[0].id
only, exports = sys.argv[2], int(sys.argv[3])
spent = [0.0]
def timed(function):
    def run(*args):
        started = time.process_time()
        try:
            return function(*args)
        finally:
            spent[0] += time.process_time() - started
    return run
# every module that imported line_spans by name calls it through its own reference
if linebreak is not None and hasattr(linebreak, "line_spans"):
    original = linebreak.line_spans
    for module in list(sys.modules.values()):
        if getattr(module, "line_spans", None) is original:
            module.line_spans = timed(original)
results = []
for name in sorted(REPORTS):
    if only not in name:
        continue
    document = build_report(name, context, person=person)
    export(document, "ods")
    times, lines = [], []
    for _ in range(exports):
        spent[0] = 0.0
        started = time.process_time()
        export(document, "ods")
        times.append(time.process_time() - started)
        lines.append(spent[0])
    content = zipfile.ZipFile(io.BytesIO(export(document, "ods"))).read("content.xml")
    deflate = []
    for _ in range(exports):
        started = time.process_time()
        packer = zlib.compressobj(6, zlib.DEFLATED, -15)
        packer.compress(content)
        packer.flush()
        deflate.append(time.process_time() - started)
    plain = attrs.evolve(document, blocks=tuple(b for b in document.blocks
                                                 if not isinstance(b, Chart)))
    unchartered = None
    if len(plain.blocks) < len(document.blocks):  # the summary: its chart (an ODF object)
        export(plain, "ods")
        without = []
        for _ in range(exports):
            started = time.process_time()
            export(plain, "ods")
            without.append(time.process_time() - started)
        unchartered = without
    results.append({"report": name, "export": times, "lines": lines, "bytes": len(content),
                    "deflate": deflate, "without chart": unchartered})
print(json.dumps(results))
"""


def run(source: Path, only: str = "", exports: int = 15) -> list[dict[str, object]]:
    """The parts of each ods export of the large year by the casedu in ``source``: each
    measure's times, in seconds."""
    done = subprocess.run([sys.executable, "-c", _CHILD, str(source), only, str(exports)],
                          capture_output=True, text=True, check=True)
    return list(json.loads(done.stdout))


_TIMES = ("export", "lines", "deflate", "without chart")


def _merged(before: list[dict[str, object]],
            new: list[dict[str, object]]) -> list[dict[str, object]]:
    """The turns of a tree so far, with a new turn's times added to each report's."""
    if not before:
        return new
    for old, result in zip(before, new, strict=True):
        for key in _TIMES:
            times, more = old[key], result[key]
            if isinstance(times, list) and isinstance(more, list):
                times.extend(more)
    return before


def _median(result: dict[str, object], key: str) -> float | None:
    times = result[key]
    return statistics.median(times) if isinstance(times, list) and times else None


def _row(label: str, result: dict[str, object]) -> str:
    export, lines = _median(result, "export"), _median(result, "lines")
    deflate, chart, size = _median(result, "deflate"), _median(result, "without chart"), \
        result["bytes"]
    assert export is not None and lines is not None and deflate is not None
    assert isinstance(size, int)
    return (f"| {result['report']} | {label} | {1000 * export:.2f} ms | {1000 * lines:.2f} ms "
            f"| {1000 * (export - lines):.2f} ms | {size:,} | {1000 * deflate:.2f} ms | "
            + ("" if chart is None else f"{1000 * chart:.2f} ms") + " |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.ods_parts")
    parser.add_argument("--compare", type=Path, metavar="SRC",
                        help="the src folder of another casedu to measure in the same run")
    parser.add_argument("--only", default="", metavar="TEXT",
                        help="only the reports whose name holds TEXT ('class-stats')")
    parser.add_argument("--exports", type=int, default=15,
                        help="exports timed for each report a turn (the median of all is shown)")
    parser.add_argument("--rounds", type=int, default=1,
                        help="turns each tree takes (a busy machine slows both alike)")
    args = parser.parse_args(argv)
    here = Path(__file__).resolve().parents[1] / "src"
    mine: list[dict[str, object]] = []
    other: list[dict[str, object]] | None = [] if args.compare else None
    for _ in range(args.rounds):
        mine = _merged(mine, run(here, args.only, args.exports))
        if other is not None:
            other = _merged(other, run(args.compare, args.only, args.exports))
    print("| report | tree | export | of it, line breaking | the rest | content.xml bytes "
          "| its deflate | the export without its chart |")
    print("|---|---|---|---|---|---|---|---|")
    for i, result in enumerate(mine):
        print(_row("this casedu", result))
        if other:
            print(_row("compared", other[i]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
