"""The commands on DATA (a dataset file, a workbook, a workspace or a database): validate,
summary, backbone and check."""

from __future__ import annotations

import argparse
import datetime as dt

from casedu.cli.arguments import (
    EXIT_BAD_DATA,
    EXIT_OK,
    EXIT_UNREADABLE,
    EXIT_USAGE,
    UNREADABLE,
    Commands,
    UsageError,
    add_output_format,
    add_scope,
    add_target,
    date,
    policy_of,
    read_data,
    read_for_figures,
    shown,
)
from casedu.cli.stores import store_options
from casedu.errors import UnknownRecordError

__all__ = ["CHECK_STATUSES", "COMMANDS", "add_commands"]

#: The commands this module adds, named without building their parsers (``casedu`` builds
#: the parsers of the group of the command it runs; a test holds the two equal).
COMMANDS = ("validate", "summary", "backbone", "check")

#: ``casedu check``'s exit statuses, one for each outcome (as ruff, mypy and pytest give), so
#: that a script tells a year with problems from data it could not read.
CHECK_STATUSES = (
    (EXIT_OK, "nothing to fix"),
    (EXIT_BAD_DATA, "something to fix: each finding is printed"),
    (EXIT_USAGE, "bad usage of the command"),
    (EXIT_UNREADABLE, UNREADABLE + " (a file missing or refused, an unknown institute): the "
                      "message says why"),
)


def add_commands(commands: Commands) -> None:
    """Add the commands on DATA to the ``casedu`` parser."""
    validate = commands.add("validate", "check a dataset file and count its records", _validate,
                            example="casedu validate iop-2026.json")
    add_target(validate, "data", "DATA", "a dataset JSON file, a workbook, a workspace or a "
               "database URL")

    summary = commands.add("summary", "the annual summary figures (年度培训总结)", _summary,
                           example="casedu summary iop.casedu --institute IOP --year 2026 "
                                   "--format json")
    add_scope(summary)
    add_output_format(summary)

    backbone = commands.add("backbone", "the backbone-talent screen (骨干人才筛选)", _backbone,
                            example="casedu backbone iop.casedu --institute IOP --year 2026 "
                                    "--person P0042")
    add_scope(backbone)
    add_output_format(backbone)
    backbone.add_argument("--person", metavar="ID",
                          help="one person's figures and why they are or are not eligible")

    check = commands.add("check", "what to fix before submitting the year", _check,
                         example=["casedu check iop.casedu --institute IOP --year 2026 "
                                  "--today 2026-12-31",
                                  "casedu check academy.casedu --academy --year 2026"],
                         statuses=CHECK_STATUSES)
    add_scope(check, institute=False)
    check.add_argument("--academy", action="store_true",
                       help="every institute instead of one: which have not submitted the "
                       "year's summary, and whose submitted summary no longer matches its data")
    check.add_argument("--today", type=date, default=None, metavar="YYYY-MM-DD",
                       help="the date that decides which plans are overdue (default: today)")


def _validate(args: argparse.Namespace) -> int:
    dataset = read_data(args.data, store=store_options(args, args.data))
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


def _summary(args: argparse.Namespace) -> int:
    from casedu.cli import output
    from casedu.metrics import annual_figures
    from casedu.model import FIGURE_KEYS

    policy = policy_of(args)
    dataset, hours = read_for_figures(args.data, args.year, policy, args.institute,
                                      store=store_options(args, args.data), singles=False)
    figures = annual_figures(dataset, args.institute, args.year, hours=hours, policy=policy)
    output.warn_if_empty_hours(dataset, args.institute, args.year, hours)
    summary = dataset.summary(args.institute, args.year)
    if summary is not None and summary.submitted and summary.figures is not None:
        # A submitted summary is frozen: later data changes do not alter it.
        if args.format == "json":  # the pinned keys (not the counts kept beside them)
            output.print_json({key: summary.figures[key] for key in FIGURE_KEYS})
        else:
            print(output.frozen_summary_table(dataset, summary, policy))
        return EXIT_OK
    if args.format == "json":
        output.print_json(figures.to_json())
    else:
        print(output.summary_table(dataset, figures))
    return EXIT_OK


def _backbone(args: argparse.Namespace) -> int:
    from casedu.cli import output
    from casedu.metrics import screen_backbone

    policy = policy_of(args)
    dataset, hours = read_for_figures(args.data, args.year, policy, args.institute,
                                      store=store_options(args, args.data))
    screen = screen_backbone(dataset, args.institute, args.year, hours=hours, policy=policy)
    output.warn_if_empty_hours(dataset, args.institute, args.year, hours)
    if args.person is not None:
        candidate = screen.candidate(args.person)
        if candidate is None:
            dataset.person(args.person)  # an unknown person is named as such
            raise UnknownRecordError(
                f"person {args.person!r} is not on the roster of {args.institute!r}"
            )
        if args.format == "json":
            output.print_json(output.candidate_json(candidate))
        else:
            print(output.candidate_text(candidate, screen))
        return EXIT_OK
    if args.format == "json":
        output.print_json({"eligible": [output.eligible_json(c) for c in screen.eligible]})
    else:
        print(output.screen_table(dataset, screen))
    return EXIT_OK


def _check(args: argparse.Namespace) -> int:
    from casedu.cli.output import warn_if_empty
    from casedu.metrics import check_year

    if args.academy == (args.institute is not None):
        raise UsageError("name one institute (--institute CODE) or every one (--academy)")
    if args.academy:
        return _check_academy(args)
    dataset = read_data(args.data, store=store_options(args, args.data))
    today = args.today or dt.date.today()
    findings = check_year(dataset, args.institute, args.year, today=today,
                          policy=policy_of(args))
    warn_if_empty(dataset, args.institute, args.year)
    if not findings:
        print(f"{args.institute} {args.year}: nothing to fix")
        return EXIT_OK
    for finding in findings:
        print(finding)
    print(f"{args.institute} {args.year}: {len(findings)} thing(s) to fix")
    return EXIT_BAD_DATA


def _check_academy(args: argparse.Namespace) -> int:
    from casedu.metrics import check_academy

    policy = policy_of(args)
    dataset, hours = read_for_figures(args.data, args.year, policy,
                                      store=store_options(args, args.data), singles=False)
    findings = check_academy(dataset, args.year, policy=policy, hours=hours)
    count = len(dataset.institutes)
    if not findings:
        print(f"academy {args.year}: all {count} institutes submitted, every summary matches "
              "its data")
        return EXIT_OK
    for finding in findings:
        print(finding)
    print(f"academy {args.year}: {len(findings)} of {count} institutes to follow up")
    return EXIT_BAD_DATA
