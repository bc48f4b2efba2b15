"""The workspace commands: init, import, dump, backup, template, and the admin's year-end work.

They act for the institute admin who owns the workspace file; the audit names the operating-system
user (``cli:<user>@<CODE>``).
"""

from __future__ import annotations

import argparse
import sys

from casedu.cli import TYPE_CHECKING, location, path, refuse_overwrite, shown
from casedu.errors import ConflictError, UnknownRecordError, WorkspaceError

# As in casedu.cli: ``casedu --help`` registers these commands by name, so the module imports
# what its commands use when they run.
if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Callable
    from typing import Any

    from casedu.cli import Commands
    from casedu.services import Actor, Workflow
    from casedu.store import SqlStore

#: The spreadsheet imports, as :data:`casedu.importers.KINDS` names them (a test holds the two
#: equal; naming them here keeps the readers out of ``casedu --help``).
IMPORT_KINDS = ("people", "plans", "attendees", "external", "online")

__all__ = ["add_workspace_commands"]


def add_workspace_commands(commands: Commands, year_type: Callable[[str], int]) -> None:
    """Register the workspace commands on the ``casedu`` parser."""

    def workspace(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("workspace", metavar="WORKSPACE", type=location,
                            help="the workspace file, or a database URL such as "
                                 "postgresql+psycopg://casedu@db/portal (env:NAME: the URL in "
                                 "an environment variable, e.g. env:CASEDU_DATABASE_URL)")
        parser.add_argument("--institute", metavar="CODE",
                            help="the institute (needed when the workspace holds several)")

    def init(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("workspace", metavar="WORKSPACE", type=location,
                            help="a new workspace file, or a database URL whose casedu tables "
                                 "are made (env:NAME: the URL in an environment variable)")
        parser.add_argument("--from", dest="source", type=path, metavar="DATASET",
                            help="a dataset JSON file to fill it with")

    commands.add("init", "make a workspace, empty or from a dataset", _init, init)

    def imp(parser: argparse.ArgumentParser) -> None:
        kinds = (*IMPORT_KINDS, "xapi")
        workspace(parser)
        parser.add_argument("kind", metavar="KIND", choices=kinds,
                            help="one of: " + ", ".join(kinds))
        parser.add_argument("file", metavar="FILE", type=path)
        parser.add_argument("--plan", metavar="ID", help="the class, for attendees")
        parser.add_argument("--dry-run", action="store_true",
                            help="show what would be added, updated or left unchanged; "
                                 "change nothing")

    commands.add("import", "bring a spreadsheet (or xAPI statements) into a workspace",
                 _import, imp)

    def dump(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("workspace", metavar="WORKSPACE", type=location,
                            help="a workspace file or a database URL (env:NAME)")
        parser.add_argument("--output", required=True, type=path, metavar="DATASET")

    commands.add("dump", "write a workspace as a dataset JSON file", _dump, dump)

    def backup(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("workspace", metavar="WORKSPACE", type=location,
                            help="a workspace file (a database server is backed up with its "
                                 "own tools)")
        parser.add_argument("--output", required=True, type=path, metavar="FILE")

    commands.add("backup", "a consistent copy of a workspace", _backup, backup)

    def template(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("kind", metavar="KIND", choices=(*IMPORT_KINDS, "workbook"),
                            help="one of: " + ", ".join((*IMPORT_KINDS, "workbook")) + " (a "
                            "whole dataset, usable as DATA)")
        parser.add_argument("--output", required=True, type=path, metavar="FILE",
                            help="FILE.xlsx, FILE.ods or FILE.csv")

    commands.add("template", "an empty import template with instructions", _template, template)
    commands.add("pending", "external learning awaiting review (外部学习审核)", _pending,
                 workspace)

    def review(parser: argparse.ArgumentParser) -> None:
        workspace(parser)
        parser.add_argument("record", metavar="ID")
        verdict = parser.add_mutually_exclusive_group(required=True)
        verdict.add_argument("--approve", action="store_true")
        verdict.add_argument("--reject", metavar="REASON")

    commands.add("review", "approve or reject external learning", _review, review)

    def people_of_year(parser: argparse.ArgumentParser) -> None:
        workspace(parser)
        parser.add_argument("--year", required=True, type=year_type, metavar="Y")
        parser.add_argument("people", metavar="PERSON", nargs="+")

    commands.add("report-backbone", "report backbone talents (上报)", _report, people_of_year)
    commands.add("revoke-backbone", "revoke backbone reports (撤销)", _revoke, people_of_year)

    for name, text in (("create", "新建总结: a draft with the system figures"),
                       ("refresh", "刷新数据: recompute the figures of the draft"),
                       ("submit", "提交: freeze the summary")):

        def step(parser: argparse.ArgumentParser, name: str = name) -> None:
            workspace(parser)
            parser.add_argument("--year", required=True, type=year_type, metavar="Y")
            parser.set_defaults(step=name)

        commands.add(f"summary-{name}", text, _summary_step, step)

    def edit(parser: argparse.ArgumentParser) -> None:
        workspace(parser)
        parser.add_argument("--year", required=True, type=year_type, metavar="Y")
        parser.add_argument("--investment", metavar="YUAN", help="单位投入总经费")
        times = parser.add_mutually_exclusive_group()
        times.add_argument("--person-times", type=int, metavar="N", help="单位培训总人次")
        times.add_argument("--system-person-times", action="store_true",
                           help="go back to the system's total person-times")

    commands.add("summary-edit", "the two editable figures of the summary", _summary_edit, edit)

    def audit(parser: argparse.ArgumentParser) -> None:
        workspace(parser)
        parser.add_argument("--action", metavar="NAME")
        parser.add_argument("--record", metavar="PREFIX", help="such as plans: or people:p0001")
        parser.add_argument("--outcome", choices=("done", "denied"),
                            help="only what was done, or only the attempts that were refused")

    commands.add("audit", "the audit trail of a workspace", _audit, audit)


# -- the acting admin --------------------------------------------------------------------------


def now() -> dt.datetime:
    """The time of the commands' audit events and dates (UTC)."""
    import datetime as dt

    return dt.datetime.now(dt.UTC)


def _session(args: argparse.Namespace) -> tuple[SqlStore, Workflow, Actor]:
    from casedu.services import Workflow
    from casedu.store import open_store

    store = open_store(args.workspace)
    flow = Workflow(store, clock=now)
    institute = args.institute or _only_institute(store)
    return store, flow, _cli_actor(store, flow, institute)


def _only_institute(store: SqlStore) -> str:
    codes: list[str] = [i.code for i in store.find("institutes", limit=20)]
    if len(codes) != 1:
        raise UnknownRecordError(
            f"the workspace holds {len(codes)} institutes ({', '.join(codes) or 'none'}): "
            "name one with --institute CODE")
    return codes[0]


def _cli_actor(store: SqlStore, flow: Workflow, institute: str) -> Actor:
    """The operating-system user, acting as the institute's admin."""
    from casedu.model import Account, Role, RoleGrant
    from casedu.services import Actor
    from casedu.services.unit_of_work import UnitOfWork

    if store.get("institutes", (institute,)) is None:
        raise UnknownRecordError(f"no institute {institute!r} in {store.name}")
    import getpass

    username = f"cli:{getpass.getuser()}@{institute}"
    account = store.get("accounts", (username,))
    if account is None:
        uow = UnitOfWork(store, actor="system", role=None, action="command_line_account",
                         clock=flow.clock, institute=institute)
        try:
            account = uow.add(Account(
                username=username, institute=institute, must_change_password=False,
                grants=(RoleGrant(role=Role.INSTITUTE_ADMIN, institute=institute),),
                password_hash="!",  # no password: this account cannot log in
            ))
            uow.commit()
        except ConflictError:  # another command made it at the same moment: use that one
            made = store.get("accounts", (username,))
            if made is None:
                raise
            account = made
    return Actor(account, Role.INSTITUTE_ADMIN)


class _Progress:
    """Rows read, shown by tqdm on a terminal (and nothing in a pipe)."""

    def __init__(self, label: str) -> None:
        from tqdm import tqdm

        self._bar = tqdm(desc=label, unit=" rows", file=sys.stderr, leave=False,
                         disable=not sys.stderr.isatty())
        self._seen = 0

    def __call__(self, count: int) -> None:
        self._bar.update(count - self._seen)
        self._seen = count

    def close(self) -> None:
        self._bar.close()


# -- handlers -----------------------------------------------------------------------------------


def _init(args: argparse.Namespace) -> int:
    from casedu.cli import read_data
    from casedu.store import open_store

    if args.source is not None and not isinstance(args.workspace, str):
        refuse_overwrite(args.workspace, args.source)
    dataset = read_data(args.source) if args.source else None
    store = open_store(args.workspace, create=True)
    try:
        if dataset is not None:
            store.replace_all(dataset)
    except BaseException:
        store.drop()  # nothing half-made stays: the file, or the tables just made
        raise
    what = f" from {args.source}" if args.source else ""
    kind = "casedu's tables in" if isinstance(args.workspace, str) else "workspace"
    print(f"made {kind} {shown(args.workspace)}{what}")
    return 0


def _import(args: argparse.Namespace) -> int:
    from casedu.importers import apply_import, plan_import, read_statements

    store, flow, actor = _session(args)
    institute = actor.grant.institute
    dataset = store.institute_data(institute)
    accounts = {a.username: a for a in store.find("accounts", institute=institute)}
    if args.kind == "xapi":
        result = read_statements(args.file, dataset=dataset, accounts=accounts,
                                 institute=institute)
        print(f"{args.file}: xapi: {len(result.records)} sessions to add, "
              f"{result.already} imported before, {len(result.skipped)} skipped")
        for line in result.skipped:
            print(f"  skipped {line}")
        if not args.dry_run and result.records:
            flow.import_online(actor, list(result.records))
        return 0
    progress = _Progress(f"reading {args.file}")
    try:
        plan = plan_import(args.kind, args.file, dataset=dataset,
                           accounts=accounts, institute=institute, plan=args.plan,
                           progress=progress)
    finally:
        progress.close()
    print(plan.report())
    if args.dry_run:
        for record in plan.added[:20]:
            print(f"  + {_describe(record)}")
        for before, _ in plan.updated[:20]:
            print(f"  ~ {_describe(before)}")
        print("dry run: nothing was changed")
        return 0
    count = apply_import(flow, actor, plan)
    print(f"imported: {count} records written")
    return 0


def _describe(record: Any) -> str:
    """One line per record of a dry run."""
    if isinstance(record, tuple):  # an attendee: (person, confirmed)
        return f"{record[0]}{' (确认参加)' if record[1] else ''}"
    parts = [str(getattr(record, name)) for name in ("id", "person", "name", "course", "title",
                                                      "date", "start", "hours")
             if getattr(record, name, None) not in (None, "(new)")]
    return " ".join(parts)


def _dump(args: argparse.Namespace) -> int:
    from casedu.dataset import save_dataset
    from casedu.store import open_store

    refuse_overwrite(args.output, args.workspace)
    store = open_store(args.workspace)
    save_dataset(store.state().dataset, args.output)
    print(f"wrote {args.output} (accounts and the audit stay in the workspace)")
    return 0


def _backup(args: argparse.Namespace) -> int:
    from casedu.store import open_store

    refuse_overwrite(args.output, args.workspace)
    store = open_store(args.workspace)
    backup = getattr(store, "backup", None)
    if backup is None:
        raise WorkspaceError(
            f"{store.name} is a database server: back it up with its own tools (pg_dump, "
            "mariadb-dump; see docs/database.md)")
    path = backup(args.output)
    print(f"wrote {path}")
    return 0


def _template(args: argparse.Namespace) -> int:
    from casedu.importers import write_template

    path = write_template(args.kind, args.output)
    if args.kind == "workbook":
        print(f"wrote {path}: fill it and use it as DATA, or `casedu init WORKSPACE --from "
              f"{path}`")
    else:
        print(f"wrote {path}: fill it and run `casedu import WORKSPACE {args.kind} {path}`")
    return 0


def _pending(args: argparse.Namespace) -> int:
    from casedu.console import render_table
    from casedu.quantities import decimal_text

    _, flow, actor = _session(args)
    records = flow.pending_external(actor)
    rows = [[r.id, r.person, r.category, r.title, r.start.isoformat(), decimal_text(r.hours)]
            for r in records]
    print(render_table(["id", "人员", "类别", "名称", "开始", "学时"], rows))
    print(f"{len(rows)} pending")
    return 0


def _review(args: argparse.Namespace) -> int:
    _, flow, actor = _session(args)
    if args.approve:
        record = flow.approve_external(actor, args.record)
    else:
        record = flow.reject_external(actor, args.record, args.reject)
    print(f"{record.id}: {record.status.value}")
    return 0


def _report(args: argparse.Namespace) -> int:
    _, flow, actor = _session(args)
    done = flow.report_backbone(actor, args.year, args.people)
    print(f"reported {len(done)}: {', '.join(done) or '(all were reported already)'}")
    return 0


def _revoke(args: argparse.Namespace) -> int:
    _, flow, actor = _session(args)
    done = flow.revoke_backbone(actor, args.year, args.people)
    print(f"revoked {len(done)}: {', '.join(done)}")
    return 0


def _summary_step(args: argparse.Namespace) -> int:
    _, flow, actor = _session(args)
    step = {"create": flow.create_summary, "refresh": flow.refresh_summary,
            "submit": flow.submit_summary}[args.step]
    summary = step(actor, args.year)
    print(f"summary {summary.institute} {summary.year}: {summary.status.value}")
    return 0


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
    _, flow, actor = _session(args)
    if args.person_times is not None:
        changes["total_person_times"] = args.person_times
    if args.system_person_times:
        changes["total_person_times"] = None
    summary = flow.edit_summary(actor, args.year, **changes)
    figures = summary.figures or {}
    print(f"summary {summary.institute} {summary.year}: total person-times "
          f"{figures.get('total_person_times')}, investment {figures.get('total_investment')}")
    return 0


def _audit(args: argparse.Namespace) -> int:
    from casedu.console import render_table

    _, flow, actor = _session(args)
    events = flow.audit_events(actor, action=args.action, record=args.record,
                               outcome=args.outcome)
    rows = [[str(e.sequence), e.at.isoformat(timespec="seconds"), e.actor,
             e.role.value if e.role else "", e.action, e.record,
             e.outcome if e.reason is None else f"{e.outcome}: {e.reason}"] for e in events]
    print(render_table(["#", "at", "who", "role", "action", "record", "outcome"], rows))
    return 0
