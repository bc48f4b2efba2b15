"""Where odfpy serves casedu: the import templates it writes today, and the two jobs it could
take (reading an ods import, writing a report), against what casedu does for them.

    python -m benchmarks.odf [--rows 10000] [--runs 3]

Each reader is first checked to give the same rows; then a file cut short in the middle of
its content is handed to each.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import statistics
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from benchmarks.harness import take_turns, turns_table

__all__ = ["main", "run"]


def write_import(path: Path, rows: int) -> None:
    """An ods of the people sheet's 13 columns and ``rows`` rows of Chinese text, by odfpy."""
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    document = OpenDocumentSpreadsheet()
    table = Table(name="人员")
    for i in range(rows + 1):
        row = TableRow()
        for j in range(13):
            cell = TableCell(valuetype="string")
            cell.addElement(P(text=f"列{j}" if i == 0 else f"张伟{i}-{j}"))
            row.addElement(cell)
        table.addElement(row)
    document.spreadsheet.addElement(table)
    document.save(str(path))


def casedu_rows(path: Path) -> list[list[str]]:
    from casedu.importers import read_rows

    return [[str(v) for v in row.cells] for row in read_rows(path)]


def odfpy_rows(path: Path) -> list[list[str]]:
    """odfpy's document, walked row by row (its errors go to standard output: kept apart)."""
    from odf.opendocument import load
    from odf.table import TableCell, TableRow

    with contextlib.redirect_stdout(io.StringIO()):
        document = load(str(path))
    return [[str(cell) for cell in row.getElementsByType(TableCell)]
            for row in document.spreadsheet.getElementsByType(TableRow)]


def cut_short(path: Path, target: Path) -> Path:
    """The same file with its content.xml cut in half, as a broken download leaves it."""
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(target, "w") as out:
        for item in source.infolist():
            body = source.read(item.filename)
            out.writestr(item, body[:len(body) // 2] if item.filename == "content.xml" else body)
    return target


def outcome(read: Any, path: Path) -> str:
    try:
        return f"{len(read(path))} rows, no error"
    except Exception as error:  # what each reader does is what is measured
        return f"refused: {type(error).__name__}"


def import_ms(statement: str, runs: int) -> float:
    """A module's import in a new interpreter, over the bare interpreter's start."""
    code = f"import time; t = time.perf_counter(); {statement}; print(time.perf_counter() - t)"
    return 1000 * statistics.median(float(subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
        for _ in range(runs))


def run(rows: int = 10_000, runs: int = 3) -> str:
    from casedu.importers import write_template

    folder = Path(tempfile.mkdtemp(prefix="casedu-odf-"))
    path = folder / "people.ods"
    write_import(path, rows)
    if casedu_rows(path) != odfpy_rows(path):
        raise AssertionError("casedu and odfpy read different rows")
    times = take_turns({"casedu read_rows": lambda: casedu_rows(path),
                        "odfpy load and walk": lambda: odfpy_rows(path)}, runs)
    cut = cut_short(path, folder / "cut.ods")
    reading = turns_table(times, "casedu read_rows", {"a file cut short": {
        "casedu read_rows": outcome(casedu_rows, cut),
        "odfpy load and walk": outcome(odfpy_rows, cut)}})
    made = iter(range(10**6))
    templates = take_turns({
        f"{kind}{suffix}": (lambda kind=kind, suffix=suffix:
                            write_template(kind, folder / f"t{next(made)}{suffix}"))
        for kind in ("people", "workbook") for suffix in (".ods", ".xlsx")}, max(runs, 5))
    lines = [f"Reading an ods import of {rows:,} rows × 13 columns:", "", reading, "",
             "Writing the import templates (odfpy for ods, openpyxl for xlsx), ms:", "",
             "| template | median ms |", "|---|---|"]
    lines += [f"| {name} | {1000 * statistics.median(t):.1f} |" for name, t in templates.items()]
    lines += ["", f"Importing odf (opendocument, table, text): "
              f"{import_ms('import odf.opendocument, odf.table, odf.text', runs):.0f} ms; "
              f"openpyxl: {import_ms('import openpyxl', runs):.0f} ms (new interpreters)."]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    print(run(args.rows, args.runs))


if __name__ == "__main__":
    main()
