"""The ``casedu`` command: a thin shell over the library for administrators (SPEC section 7).

Exit status: 0 success, 1 bad data (the message names the file, the place and the field),
2 bad usage. A user's mistake never prints a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys

from casedu.errors import CaseduError, ExporterError, UnknownRecordError

# ``casedu --help`` imports argparse and this module, and builds the parser of the command it
# runs (the others by name and help): each command imports the figures, the readers, the
# writers, even pathlib and datetime, when it runs (docs/performance.md, "Start-up").
# ``TYPE_CHECKING`` is spelt out so that the typing module stays out of it too.
TYPE_CHECKING = False
if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Callable, Collection, Iterator, Sequence
    from pathlib import Path
    from typing import Any

    from casedu.metrics import YearHours
    from casedu.model import Dataset
    from casedu.policy import Policy

    Handler = Callable[[argparse.Namespace], int]

#: The reports ``casedu export`` offers, as :data:`casedu.reports.REPORTS` names them (a test
#: holds the two equal; naming them here keeps the report modules out of ``--help``).
REPORT_NAMES = ("class-stats", "backbone", "summary", "staff-overview", "archive")

__all__ = ["main"]

EXIT_OK = 0
EXIT_BAD_DATA = 1
EXIT_USAGE = 2


class UsageError(Exception):
    """A mistake in how the command was called (exit 2)."""


def location(text: str) -> Path | str:
    """A WORKSPACE or DATA argument: a file, or a database URL (``postgresql+psycopg://…``);
    ``env:NAME`` takes the URL from the environment variable NAME, so that a password stays
    off the command line (and out of ``ps``)."""
    if text.startswith("env:"):
        name = text[4:]
        value = os.environ.get(name, "")
        if not name or not value:
            raise argparse.ArgumentTypeError(f"{text}: the environment variable {name or '?'} "
                                             "holds no database URL")
        return value
    return text if "://" in text else path(text)


def path(text: str) -> Path:
    """A file argument (argparse's ``type``, importing pathlib when a command runs)."""
    from pathlib import Path

    return Path(text)


def shown(target: Path | str) -> str:
    """A WORKSPACE or DATA as messages show it: a URL without its password."""
    if not isinstance(target, str):
        return str(target)
    from casedu.store import safe_url

    return safe_url(target)


def refuse_overwrite(output: Path, *inputs: Path | str) -> None:
    """No command writes over one of its inputs (``dump ws --output ws``)."""
    from casedu.files import same_file

    for given in inputs:
        if not isinstance(given, str) and same_file(output, given):
            raise UsageError(f"--output {output} is {given}, an input of this command: "
                             "write to another file")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default ``sys.argv[1:]``) and return the exit status."""
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = _parser(argv)
    args = parser.parse_args(argv)
    handler: Handler = args.handler
    try:
        return handler(args)
    except UsageError as error:
        parser.print_usage(sys.stderr)
        print(f"casedu: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except CaseduError as error:
        print(f"casedu: {error}", file=sys.stderr)
        return EXIT_BAD_DATA
    except OSError as error:  # a folder that does not exist, a file that cannot be written
        where = f"{error.filename}: " if error.filename else ""
        print(f"casedu: {where}{error.strerror or error}", file=sys.stderr)
        return EXIT_BAD_DATA
    except KeyboardInterrupt:
        print("casedu: interrupted", file=sys.stderr)
        return 130


EPILOG = """\
examples:
  casedu demo                                          a sample institute, every report
  casedu summary data.json --institute IOP --year 2026
  casedu backbone iop.casedu --institute IOP --year 2026 --person p0001
  casedu export class-stats data.json --institute IOP --year 2026 --output 培训项目.pdf
  casedu export summary data.json --institute IOP --year 2026 --format json --output -
  casedu init iop.casedu --from data.json && casedu import iop.casedu people 名单.xlsx

exit status:
  0  success
  1  bad data: the message names the file, the place and the field
  2  bad usage of the command

shell completion:
  casedu --print-completion bash > /etc/bash_completion.d/casedu   (or zsh, tcsh)
"""


class _Version(argparse.Action):
    """``--version``, looking the version up only when asked (it reads installed metadata)."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: object, option_string: str | None = None) -> None:
        import casedu

        print(f"casedu {casedu.__version__}")
        parser.exit()


_SHELLS = ("bash", "zsh", "tcsh")


class _Completion(argparse.Action):
    """``--print-completion SHELL``: shtab writes the script, imported only when asked."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: object, option_string: str | None = None) -> None:
        import shtab

        print(shtab.complete(_parser(), str(values)))  # every command, built in full
        parser.exit()


class Commands:
    """The commands of the ``casedu`` parser (argparse's subparsers), of which only those named
    on the command line are built in full; the others get their name and help, which is all
    that ``casedu --help`` and a misspelt command show."""

    def __init__(self, subparsers: Any, wanted: Collection[str] | None) -> None:
        self._subparsers = subparsers
        self._wanted = wanted

    def add(self, name: str, help_text: str, handler: Handler,
            build: Callable[[argparse.ArgumentParser], None]) -> None:
        """The command ``name``: ``build(parser)`` adds its arguments when it is wanted (an
        unwanted one parses nothing, so it is made without even its ``--help``)."""
        wanted = self._wanted is None or name in self._wanted
        parser = self._subparsers.add_parser(name, help=help_text, add_help=wanted)
        parser.set_defaults(handler=handler)
        if wanted:
            build(parser)


def _parser(argv: Collection[str] | None = None) -> argparse.ArgumentParser:
    """The ``casedu`` parser, with the commands named in ``argv`` built in full (every one
    when ``argv`` is None: for shell completion and the documentation)."""
    parser = argparse.ArgumentParser(
        prog="casedu",
        description="Training statistics of the CAS continuing-education portal "
        "(中国科学院继续教育网统计).",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action=_Version, nargs=0,
                        help="show the installed version and exit")
    parser.add_argument("--print-completion", action=_Completion, choices=_SHELLS,
                        metavar="{bash,zsh,tcsh}", help="print a shell completion script "
                        "(bash, zsh or tcsh) and exit")
    commands = Commands(parser.add_subparsers(title="commands", metavar="COMMAND",
                                              required=True), argv)
    commands.add("validate", "check a dataset file and count its records", _validate,
                 _validate_arguments)
    commands.add("summary", "the annual summary figures (年度培训总结)", _summary,
                 _summary_arguments)
    commands.add("backbone", "the backbone-talent screen (骨干人才筛选)", _backbone,
                 _backbone_arguments)
    commands.add("check", "what to fix before submitting the year", _check, _check_arguments)
    commands.add("export", "write a report in a format", _export, _export_arguments)
    commands.add("formats", "list the export formats found", _formats, _formats_arguments)
    commands.add("demo", "write every report of a sample institute in every format", _demo,
                 _demo_arguments)

    from casedu.cli.workspace import add_workspace_commands

    add_workspace_commands(commands, _year)
    return parser


def _validate_arguments(validate: argparse.ArgumentParser) -> None:
    validate.add_argument("data", metavar="DATA", type=location, help="a dataset JSON file")


def _summary_arguments(summary: argparse.ArgumentParser) -> None:
    _add_scope(summary)
    _add_output_format(summary)


def _backbone_arguments(backbone: argparse.ArgumentParser) -> None:
    _add_scope(backbone)
    _add_output_format(backbone)
    backbone.add_argument("--person", metavar="ID",
                          help="one person's figures and why they are or are not eligible")


def _check_arguments(check: argparse.ArgumentParser) -> None:
    _add_scope(check)
    check.add_argument("--today", type=_date, default=None, metavar="YYYY-MM-DD",
                       help="the date that decides which plans are overdue (default: today)")


def _export_arguments(export: argparse.ArgumentParser) -> None:
    export.add_argument("report", metavar="REPORT", choices=REPORT_NAMES,
                        help="one of: " + ", ".join(REPORT_NAMES))
    _add_scope(export, several=True)
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


def _formats_arguments(formats_command: argparse.ArgumentParser) -> None:
    formats_command.add_argument("--format", choices=("table", "json"), default="table",
                                 help="a readable table (default) or JSON")


def _demo_arguments(demo: argparse.ArgumentParser) -> None:
    demo.add_argument("--output", type=path, default="casedu-demo", metavar="DIR",
                      help="the folder to write into (default: casedu-demo)")
    demo.add_argument("--year", type=_year, default=2026, metavar="Y",
                      help="the sample's statistics year (default: 2026)")


def _add_scope(command: argparse.ArgumentParser, *, several: bool = False) -> None:
    command.add_argument("data", metavar="DATA", type=location,
                         help="a dataset JSON file, a dataset workbook, a workspace, or a "
                              "database URL (env:NAME: the URL in an environment variable)")
    again = " (may repeat: every institute-year in one file)" if several else ""
    command.add_argument("--institute", required=True, metavar="CODE",
                         action="append" if several else "store",
                         help="the institute's code (所级简称), such as IOP" + again)
    command.add_argument("--year", required=True, type=_year, metavar="Y",
                         action="append" if several else "store",
                         help="the statistics year" + again)
    command.add_argument("--policy", type=path, metavar="FILE",
                         help="a TOML file of the rules' numbers that differ from the "
                         "defaults (docs/rules.md)")


def _policy(args: argparse.Namespace) -> Policy:
    from casedu.policy import DEFAULT_POLICY, Policy

    return Policy.from_file(args.policy) if args.policy else DEFAULT_POLICY


def _add_output_format(command: argparse.ArgumentParser) -> None:
    command.add_argument("--format", choices=("table", "json"), default="table",
                         help="a readable table (default) or the pinned JSON")


def _year(text: str) -> int:
    try:
        year = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a year: {text!r}") from None
    if not 1900 <= year <= 9999:
        raise argparse.ArgumentTypeError(f"not a year: {text!r}")
    return year


def _date(text: str) -> dt.date:
    import datetime as dt

    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date as YYYY-MM-DD: {text!r}") from None


def read_for_figures(path: Path | str, year: int, policy: Policy | None = None,
                     institute: str | None = None) -> tuple[Dataset, YearHours | None]:
    """The DATA of ``summary`` and ``backbone``: a workspace or database gives its roster and
    sums the year's hours itself (of ``institute``'s people, when given); a dataset file is
    read whole."""
    from casedu.policy import DEFAULT_POLICY

    policy = DEFAULT_POLICY if policy is None else policy
    if not isinstance(path, str) and _is_workspace(path):
        from casedu.store.reading import workspace_figures

        found = workspace_figures(path, year, policy=policy, institute=institute)
        if found is not None:
            return found
    if _is_workspace(path):
        from casedu.store import open_store

        store = open_store(path)
        return (store.roster(institute),
                store.year_hours(year, policy=policy, institute=institute))
    return read_data(path), None


def _is_workspace(path: Path | str) -> bool:
    if isinstance(path, str):  # a database URL
        return True
    try:
        with path.open("rb") as stream:
            return stream.read(16) == b"SQLite format 3\x00"
    except OSError:
        return False


def read_data(path: Path | str) -> Dataset:
    """Load the DATA argument of a command: a dataset JSON file, a workbook in the import
    templates' columns (xlsx or ods, see ``casedu template workbook``), a workspace, or a
    database URL."""
    if _is_workspace(path):
        from casedu.store import open_store

        return open_store(path).state().dataset
    assert not isinstance(path, str)
    if path.suffix.lower() in (".xlsx", ".ods"):
        from casedu.importers.workbook import read_workbook

        return read_workbook(path)
    from casedu.dataset import load_dataset

    return load_dataset(path)


def _validate(args: argparse.Namespace) -> int:
    dataset = read_data(args.data)
    counts = [
        (len(dataset.institutes), "institute", "institutes"),
        (len(dataset.departments), "department", "departments"),
        (len(dataset.people), "person", "people"),
        (len(dataset.plans), "plan", "plans"),
        (len(dataset.attendance), "attendance record", "attendance records"),
        (len(dataset.external_learning), "external-learning record", "external-learning records"),
        (len(dataset.online_learning), "online-learning record", "online-learning records"),
        (len(dataset.backbone_reports), "backbone report", "backbone reports"),
        (len(dataset.summaries), "summary", "summaries"),
    ]
    parts = ", ".join(f"{n} {one if n == 1 else many}" for n, one, many in counts)
    print(f"{shown(args.data)}: valid: {parts}")
    return EXIT_OK


def _print_json(value: object) -> None:
    import json

    print(json.dumps(value, ensure_ascii=False, indent=2))


def _summary(args: argparse.Namespace) -> int:
    from casedu.cli import output
    from casedu.metrics import annual_figures

    policy = _policy(args)
    dataset, hours = read_for_figures(args.data, args.year, policy, args.institute)
    figures = annual_figures(dataset, args.institute, args.year, hours=hours, policy=policy)
    _warn_if_empty_hours(dataset, args.institute, args.year, hours)
    summary = dataset.summary(args.institute, args.year)
    if summary is not None and summary.submitted and summary.figures is not None:
        # A submitted summary is frozen: later data changes do not alter it.
        if args.format == "json":
            _print_json(summary.figures)
        else:
            print(output.frozen_summary_table(dataset, summary, policy))
        return EXIT_OK
    if args.format == "json":
        _print_json(figures.to_json())
    else:
        print(output.summary_table(dataset, figures))
    return EXIT_OK


def _backbone(args: argparse.Namespace) -> int:
    from casedu.cli import output
    from casedu.metrics import screen_backbone

    policy = _policy(args)
    dataset, hours = read_for_figures(args.data, args.year, policy, args.institute)
    screen = screen_backbone(dataset, args.institute, args.year, hours=hours, policy=policy)
    _warn_if_empty_hours(dataset, args.institute, args.year, hours)
    if args.person is not None:
        candidate = screen.candidate(args.person)
        if candidate is None:
            dataset.person(args.person)  # an unknown person is named as such
            raise UnknownRecordError(
                f"person {args.person!r} is not on the roster of {args.institute!r}"
            )
        if args.format == "json":
            _print_json(output.candidate_json(candidate))
        else:
            print(output.candidate_text(candidate, screen))
        return EXIT_OK
    if args.format == "json":
        _print_json({"eligible": [output.eligible_json(c) for c in screen.eligible]})
    else:
        print(output.screen_table(dataset, screen))
    return EXIT_OK


def _check(args: argparse.Namespace) -> int:
    import datetime as dt

    from casedu.metrics import check_year

    dataset = read_data(args.data)
    today = args.today or dt.date.today()
    findings = check_year(dataset, args.institute, args.year, today=today,
                          policy=_policy(args))
    _warn_if_empty(dataset, args.institute, args.year)
    if not findings:
        print(f"{args.institute} {args.year}: nothing to fix")
        return EXIT_OK
    for finding in findings:
        print(finding)
    print(f"{args.institute} {args.year}: {len(findings)} thing(s) to fix")
    return EXIT_BAD_DATA


def _export(args: argparse.Namespace) -> int:
    from casedu.exporters import export, exporter_names
    from casedu.exporters.registry import format_of_suffix, usable_names
    from casedu.reports import REPORTS, ReportContext, build_report

    to_stdout = str(args.output) == "-"
    implied = None if to_stdout else format_of_suffix(args.output)
    fmt = args.fmt.lower() if args.fmt else implied
    if fmt is None:
        raise UsageError(f"--format is needed: {args.output} does not name a format by its "
                         f"suffix (the formats are {', '.join(usable_names())})")
    if implied is not None and implied != fmt:
        raise UsageError(f"--format {fmt}, but --output {args.output} names {implied}: use a "
                         f".{fmt} file, or --format {implied}")
    if fmt not in exporter_names():
        raise UsageError(f"no format {fmt!r}; the formats are {', '.join(usable_names())}")
    args.fmt = fmt
    kind = REPORTS[args.report]
    if kind.per_person and args.person is None:
        raise UsageError(f"the {args.report} report needs --person ID")
    if args.department is not None and args.report != "staff-overview":
        raise UsageError("--department is for the staff-overview report")
    if not to_stdout:
        refuse_overwrite(args.output, args.data)
    dataset = read_data(args.data)
    policy = _policy(args)
    scopes = [(i, y) for i in dict.fromkeys(args.institute) for y in dict.fromkeys(args.year)]
    documents = []
    for institute, year in scopes:
        context = ReportContext(dataset, institute, year, policy=policy,
                                department=args.department)
        _warn_if_empty(dataset, institute, year)
        documents.append(build_report(args.report, context, person=args.person))
    if len(documents) > 1:
        return _export_several(args, documents, [f"{i} {y}" for i, y in scopes], kind.title,
                               to_stdout)
    document = documents[0]
    options = {"font": args.pdf_font} if args.fmt == "pdf" and args.pdf_font else {}
    if sys.stderr.isatty():  # a long export says what it is doing; a pipe stays quiet
        rows = sum(len(t.rows) for t in document.tables)
        print(f"writing {args.output} ({rows} rows)…", file=sys.stderr, flush=True)
    if to_stdout:  # the bytes alone on standard output; the message where it cannot mix in
        sys.stdout.buffer.write(export(document, args.fmt, **options))
        sys.stdout.buffer.flush()
        print(f"wrote {kind.title} ({args.fmt}) to standard output", file=sys.stderr)
        return EXIT_OK
    path = export(document, args.fmt, args.output, **options)
    print(f"wrote {path} ({kind.title}, {args.fmt})")
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
    from casedu.console import render_table
    from casedu.exporters import formats

    found = formats()
    if args.format == "json":
        _print_json([{"name": i.name, "provider": i.provider, "entry_point": i.target,
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


def _warn_if_empty_hours(dataset: Dataset, institute: str, year: int,
                        hours: YearHours | None) -> None:
    """As :func:`_warn_if_empty`; a workspace's roster holds no records, its sums tell."""
    if hours is None:
        _warn_if_empty(dataset, institute, year)
        return
    people = {p.id for p in dataset.people_by_institute.get(institute, ())}
    plans = any(p.actual_start.year == year for p in dataset.plans_by_institute.get(institute, ()))
    if not plans and not any(p in hours.by_person for p in people):
        print(f"warning: {institute} has no plans and no learning records in {year}: is the "
              "year right?", file=sys.stderr)


def _warn_if_empty(dataset: Dataset, institute: str, year: int) -> None:
    """A year with nothing in it is most often a mistyped year: say so (the figures stand)."""
    if any(True for _ in _records_of(dataset, institute, year)):
        return
    print(f"warning: {institute} has no plans and no learning records in {year}: is the year "
          "right?", file=sys.stderr)


def _records_of(dataset: Dataset, institute: str, year: int) -> Iterator[object]:
    people = {p.id for p in dataset.people_by_institute.get(institute, ())}
    yield from (p for p in dataset.plans_by_institute.get(institute, ())
                if p.actual_start.year == year or p.actual_end.year == year)
    yield from (r for r in dataset.external_learning
                if r.person in people and year in (r.start.year, r.end.year))
    yield from (r for r in dataset.online_learning if r.person in people and r.date.year == year)


def _demo(args: argparse.Namespace) -> int:
    from casedu.demo import run_demo

    result = run_demo(args.output, year=args.year)
    for path in result.written:
        print(f"wrote {path}")
    for problem in result.skipped:
        print(f"skipped {problem}", file=sys.stderr)
    for notice in result.notices:
        print(f"note: {notice}", file=sys.stderr)
    print(f"{len(result.written)} files in {result.folder}/: the sample institute DEMO "
          f"({result.folder / 'dataset.json'}), every report in every format. Try: "
          f"casedu summary {result.folder / 'dataset.json'} --institute DEMO --year {args.year}")
    return EXIT_OK
