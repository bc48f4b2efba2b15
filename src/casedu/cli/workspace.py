"""The commands that make and fill a workspace: init, import, dump, backup, check-store and
template.

``import`` acts for the institute admin who owns the workspace (:mod:`casedu.cli.acting`).
"""

from __future__ import annotations

import argparse
from typing import Any

from casedu.cli.acting import acting_admin
from casedu.cli.arguments import (
    EXIT_OK,
    Commands,
    add_target,
    add_workspace,
    path,
    read_data,
    refuse_overwrite,
    shown,
)
from casedu.cli.stores import open_target
from casedu.errors import WorkspaceError

#: The spreadsheet imports, as :data:`casedu.importers.KINDS` names them (a test holds the two
#: equal; naming them here keeps the readers out of ``casedu --help``).
IMPORT_KINDS = ("people", "plans", "attendees", "external", "online")

__all__ = ["COMMANDS", "IMPORT_KINDS", "add_commands"]

#: The commands this module adds, named without building their parsers (``casedu`` builds
#: the parsers of the group of the command it runs; a test holds the two equal).
COMMANDS = ("init", "import", "dump", "backup", "check-store", "template")


def add_commands(commands: Commands) -> None:
    """Add the commands that make and fill a workspace to the ``casedu`` parser."""
    init = commands.add("init", "make a workspace, empty or from a dataset", _init,
                        example="casedu init iop.casedu --from iop-2026.json")
    add_target(init, "workspace", "WORKSPACE", "a new workspace file, or a database URL whose "
               "casedu tables are made (env:NAME: the URL in an environment variable)")
    init.add_argument("--from", dest="source", type=path, metavar="DATASET",
                      help="a dataset JSON file to fill it with")

    imp = commands.add("import", "bring a spreadsheet (or xAPI statements) into a workspace",
                       _import, example="casedu import iop.casedu people 名单.xlsx --dry-run")
    kinds = (*IMPORT_KINDS, "xapi")
    add_workspace(imp)
    imp.add_argument("kind", metavar="KIND", choices=kinds, help="one of: " + ", ".join(kinds))
    imp.add_argument("file", metavar="FILE", type=path)
    imp.add_argument("--plan", metavar="ID", help="the class, for attendees")
    imp.add_argument("--dry-run", action="store_true",
                     help="show what would be added, updated or left unchanged; change nothing")

    dump = commands.add("dump", "write a workspace as a dataset JSON file", _dump,
                        example="casedu dump iop.casedu --output iop-2026.json")
    add_target(dump, "workspace", "WORKSPACE", "a workspace file or a database URL (env:NAME)")
    dump.add_argument("--output", required=True, type=path, metavar="DATASET")

    backup = commands.add("backup", "a consistent copy of a workspace", _backup,
                          example="casedu backup iop.casedu --output iop-backup.casedu")
    add_target(backup, "workspace", "WORKSPACE", "a workspace file (a database server is "
               "backed up with its own tools)")
    backup.add_argument("--output", required=True, type=path, metavar="FILE")

    check = commands.add(
        "check-store", "check a workspace's integrity and every stored row against the rules",
        _check_store, example="casedu check-store iop.casedu")
    add_target(check, "workspace", "WORKSPACE", "a workspace file or a database URL (env:NAME)")
    check.add_argument("--sum-again", action="store_true",
                       help="first sum every person's year again from the records (after "
                       "records were written beside casedu)")

    template = commands.add("template", "an empty import template with instructions", _template,
                            example="casedu template people --output people.xlsx")
    template.add_argument("kind", metavar="KIND", choices=(*IMPORT_KINDS, "workbook"),
                          help="one of: " + ", ".join((*IMPORT_KINDS, "workbook")) + " (a whole "
                          "dataset, usable as DATA)")
    template.add_argument("--output", required=True, type=path, metavar="FILE",
                          help="FILE.xlsx, FILE.ods or FILE.csv")


