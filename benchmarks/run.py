"""casedu's benchmarks against pandas and the raw format libraries, each baseline measured in the
same run.

    python -m benchmarks.run            # the academy: 70,000 people, 3,000,000 records
    python -m benchmarks.run --quick    # a small academy, as a smoke test
    python -m benchmarks.run --only figures --only xlsx

Prints Markdown tables of seconds, ratios and peak memory: the sections of docs/performance.md.
Besides its own sections it runs benchmarks.xlsx (the streaming xlsx writer against
xlsxwriter), benchmarks.loading (a dataset file's load: time and memory) and benchmarks.startup
(what a command costs before it works); the database engines have their own
(benchmarks.database, docs/database.md).
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from benchmarks import baselines, file_baselines
from benchmarks.academy import YEAR, academy, overview_document
from benchmarks.harness import Result, measure
from casedu.exporters import export
from casedu.metrics import YearHours, annual_figures, screen_backbone, year_hours
from casedu.metrics.columnar import YearColumns
from casedu.model import Dataset
from casedu.reports.document import Document, Table
from casedu.store import SqliteStore

Line = tuple[str, Result, Result | None]


def figures_in_memory(dataset: Dataset) -> None:
    """Every institute's summary and backbone screen, the year's hours summed once."""
    hours = year_hours(dataset, YEAR)
    for institute in dataset.institutes:
        annual_figures(dataset, institute.code, YEAR, hours=hours)
        screen_backbone(dataset, institute.code, YEAR, hours=hours)


def figures_of_hours(dataset: Dataset, hours: YearHours) -> None:
    """Every institute's summary and backbone screen from the year's hours summed before."""
    for institute in dataset.institutes:
        annual_figures(dataset, institute.code, YEAR, hours=hours)
        screen_backbone(dataset, institute.code, YEAR, hours=hours)


def figures_from_workspace(path: Path) -> None:
    """The same, from a workspace file (SQLite sums the hours)."""
    store = SqliteStore.open(path)
    roster = store.roster()
    hours = store.year_hours(YEAR)
    for institute in roster.institutes:
        annual_figures(roster, institute.code, YEAR, hours=hours)
        screen_backbone(roster, institute.code, YEAR, hours=hours)


def bench_figures(scales: list[float], runs: int) -> list[Line]:
    lines: list[Line] = []
    for scale in scales:
        data = academy(scale)
        records = (len(data.attendance) + len(data.external_learning)
                   + len(data.online_learning))
        label = f"{records:,} records"
        frames = baselines.frames(data)
        rows = baselines.plain_rows(data)
        _check_plain(data, baselines.plain_figures(rows))
        ours = measure(f"casedu, in memory ({label})", lambda d=data: figures_in_memory(d),
                       runs=runs)
        plain = measure(f"plain Python dict loops, integer hours, prebuilt rows ({label})",
                        lambda r=rows: baselines.plain_figures(r), runs=runs)
        lines.append(("summary + screen, every institute", ours, plain))
        plain_built = measure(
            f"plain Python dict loops, rows built from the same records ({label})",
            lambda d=data: baselines.plain_figures(baselines.plain_rows(d)), runs=runs)
        lines.append(("(the same, the plain loop building its rows)", ours, plain_built))
        theirs = measure(f"pandas groupby on prebuilt frames ({label})",
                         lambda f=frames: baselines.pandas_figures(f), runs=runs)
        built = measure(f"pandas, frames built from the same records ({label})",
                        lambda d=data: baselines.pandas_figures(baselines.frames(d)), runs=runs)
        lines.append(("summary + screen, every institute", ours, theirs))
        lines.append(("(the same, pandas building its frames)", ours, built))
        columns = YearColumns.of(data, YEAR)
        _check_columnar(data, columns)
        coded = baselines.coded_frames(data)
        _check_plain(data, baselines.pandas_coded_figures(coded))
        columnar = measure(f"casedu, columnar engine, columns made before ({label})",
                           lambda d=data, c=columns: figures_of_hours(d, c.year_hours()),
                           runs=runs)
        strong = measure(f"pandas groupby on integer-coded frames, int64 hours ({label})",
                         lambda c=coded: baselines.pandas_coded_figures(c), runs=runs)
        lines.append(("summary + screen, every institute", columnar, strong))
        lines.append(("summary + screen, every institute", columnar, theirs))
        columnar_built = measure(
            f"casedu, columnar engine, making its columns from the records ({label})",
            lambda d=data: figures_of_hours(d, YearColumns.of(d, YEAR).year_hours()),
            runs=runs)
        lines.append(("(the same, each making its columns or frames)", columnar_built, built))
        # the target's figure: each counts the making of its integer columns
        strong_built = measure(
            f"pandas on integer-coded frames, coded from the same records ({label})",
            lambda d=data: baselines.pandas_coded_figures(baselines.coded_frames(d)), runs=runs)
        lines.append(("(the same, each making its integer columns)", columnar_built,
                      strong_built))
        lines.append(("(columnar against the Python engine, both from the records)",
                      columnar_built, ours))
        del columns, coded
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "academy.casedu"
            store = SqliteStore.open(path, create=True)
            store.replace_all(data)
            del store
            ours = measure(f"casedu, from a workspace ({label})",
                           lambda p=path: figures_from_workspace(p), runs=runs)
            theirs = measure(f"pandas reading the same SQLite tables ({label})",
                             lambda p=path: baselines.pandas_figures(baselines.sql_frames(p)),
                             runs=runs)
            lines.append(("summary + screen from a workspace", ours, theirs))
        del data, frames, rows
    return lines


def _check_columnar(data: Dataset, columns: YearColumns) -> None:
    """The columnar engine is timed only once it gives every institute's figures as the
    Python engine does."""
    python, columnar = year_hours(data, YEAR), columns.year_hours()
    for institute in data.institutes:
        code = institute.code
        ours = annual_figures(data, code, YEAR, hours=columnar).to_json()
        if ours != annual_figures(data, code, YEAR, hours=python).to_json():
            raise SystemExit(f"the columnar engine's summary of {code} differs")
        mine, theirs = ([c.person.id for c in screen_backbone(data, code, YEAR, hours=h).eligible]
                        for h in (columnar, python))
        if mine != theirs:
            raise SystemExit(f"the columnar engine's screen of {code} differs")


def _check_plain(data: Dataset, table: dict[str, dict[str, int]]) -> None:
    """The plain baseline is timed only once it gives casedu's figures."""
    hours = year_hours(data, YEAR)
    for institute in data.institutes:
        ours = annual_figures(data, institute.code, YEAR, hours=hours)
        eligible = len(screen_backbone(data, institute.code, YEAR, hours=hours).eligible)
        expected = {"in_service": len(ours.in_service), "assessed": len(ours.assessed),
                    "completed": len(ours.completed), "eligible": eligible,
                    "total_hours": ours.total_hours * baselines.UNITS}
        if table[institute.code] != expected:
            raise SystemExit(f"the plain baseline differs for {institute.code}: "
                             f"{table[institute.code]} != {expected}")


