"""``casedu migrate --sql``: the statements that would bring a store to this casedu's tables,
printed for a database administrator to review (Alembic's offline mode), with nothing run.

The statements are those for the tables as casedu made them at the store's revision: the
store's revision is read (read-only), then each revision after it prints its statements.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from casedu.errors import WorkspaceError
from casedu.store.migrations import (
    HEAD,
    REVISIONS,
    move_statements,
    open_tables_refusal,
    survey,
)
from casedu.store.revisions import OLD_REVISION_TABLE, REVISION_TABLE

if TYPE_CHECKING:
    from casedu.store.migrations import SqlStore

__all__ = ["migration_sql", "migration_status"]


def migration_status(store: SqlStore) -> tuple[str, bool]:
    """The revision of the store's tables and whether they need migrating (an earlier
    revision, or casedu 0.2's revision table). A store that is not casedu's, or of a revision
    this casedu does not know, is refused as opening it would be."""
    found = survey(store.engine, store.tables, store.name)
    refused = open_tables_refusal(found, store.name, tables=store.tables,
                                  engine=store.engine, path=getattr(store, "path", None))
    if refused is not None:
        raise WorkspaceError(refused)
    current = found.revision
    if found.state == "empty":
        raise WorkspaceError(f"{store.name} holds no casedu tables: `casedu init` makes them")
    if current is None or current not in REVISIONS:
        raise WorkspaceError(f"{store.name} has the revision {str(current)[:40]!r}, which this "
                             f"casedu does not know (it knows up to {HEAD}): it was made by a "
                             "newer casedu (upgrade casedu) or changed outside casedu")
    return current, current != HEAD or found.state == "old"


def migration_sql(store: SqlStore) -> tuple[str, str]:
    """The store's revision and the SQL that migrates it to :data:`HEAD` ("" when it is there
    already), refused as :func:`migration_status` refuses; a workspace file migrates itself
    and prints nothing."""
    from alembic import command
    from alembic.config import Config

    current, behind = migration_status(store)
    if not behind:
        return current, ""
    move = survey(store.engine, store.tables, store.name).state == "old"
    if store.dialect == "sqlite":
        raise WorkspaceError(f"{store.name} is a workspace file: it migrates itself when it is "
                             "opened, after a backup beside it; --sql prints the statements "
                             "for a database server")
    buffer = io.StringIO()
    config = Config(output_buffer=buffer)
    config.set_main_option("script_location", "casedu.store:migrations")
    config.attributes["tables"] = store.tables
    config.attributes["url"] = store.engine.url
    config.attributes["version_table"] = store.tables.name(
        OLD_REVISION_TABLE if move else REVISION_TABLE)
    with store.engine.connect() as reader:  # read only: what the steps drop if it is there
        config.attributes["reader"] = reader
        command.upgrade(config, f"{current}:head", sql=True)
    text = buffer.getvalue()
    if move:
        text += "".join(f"{statement};\n\n"
                        for statement in move_statements(store.engine.dialect, store.tables))
    return current, text