def _init(args: argparse.Namespace) -> int:
    from casedu.model import Dataset
    from casedu.services import MemoryStore, Workflow

    if args.source is not None and not isinstance(args.workspace, str):
        refuse_overwrite(args.workspace, args.source)
    dataset = read_data(args.source) if args.source else None
    # the tables, their data and the institutes' admin accounts are made whole or not at all
    # (docs/database.md): the accounts are made first, in memory
    flow = Workflow(MemoryStore(dataset or Dataset()))
    admins = flow.bootstrap_institute_admins()
    open_target(args, create=True, dataset=dataset,
                accounts=flow.store.state().accounts.values(), events=flow.store.events()).close()
    what = f" from {args.source}" if args.source else ""
    kind = "casedu's tables in" if isinstance(args.workspace, str) else "workspace"
    print(f"made {kind} {shown(args.workspace)}{what}")
    if admins:
        names = ", ".join(a.username for a in admins[:10]) + (", ..." if len(admins) > 10 else "")
        print(f"made the institute admin account of each of {len(admins)} institutes "
              f"({names}): the username is the institute's code, the initial password "
              "<code>654321, to be changed at the first login (casedu serve)")
    return EXIT_OK


def _import(args: argparse.Namespace) -> int:
    from casedu.importers import apply_import, plan_import, read_statements

    store, flow, actor = acting_admin(args)
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
        return EXIT_OK
    plan = plan_import(args.kind, args.file, dataset=dataset, accounts=accounts,
                       institute=institute, plan=args.plan)
    print(plan.report())
    if args.dry_run:
        for record in plan.added[:20]:
            print(f"  + {_describe(record)}")
        for before, _ in plan.updated[:20]:
            print(f"  ~ {_describe(before)}")
        print("dry run: nothing was changed")
        return EXIT_OK
    count = apply_import(flow, actor, plan)
    print(f"imported: {count} records written")
    return EXIT_OK


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

    refuse_overwrite(args.output, args.workspace)
    store = open_target(args)
    save_dataset(store.state().dataset, args.output)
    print(f"wrote {args.output} (accounts and the audit stay in the workspace)")
    return EXIT_OK


def _backup(args: argparse.Namespace) -> int:

    refuse_overwrite(args.output, args.workspace)
    store = open_target(args)
    backup = getattr(store, "backup", None)
    if backup is None:
        raise WorkspaceError(
            f"{store.name} is a database server: back it up with its own tools (pg_dump, "
            "mariadb-dump; see docs/database.md)")
    path = backup(args.output)
    print(f"wrote {path}")
    return EXIT_OK


def _check_store(args: argparse.Namespace) -> int:
    from casedu.store.aggregate import broken_rows

    store = open_target(args, check=False)
    check_integrity = getattr(store, "check_integrity", None)
    if check_integrity is not None:  # a workspace file: its pages and indexes
        check_integrity(full=True)
    broken = broken_rows(store)
    if broken:
        raise WorkspaceError(f"{store.name}: " + "; ".join(broken) + ": restore the backup, or "
                             "correct the rows by hand")
    if args.sum_again:
        store.sum_again()
        print(f"{store.name}: every person's year summed again from the records")
    stale = store.stale_sums()
    if stale:
        shown = ", ".join(stale[:5]) + (f" and {len(stale) - 5} more" if len(stale) > 5 else "")
        raise WorkspaceError(
            f"{store.name}: table year_sums: the sums of {len(stale)} people's years are not "
            f"their records summed ({shown}): records were written beside casedu; sum them "
            "again with `casedu check-store --sum-again`")
    checked = "pages, indexes and " if check_integrity is not None else ""
    print(f"{store.name}: sound ({checked}every row against casedu's rules, every person's "
          "year summed as their records)")
    return EXIT_OK


def _template(args: argparse.Namespace) -> int:
    from casedu.importers import write_template

    path = write_template(args.kind, args.output)
    if args.kind == "workbook":
        print(f"wrote {path}: fill it and use it as DATA, or `casedu init WORKSPACE --from "
              f"{path}`")
    else:
        print(f"wrote {path}: fill it and run `casedu import WORKSPACE {args.kind} {path}`")
    return EXIT_OK