def bench_exports(people_rows: int, pdf_rows: int, runs: int) -> list[Line]:
    lines: list[Line] = []
    data = academy(people_rows / 70_000)
    document = overview_document(data)
    table = document.tables[0]
    cells = file_baselines.plain_cells(table)
    count = len(table.rows)
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        for fmt, raw_name, raw in (
            ("xlsx", "openpyxl write-only", file_baselines.openpyxl_write_only),
            ("xlsx", "xlsxwriter constant_memory", file_baselines.xlsxwriter_constant_memory),
            ("xlsx", "pandas.DataFrame.to_excel (xlsxwriter)", file_baselines.pandas_to_excel),
            ("ods", "openpyxl write-only (the xlsx of the same cells)",
             file_baselines.openpyxl_write_only),
            ("csv", "csv module", file_baselines.csv_module),
        ):
            ours = measure(f"casedu {fmt}, {count:,} rows",
                           lambda f=fmt: export(document, f, out / f"ours.{f}"), runs=runs,
                           memory=True)
            theirs = measure(f"{raw_name}, {count:,} rows",
                             lambda r=raw: r(table.columns, cells, out / "raw"), runs=runs,
                             memory=True)
            lines.append((f"staff overview → {fmt}", ours, theirs))
        small = max(1, count // 7)
        small_document = _first_rows(document, small)
        ours = measure(f"casedu ods, {small:,} rows",
                       lambda: export(small_document, "ods", out / "small.ods"), runs=runs,
                       memory=True)
        theirs = measure(f"odfpy, whole document in memory, {small:,} rows",
                         lambda: file_baselines.odfpy_document(table.columns, cells[:small],
                                                          out / "odf.ods"),
                         runs=1, memory=True)
        lines.append(("staff overview → ods (odfpy at a seventh of the rows)", ours, theirs))
        pdf_document, pdf_cells, columns = file_baselines.class_stats_document(pdf_rows)
        ours = measure(f"casedu pdf, {pdf_rows:,} rows",
                       lambda: export(pdf_document, "pdf", out / "ours.pdf"), runs=1,
                       memory=True)
        fitted = pdf_document.tables[0]
        for name, chunk in (("one Table", None), ("500-row Tables", 500)):
            theirs = measure(f"reportlab platypus, {name}, casedu's widths, {pdf_rows:,} rows",
                             lambda c=chunk: file_baselines.reportlab_table(
                                 columns, pdf_cells, out / "raw.pdf", c, fitted),
                             runs=1, memory=True)
            lines.append(("class statistics → pdf", ours, theirs))
    return lines


def _first_rows(document: Document, count: int) -> Document:
    table = document.tables[0]
    return Document(title=document.title, institute=document.institute, year=document.year,
                    blocks=(Table(columns=table.columns, rows=tuple(table.rows[:count])),),
                    orientation=document.orientation, footer=document.footer)


def bench_import(people: int, runs: int) -> list[Line]:
    from casedu.importers import plan_import
    from casedu.importers.reading import read_rows

    data = academy(people / 70_000)
    with tempfile.TemporaryDirectory() as folder:
        path = file_baselines.roster_xlsx(data, Path(folder) / "roster.xlsx")
        empty = Dataset(institutes=data.institutes, departments=data.departments)
        ours = measure(f"casedu import plan, {len(data.people):,} people",
                       lambda: plan_import("people", path, dataset=empty, accounts={},
                                           institute=data.institutes[0].code), runs=runs)
        reader = measure("casedu reading alone", lambda: sum(1 for _ in read_rows(path)),
                         runs=runs)
        theirs = measure("openpyxl read-only iteration",
                         lambda: file_baselines.openpyxl_read(path), runs=runs)
    return [("roster xlsx import (checked, compared)", ours, theirs),
            ("roster xlsx reading", reader, theirs)]


def bench_year_end(scale: float, runs: int) -> list[Line]:
    data = academy(scale)
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        ours = measure("casedu: every summary, screen and report, xlsx and pdf",
                       lambda: file_baselines.casedu_year_end(data, out / "casedu"), runs=runs)
        theirs = measure("pandas + openpyxl + reportlab script",
                         lambda: file_baselines.script_year_end(data, out / "script"), runs=runs)
    return [("the academy's year-end job", ours, theirs)]


def table(lines: list[Line]) -> str:
    out = ["| measurement | casedu | s | baseline | s | ratio | casedu MiB | baseline MiB |",
           "|---|---|---|---|---|---|---|---|"]
    for what, ours, theirs in lines:
        if theirs is None:
            out.append(f"| {what} | {ours.name} | {ours.seconds:.2f} | | | | | |")
            continue
        ratio = ours.seconds / theirs.seconds if theirs.seconds else float("nan")
        out.append(
            f"| {what} | {ours.name} | {ours.seconds:.2f} | {theirs.name} | "
            f"{theirs.seconds:.2f} | {ratio:.2f}× | {_mib(ours)} | {_mib(theirs)} |")
    return "\n".join(out)


def _mib(result: Result) -> str:
    return "" if result.peak_mib is None else f"{result.peak_mib:.0f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="a small academy (smoke test)")
    parser.add_argument("--only", choices=("figures", "exports", "import", "year-end", "xlsx",
                                           "loading", "startup", "pdf"),
                        action="append", help="run only these sections")
    parser.add_argument("--scale", type=float, action="append",
                        help="the academy's scales for the figures (default 0.1 and 1.0)")
    args = parser.parse_args(argv)
    from benchmarks.loading import main as loading_main
    from benchmarks.pdf import main as pdf_main
    from benchmarks.startup import main as startup_main
    from benchmarks.xlsx import main as xlsx_main

    printed: dict[str, Callable[[], object]] = {
        "xlsx": lambda: xlsx_main(["--people", "700" if args.quick else "70000",
                                   "--runs", "1" if args.quick else "3"]),
        "loading": lambda: loading_main(["--scale", "0.002" if args.quick else "1.0",
                                         "--runs", "1"]),
        "startup": lambda: startup_main(["--runs", "3" if args.quick else "21"]),
        "pdf": lambda: pdf_main(["--rows", "60" if args.quick else "10000",
                                 "--runs", "1" if args.quick else "3"]),
    }
    sections: dict[str, Callable[[], list[Line]]] = {
        "figures": lambda: bench_figures(
            args.scale or ([0.002, 0.01] if args.quick else [0.1, 1.0]), 1 if args.quick else 3),
        "exports": lambda: bench_exports(700 if args.quick else 70_000,
                                         100 if args.quick else 10_000, 1),
        "import": lambda: bench_import(700 if args.quick else 70_000, 1 if args.quick else 3),
        "year-end": lambda: bench_year_end(0.002 if args.quick else 0.1, 1),
    }
    print(f"# casedu benchmarks, {dt.date.today().isoformat()}, Python "
          f"{platform.python_version()}, {platform.machine()}, "
          f"{'quick' if args.quick else 'academy scale'}\n")
    for name, run in sections.items():
        if args.only and name not in args.only:
            continue
        print(f"## {name}\n")
        print(table(run()))
        print(flush=True)
    for name, run_printing in printed.items():
        if args.only and name not in args.only:
            continue
        print(f"## {name}\n", flush=True)
        run_printing()
        print(flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

