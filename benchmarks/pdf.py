"""The class statistics of 10,000 plans written as PDF: casedu against reportlab's platypus
laying out the same cells in Tables of 500 rows and in one Table, with casedu's margins,
padding and column widths (so that both draw about as many pages).

    python -m benchmarks.pdf [--rows 10000] [--runs 3]

Before anything is timed, every file is read back (pypdf) and checked to hold every plan's
name in order; the page counts are shown. The contenders take turns;
each line gives the median and the spread of the runs, the pages, and how much a forked
process's peak resident memory grew while it wrote the file once.
"""

from __future__ import annotations

import argparse
import re
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks import file_baselines
from benchmarks.harness import peak_memory, take_turns, turns_table

__all__ = ["main", "names_in_order"]


def names_in_order(path: Path, rows: int) -> int:
    """The pages of the PDF at ``path``, after checking that it names plans 0 to ``rows - 1``
    (``培训第N期``), each once, in order."""
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    text = "".join(page.extract_text() for page in reader.pages)
    found = [int(n) for n in re.findall(r"培训第(\d+)期", re.sub(r"\s+", "", text))]
    if found != list(range(rows)):
        raise AssertionError(f"{path.name}: the plans are not all there in order "
                             f"({len(found)} of {rows})")
    return len(reader.pages)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.pdf")
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    from casedu.exporters import export

    document, cells, columns = file_baselines.class_stats_document(args.rows)
    fitted = document.tables[0]
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)

        contenders: dict[str, tuple[str, Callable[[], Any]]] = {
            "casedu pdf": ("casedu.pdf", lambda: export(document, "pdf", out / "casedu.pdf")),
            "reportlab platypus, 500-row Tables": (
                "chunked.pdf", lambda: file_baselines.reportlab_table(
                    columns, cells, out / "chunked.pdf", 500, fitted)),
            "reportlab platypus, one Table": (
                "one.pdf", lambda: file_baselines.reportlab_table(columns, cells, out / "one.pdf",
                                                             None, fitted)),
        }
        pages = {}
        for name, (file, work) in contenders.items():
            work()
            pages[name] = names_in_order(out / file, args.rows)
        peaks = {name: peak_memory(work) for name, (_, work) in contenders.items()}
        times = take_turns({name: work for name, (_, work) in contenders.items()}, args.runs)
    print(f"class statistics, {args.rows:,} plans; every file read back with every plan in "
          f"order; {args.runs} runs each, interleaved\n")
    print(turns_table(times, "casedu pdf", {
        "pages": {name: str(count) for name, count in pages.items()},
        "peak MiB added": {name: f"{peak:.0f}" for name, peak in peaks.items()}}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
