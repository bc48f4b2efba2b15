"""The admin's year-end work on a workspace: the review of external learning, the backbone
reports, the annual summary's steps, and the audit trail.

Each command is one operation of :class:`casedu.services.Workflow`, done by the institute admin
who owns the workspace (:mod:`casedu.cli.acting`), as a portal's page would do it.
"""

from __future__ import annotations

import argparse
from typing import Any

from casedu.cli.acting import acting_admin
from casedu.cli.arguments import EXIT_OK, Commands, add_people, add_workspace, count, year

__all__ = ["COMMANDS", "add_commands"]

#: The commands this module adds, named without building their parsers (``casedu`` builds
#: the parsers of the group of the command it runs; a test holds the two equal).
COMMANDS = (
    "pending", "review", "report-backbone", "revoke-backbone", "summary-create",
    "summary-refresh", "summary-submit", "summary-edit", "audit",
)


def add_commands(commands: Commands) -> None:
    """Add the year-end commands to the ``casedu`` parser."""
    add_workspace(commands.add("pending", "external learning awaiting review (外部学习审核)",
                               _pending, example="casedu pending iop.casedu"))

    review = commands.add("review", "approve or reject external learning", _review,
                          example=["casedu review iop.casedu EL-0042 --approve",
                                   "casedu review iop.casedu EL-0043 --reject 材料不全"])
    add_workspace(review)
    review.add_argument("record", metavar="ID")
    verdict = review.add_mutually_exclusive_group(required=True)
    verdict.add_argument("--approve", action="store_true")
    verdict.add_argument("--reject", metavar="REASON")

    for name, text, handler in (("report-backbone", "report backbone talents (上报)", _report),
                                ("revoke-backbone", "revoke backbone reports (撤销)", _revoke)):
        people_of_year = commands.add(name, text, handler,
                                      example=f"casedu {name} iop.casedu P0042 P0107 --year 2026")
        add_people(people_of_year)
        people_of_year.add_argument("--institute", metavar="CODE",
                                    help="the institute (needed when the workspace holds "
                                         "several)")
        people_of_year.add_argument("--year", required=True, type=year, metavar="Y")

    for step, text in (("create", "新建总结: a draft with the system figures"),
                       ("refresh", "刷新数据: recompute the figures of the draft"),
                       ("submit", "提交: freeze the summary")):
        summary_step = commands.add(f"summary-{step}", text, _summary_step,
                                    example=f"casedu summary-{step} iop.casedu --year 2026")
        add_workspace(summary_step)
        summary_step.add_argument("--year", required=True, type=year, metavar="Y")
        summary_step.set_defaults(step=step)

    edit = commands.add("summary-edit", "the two editable figures of the summary", _summary_edit,
                        example="casedu summary-edit iop.casedu --year 2026 "
                                "--investment 350000.00")
    add_workspace(edit)
    edit.add_argument("--year", required=True, type=year, metavar="Y")
    edit.add_argument("--investment", metavar="YUAN", help="单位投入总经费")
    times = edit.add_mutually_exclusive_group()
    times.add_argument("--person-times", type=count, metavar="N", help="单位培训总人次")
    times.add_argument("--system-person-times", action="store_true",
                       help="go back to the system's total person-times")

    audit = commands.add("audit", "the audit trail of a workspace", _audit,
                         example="casedu audit iop.casedu --outcome denied")
    add_workspace(audit)
    audit.add_argument("--action", metavar="NAME")
    audit.add_argument("--record", metavar="PREFIX", help="such as plans: or people:p0001")
    audit.add_argument("--outcome", choices=("done", "denied"),
                       help="only what was done, or only the attempts that were refused")


def _pending(args: argparse.Namespace) -> int:
    from casedu.cli.output import render_table
    from casedu.quantities import decimal_text

    _, flow, actor = acting_admin(args)
    records = flow.pending_external(actor)
    rows = [[r.id, r.person, r.category, r.title, r.start.isoformat(), decimal_text(r.hours)]
            for r in records]
    print(render_table(["id", "人员", "类别", "名称", "开始", "学时"], rows))
    print(f"{len(rows)} pending")
    return EXIT_OK


def _review(args: argparse.Namespace) -> int:
    _, flow, actor = acting_admin(args)
    if args.approve:
        record = flow.approve_external(actor, args.record)
    else:
        record = flow.reject_external(actor, args.record, args.reject)
    print(f"{record.id}: {record.status.value}")
    return EXIT_OK


def _report(args: argparse.Namespace) -> int:
    _, flow, actor = acting_admin(args)
    done = flow.report_backbone(actor, args.year, args.people)
    print(f"reported {len(done)}: {', '.join(done) or '(all were reported already)'}")
    return EXIT_OK


def _revoke(args: argparse.Namespace) -> int:
    _, flow, actor = acting_admin(args)
    done = flow.revoke_backbone(actor, args.year, args.people)
    print(f"revoked {len(done)}: {', '.join(done)}")
    return EXIT_OK


def _summary_step(args: argparse.Namespace) -> int:
    _, flow, actor = acting_admin(args)
    step = {"create": flow.create_summary, "refresh": flow.refresh_summary,
            "submit": flow.submit_summary}[args.step]
    summary = step(actor, args.year)
    print(f"summary {summary.institute} {summary.year}: {summary.status.value}")
    return EXIT_OK


def _summary_edit(args: argparse.Namespace) -> int:
    from casedu.quantities import parse_decimal

    changes: dict[str, Any] = {}
    if args.investment is not None:
        try:  # plain notation, as the dataset and the import templates write amounts
            changes["total_investment"] = parse_decimal(args.investment)
        except ValueError:
            from casedu import errors

            raise errors.InvalidValueError("not an amount of yuan such as 12000.50: "
                                           f"{errors.shown(args.investment)}",
                                           field="investment") from None
    _, flow, actor = acting_admin(args)
    if args.person_times is not None:
        changes["total_person_times"] = args.person_times
    if args.system_person_times:
        changes["total_person_times"] = None
    summary = flow.edit_summary(actor, args.year, **changes)
    figures = summary.figures or {}
    print(f"summary {summary.institute} {summary.year}: total person-times "
          f"{figures.get('total_person_times')}, investment {figures.get('total_investment')}")
    return EXIT_OK


def _audit(args: argparse.Namespace) -> int:
    from casedu.cli.output import render_table

    _, flow, actor = acting_admin(args)
    events = flow.audit_events(actor, action=args.action, record=args.record,
                               outcome=args.outcome)
    rows = [[str(e.sequence), e.at.isoformat(timespec="seconds"), e.actor,
             e.role.value if e.role else "", e.action, e.record,
             e.outcome if e.reason is None else f"{e.outcome}: {e.reason}"] for e in events]
    print(render_table(["#", "at", "who", "role", "action", "record", "outcome"], rows))
    return EXIT_OK
