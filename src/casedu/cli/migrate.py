"""``casedu migrate``: bring casedu's tables of an earlier casedu to this one's, explicitly, as a
database administrator runs Alembic's ``upgrade head``; ``--sql`` prints the statements for
review and runs nothing, ``--check`` says whether the tables are behind.

A database server's store of an earlier revision is refused by every other command, naming this
one; a workspace file migrates itself when it is opened, after a backup beside it.
"""

from __future__ import annotations

import argparse

from casedu.cli.arguments import (
    EXIT_BAD_DATA,
    EXIT_OK,
    EXIT_UNREADABLE,
    EXIT_USAGE,
    UNREADABLE,
    Commands,
    add_target,
    shown,
)

__all__ = ["COMMANDS", "MIGRATE_STATUSES", "add_commands"]

#: The commands this module adds, named without building their parsers (``casedu`` builds
#: the parsers of the group of the command it runs; a test holds the two equal).
COMMANDS = ("migrate",)

#: ``casedu migrate``'s exit statuses (``--check`` tells "behind" from "cannot be read").
MIGRATE_STATUSES = (
    (EXIT_OK, "done; with --check: the tables are this casedu's"),
    (EXIT_BAD_DATA, "with --check: the tables are of an earlier casedu (run casedu migrate)"),
    (EXIT_USAGE, "bad usage of the command"),
    (EXIT_UNREADABLE, UNREADABLE + ", or it is not a store of casedu's, or of a newer casedu "
                      "(the message says why)"),
)


def add_commands(commands: Commands) -> None:
    """Add ``migrate`` to the ``casedu`` parser."""
    migrate = commands.add(
        "migrate", "bring casedu's tables of an earlier casedu to this one's", _migrate,
        example=["casedu migrate postgresql+psycopg://casedu@db/portal --sql",
                 "casedu migrate postgresql+psycopg://casedu@db/portal --check"],
        statuses=MIGRATE_STATUSES)
    add_target(migrate, "workspace", "URL", "the database URL (env:NAME: the URL in an "
               "environment variable), or a workspace file")
    what = migrate.add_mutually_exclusive_group()
    what.add_argument("--sql", action="store_true",
                      help="print the SQL statements that would migrate the tables (for a "
                           "database administrator to review or run), and run nothing")
    what.add_argument("--check", action="store_true",
                      help="change nothing: exit 0 when the tables are this casedu's, 1 when "
                           "they need casedu migrate")


def _migrate(args: argparse.Namespace) -> int:
    from casedu.cli.stores import open_target
    from casedu.store import REVISION

    name = shown(args.workspace)
    if not (args.sql or args.check):
        store = open_target(args, migrate=True)
        source = store.migrated_from
        if source is None:
            print(f"{name}: casedu's tables are at revision {REVISION} already: nothing to do")
        else:
            backup = getattr(store, "migration_backup", None)
            kept = f" (the workspace as it was: {backup})" if backup else ""
            print(f"{name}: migrated casedu's tables from revision {source} to {REVISION}{kept}")
        return EXIT_OK
    store = open_target(args, migrate=None)
    if args.sql:
        current, sql = store.migration_sql()
        if not sql:
            print(f"-- {name}: casedu's tables are at revision {current} already: nothing to run")
        else:
            print(f"-- {name}: casedu's tables from revision {current} to {REVISION}; review, "
                  "then run it (or casedu migrate)\n")
            print(sql.rstrip())
        return EXIT_OK
    current, behind = store.migration_status()
    if not behind:
        print(f"{name}: casedu's tables are at revision {current}: up to date")
        return EXIT_OK
    print(f"{name}: casedu's tables are at revision {current}, this casedu's are {REVISION}: "
          "run casedu migrate")
    return EXIT_BAD_DATA
