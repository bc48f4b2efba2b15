"""The staff overview of the whole academy written as xlsx: casedu's streaming writer against
xlsxwriter's ``constant_memory`` mode writing the same styled, print-ready sheet, xlsxwriter
writing the plain cells, and casedu's earlier exporter on openpyxl's write-only mode.

    python -m benchmarks.xlsx [--people 70000] [--runs 3]

Before anything is timed, the styled baseline's file is read back and compared with casedu's,
cell by cell (values; numbers to 15 significant digits), so both write the same sheet. The
contenders take turns; each line gives the median and the spread of the runs, and how much a
forked process's peak resident memory grew while it wrote the file once (the document is built
before).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks import file_baselines
from benchmarks.academy import academy, overview_document
from benchmarks.harness import peak_memory, take_turns, turns_table

__all__ = ["main", "same_cells"]


def _values(path: Path) -> list[list[Any]]:
    from python_calamine import CalamineWorkbook

    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    out = []
    for row in rows:
        values = [float(f"{v:.15g}") if isinstance(v, float) else v for v in row]
        while values and values[-1] in ("", None):
            values.pop()
        out.append(values)
    while out and not out[-1]:
        out.pop()
    return out


def same_cells(ours: Path, theirs: Path, *, header: tuple[int, ...] = ()) -> int:
    """The number of rows, after checking that both files hold the same cell values (in the
    ``header`` rows only the first cell: casedu writes each title under its merge, xlsxwriter
    only the merge's first)."""
    mine, other = _values(ours), _values(theirs)
    for number, (a, b) in enumerate(zip(mine, other, strict=True), start=1):
        if number in header:
            a, b = a[:1], b[:1]
        if a != b:
            raise AssertionError(f"row {number} differs: {a!r} != {b!r}")
    return len(mine)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.xlsx")
    parser.add_argument("--people", type=int, default=70_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from casedu.exporters import export
    from tests.exporters.openpyxl_xlsx import XlsxExporter as OpenpyxlXlsx

    document = overview_document(academy(args.people / 70_000))
    table = document.tables[0]
    cells = file_baselines.plain_cells(table)
    rows = len(table.rows)
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)

        def openpyxl_writer() -> None:
            with (out / "openpyxl.xlsx").open("wb") as stream:
                OpenpyxlXlsx().write(document, stream)

        contenders: dict[str, Callable[[], Any]] = {
            "casedu xlsx (streamed)": lambda: export(document, "xlsx", out / "casedu.xlsx"),
            "xlsxwriter constant_memory, the same styled sheet":
                lambda: file_baselines.xlsxwriter_styled(document, out / "styled"),
            "xlsxwriter constant_memory, plain cells":
                lambda: file_baselines.xlsxwriter_constant_memory(table.columns, cells,
                                                             out / "plain"),
            "casedu's earlier exporter (openpyxl write-only)": openpyxl_writer,
        }
        for work in contenders.values():
            work()
        checked = same_cells(out / "casedu.xlsx", out / "styled.xlsx", header=(4, 5))
        same_cells(out / "casedu.xlsx", out / "openpyxl.xlsx")
        peaks = {name: peak_memory(work) for name, work in contenders.items()}
        times = take_turns(contenders, args.runs)
    print(f"staff overview, {rows:,} people; {checked:,} rows read back equal from casedu's "
          f"file, the styled baseline's and the earlier exporter's; {args.runs} runs each, "
          "interleaved\n")
    print(turns_table(times, "casedu xlsx (streamed)",
                      {"peak MiB added": {name: f"{peak:.0f}" for name, peak in peaks.items()}}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
