"""The academy's commands: the academy role (``grant``) and the roll-up (``rollup``).

``casedu grant`` is the one way besides the library (:meth:`casedu.services.Workflow.
grant_academy`) to make an account the academy admin (院级管理员): no page of the portal and no
dataset file gives that role.
"""

from __future__ import annotations

import argparse
from typing import Any

from casedu.cli.arguments import (
    EXIT_OK,
    Commands,
    add_output_format,
    add_target,
    path,
    policy_of,
    read_for_figures,
    year,
)
from casedu.cli.stores import store_options

__all__ = ["COMMANDS", "add_commands", "add_filters", "rollup_of"]

#: The commands this module adds, named without building their parsers (``casedu`` builds
#: the parsers of the group of the command it runs; a test holds the two equal).
COMMANDS = ("grant", "rollup")

#: The statuses ``--status`` takes (RollupStatus's values).
STATUSES = ("missing", "draft", "submitted")
#: The rates ``--below`` compares, by the name ``--rate`` takes.
RATE_NAMES = ("completion", "plan_execution", "backbone")

#: The roles ``casedu grant`` gives: the ones no institute may give.
GRANTED = {"academy": "院级管理员: reads every institute, changes nothing of theirs"}


def add_commands(commands: Commands) -> None:
    """Add the academy's commands to the ``casedu`` parser."""
    grant = commands.add("grant", "give an account the academy role (院级管理员)", _grant,
                         example=["casedu grant academy.casedu --username cas-office "
                                  "--role academy --institute IOP",
                                  "casedu grant academy.casedu --username cas-office "
                                  "--role academy --revoke"])
    add_target(grant, "workspace", "WORKSPACE", "the workspace file, or a database URL such "
               "as postgresql+psycopg://casedu@db/portal (env:NAME: the URL in an environment "
               "variable)")
    grant.add_argument("--username", required=True, metavar="NAME",
                       help="the account; made when it does not exist (then --institute)")
    grant.add_argument("--role", required=True, choices=sorted(GRANTED),
                       help="; ".join(f"{k}: {v}" for k, v in GRANTED.items()))
    grant.add_argument("--institute", metavar="CODE",
                       help="the home institute of an account made by the command")
    grant.add_argument("--revoke", action="store_true", help="take the role back")

    rollup = commands.add("rollup", "the academy's roll-up of a year (继续教育与培训工作汇总)",
                          _rollup,
                          example=["casedu rollup academy.casedu --year 2026",
                                   "casedu rollup academy.casedu --year 2026 --status draft "
                                   "--status missing",
                                   "casedu rollup --year 2026 --below 90% --format json"])
    add_target(rollup, "data", "DATA", "a dataset JSON file, a dataset workbook, a workspace, "
               "or a database URL (env:NAME: the URL in an environment variable)")
    rollup.add_argument("--year", required=True, type=year, metavar="Y",
                        help="the statistics year")
    add_filters(rollup)
    rollup.add_argument("--policy", type=path, metavar="FILE",
                        help="a TOML file of the rules' numbers that differ from the defaults "
                        "(docs/rules.md)")
    add_output_format(rollup)



def _grant(args: argparse.Namespace) -> int:
    from casedu.cli.acting import now
    from casedu.cli.stores import open_target
    from casedu.services import Workflow

    flow = Workflow(open_target(args), clock=now)
    account, password = flow.grant_academy(args.username, institute=args.institute,
                                           revoke=args.revoke)
    roles = ", ".join(g.role.value for g in account.grants)
    print(f"{account.username} ({account.institute}): {roles}")
    if password is not None:
        print(f"initial password (shown once; to change at the first login): {password}")
    return EXIT_OK


def add_filters(parser: argparse.ArgumentParser) -> None:
    """The roll-up's filters: ``--status`` (may repeat), ``--below`` and ``--rate``."""
    parser.add_argument("--status", action="append", choices=STATUSES, metavar="STATUS",
                        help="only the institutes whose summary is missing (未创建), draft "
                        "(草稿) or submitted (已提交); may repeat")
    parser.add_argument("--below", metavar="RATE",
                        help="only the institutes whose rate is below RATE (0.9 or 90%%)")
    parser.add_argument("--rate", choices=RATE_NAMES, default="completion",
                        help="the rate of --below: completion (职工完训率, the default), "
                        "plan_execution (年度计划执行率) or backbone (骨干人才完训率)")


def rollup_of(args: argparse.Namespace) -> Any:
    """The roll-up the arguments ask for, read from DATA (a workspace's or a database's year
    without the single trainings: one row a person of the kept sums, all its figures read)."""
    from casedu.metrics import academy_rollup

    policy = policy_of(args)
    dataset, hours = read_for_figures(args.data, args.year, policy,
                                      store=store_options(args, args.data), singles=False)
    return academy_rollup(dataset, args.year, policy=policy, hours=hours, status=args.status,
                          below=args.below, rate=f"{args.rate}_rate")


def _rollup(args: argparse.Namespace) -> int:
    from casedu.cli.output import print_json, render_table
    from casedu.quantities import hours_text, money_text, percent_text

    rollup = rollup_of(args)
    if args.format == "json":
        print_json(rollup.to_json())
        return EXIT_OK

    def cells(label: str, status: str, when: str, row: Any) -> list[str]:
        money = row.total_investment
        return [label, status, when, str(row.total_person_times),
                percent_text(row.plan_execution_rate),
                f"{row.completed_count}/{row.required_count}", percent_text(row.completion_rate),
                str(row.in_service_total),
                f"{row.backbone_reported}/{hours_text(row.backbone_quota)}",
                percent_text(row.backbone_rate),
                "—" if money is None else money_text(money, grouped=True),
                hours_text(row.total_hours),
                "—" if row.average_hours is None else str(row.average_hours)]

    rows = [cells(f"{r.institute} {r.name}", r.status.label,
                  r.submitted_on.isoformat() if r.submitted_on else "", r)
            for r in rollup.rows]
    totals = rollup.totals
    rows.append(cells(f"合计 {totals.institutes}", f"已提交 {totals.submitted}", "", totals))
    headers = ["研究所", "状态", "提交日期", "总人次", "计划执行率", "完成/需完成", "完训率",
               "在职", "骨干 上报/应报", "骨干完训率", "经费（元）", "总学时", "平均学时"]
    print(f"继续教育与培训工作汇总 {rollup.year}"
          f"（{len(rollup.rows)} / {rollup.institutes} 个研究所）")
    print(render_table(headers, rows, right=[False, False, False] + [True] * 10))
    if any(not r.submitted for r in rollup.rows):
        print("未创建、草稿: 当前数据，尚未提交")
    return EXIT_OK
