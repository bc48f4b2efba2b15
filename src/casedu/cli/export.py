"""The commands that write reports: export, formats and demo."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from casedu.cli.academy import add_filters, rollup_of
from casedu.cli.arguments import (
    EXIT_OK,
    Commands,
    UsageError,
    add_scope,
    path,
    policy_of,
    read_data,
    refuse_overwrite,
    year,
)
from casedu.cli.stores import store_options
from casedu.errors import ExporterError
from casedu.progress import advance, task

#: The reports ``casedu export`` offers, as :data:`casedu.reports.REPORTS` names them (a test
#: holds the two equal; naming them here keeps the report modules out of ``--help``).
REPORT_NAMES = ("class-stats", "backbone", "summary", "staff-overview", "archive")
#: The academy's roll-up, of every institute (no --institute).
ROLLUP = "rollup"

__all__ = ["COMMANDS", "REPORT_NAMES", "add_commands"]

#: The commands this module adds, named without building their parsers (``casedu`` builds
#: the parsers of the group of the command it runs; a test holds the two equal).
COMMANDS = ("export", "formats", "demo")


def add_commands(commands: Commands) -> None:
    """Add the commands that write reports to the ``casedu`` parser."""
    export = commands.add("export", "write a report in a format", _export,
                          example=["casedu export class-stats iop.casedu --institute IOP "
                                   "--year 2026 --output 培训项目执行情况表.xlsx",
                                   "casedu export rollup academy.casedu --year 2026 "
                                   "--output 继续教育与培训工作汇总.pdf"])
    export.add_argument("report", metavar="REPORT", choices=(*REPORT_NAMES, ROLLUP),
                        help="one of: " + ", ".join(REPORT_NAMES) + "; rollup: the "
                        "academy's roll-up of every institute (no --institute; html links "
                        "each institute to its figures)")
    add_scope(export, several=True, institute=False)
    add_filters(export)
    export.add_argument("--department", metavar="ID",
                        help="staff-overview of one department only (管理范围内)")
    export.add_argument("--format", metavar="FMT", dest="fmt",
                        help="a registered format, in any case (see `casedu formats`); may be "
                        "left out when the output's suffix names it")
    export.add_argument("--output", required=True, type=path, metavar="PATH",
                        help="the file to write, or - for standard output")
    export.add_argument("--person", metavar="ID", help="the person (for the archive)")
    export.add_argument("--pdf-font", type=path, metavar="FILE",
                        help="a TrueType font with Chinese for PDF (.ttf or .ttc)")

    formats = commands.add("formats", "list the export formats found", _formats,
                           example="casedu formats --format json")
    formats.add_argument("--format", choices=("table", "json"), default="table",
                         help="a readable table (default) or JSON")

    demo = commands.add("demo", "write every report of a sample institute in every format",
                        _demo, example="casedu demo --output casedu-demo --year 2026")
    demo.add_argument("--output", type=path, default="casedu-demo", metavar="DIR",
                      help="the folder to write into (default: casedu-demo)")
    demo.add_argument("--year", type=year, default=2026, metavar="Y",
                      help="the sample's statistics year (default: 2026)")


def _export(args: argparse.Namespace) -> int:
    from casedu.cli.output import warn_if_empty
    from casedu.errors import FormatError
    from casedu.exporters import export
    from casedu.exporters.registry import format_for
    from casedu.reports import REPORTS, ReportContext, build_report

    to_stdout = str(args.output) == "-"
    try:  # export()'s own rule: the format given, or the one the output's suffix names
        args.fmt = format_for(None if to_stdout else args.output, args.fmt, option="--format")
    except FormatError as error:
        raise UsageError(str(error)) from None
    if args.report == ROLLUP:
        return _export_rollup(args, to_stdout)
    if args.institute is None:
        raise UsageError(f"the {args.report} report needs --institute CODE")
    if args.status or args.below is not None:
        raise UsageError("--status and --below are for the rollup report")
    kind = REPORTS[args.report]
    if kind.per_person and args.person is None:
        raise UsageError(f"the {args.report} report needs --person ID")
    if args.department is not None and args.report != "staff-overview":
        raise UsageError("--department is for the staff-overview report")
    if not to_stdout:
        refuse_overwrite(args.output, args.data)
    dataset = read_data(args.data, store=store_options(args, args.data))
    policy = policy_of(args)
    scopes = [(i, y) for i in dict.fromkeys(args.institute) for y in dict.fromkeys(args.year)]
    documents = []
    with task(f"building {args.report}", total=len(scopes), unit="reports"):
        for institute, statistics_year in scopes:
            context = ReportContext(dataset, institute, statistics_year, policy=policy,
                                    department=args.department)
            warn_if_empty(dataset, institute, statistics_year)
            documents.append(build_report(args.report, context, person=args.person))
            advance()
    if len(documents) > 1:
        return _export_several(args, documents, [f"{i} {y}" for i, y in scopes], kind.title,
                               to_stdout)
    document = documents[0]
    options = {"font": args.pdf_font} if args.fmt == "pdf" and args.pdf_font else {}
    if to_stdout:  # the bytes alone on standard output; the message where it cannot mix in
        sys.stdout.buffer.write(export(document, args.fmt, **options))
        sys.stdout.buffer.flush()
        print(f"wrote {kind.title} ({args.fmt}) to standard output", file=sys.stderr)
        return EXIT_OK
    path = export(document, args.fmt, args.output, **options)
    print(f"wrote {path} ({kind.title}, {args.fmt})")
    return EXIT_OK


def _export_rollup(args: argparse.Namespace, to_stdout: bool) -> int:
    """The academy's roll-up of one year; the html with each institute's figures, linked."""
    from casedu.exporters import export
    from casedu.reports import rollup_report

    if args.institute:
        raise UsageError("the rollup report is of every institute: leave out --institute")
    if len(args.year) > 1:
        raise UsageError("the rollup report is of one year: give --year once")
    if args.person or args.department:
        raise UsageError("--person and --department are not for the rollup report")
    if not to_stdout:
        refuse_overwrite(args.output, args.data)
    args.year = args.year[0]
    document = rollup_report(rollup_of(args), detail=args.fmt == "html")
    options = {"font": args.pdf_font} if args.fmt == "pdf" and args.pdf_font else {}
    if to_stdout:
        sys.stdout.buffer.write(export(document, args.fmt, **options))
        sys.stdout.buffer.flush()
        print(f"wrote {document.title} ({args.fmt}) to standard output", file=sys.stderr)
        return EXIT_OK
    path = export(document, args.fmt, args.output, **options)
    print(f"wrote {path} ({document.title}, {args.fmt}, {len(document.tables[0].rows)} "
          "institutes)")
    return EXIT_OK


def _export_several(args: argparse.Namespace, documents: list[Any], names: list[str],
                    title: str, to_stdout: bool) -> int:
    """Several institute-years in one workbook (a sheet each) or one PDF (a section each)."""
    from casedu.exporters import export_many

    try:
        if to_stdout:
            body = export_many(documents, args.fmt, names=names)
            assert isinstance(body, bytes)  # no target: the bytes
            sys.stdout.buffer.write(body)
            sys.stdout.buffer.flush()
            print(f"wrote {title} ({args.fmt}, {len(documents)} parts) to standard output",
                  file=sys.stderr)
            return EXIT_OK
        export_many(documents, args.fmt, args.output, names=names)
    except ExporterError as error:
        if "writes one report a file" in str(error):
            raise UsageError(str(error)) from None
        raise
    print(f"wrote {args.output} ({title}, {args.fmt}, {len(documents)} parts: "
          f"{', '.join(names)})")
    return EXIT_OK


def _formats(args: argparse.Namespace) -> int:
    from casedu.cli.output import print_json, render_table
    from casedu.exporters import formats

    found = formats()
    if args.format == "json":
        print_json([{"name": i.name, "provider": i.provider, "entry_point": i.target,
                     "usable": i.exporter is not None,
                     "suffix": i.exporter.suffix if i.exporter else None,
                     "media_type": i.exporter.media_type if i.exporter else None,
                     "description": i.exporter.description if i.exporter else None,
                     "error": i.error} for i in found])
        return EXIT_OK
    rows = []
    for info in found:
        if info.exporter is not None:
            rows.append([info.name, info.provider, info.exporter.description])
        else:
            rows.append([info.name, info.provider, f"BROKEN: {info.error}"])
    print(render_table(["format", "from", "description"], rows))
    return EXIT_OK


def _demo(args: argparse.Namespace) -> int:
    from casedu.demo import run_demo

    result = run_demo(args.output, year=args.year)
    for written in result.written:
        print(f"wrote {written}")
    for problem in result.skipped:
        print(f"skipped {problem}", file=sys.stderr)
    for notice in result.notices:
        print(f"note: {notice}", file=sys.stderr)
    print(f"{len(result.written)} files in {result.folder}/: the sample institute DEMO "
          f"({result.folder / 'dataset.json'}), every report in every format. Try: "
          f"casedu summary {result.folder / 'dataset.json'} --institute DEMO --year {args.year}")
    return EXIT_OK
