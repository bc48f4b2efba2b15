"""The SQL store's migrations, with Alembic.

Each revision in ``versions/`` brings casedu's tables one step forward; a database records its
revision in ``<prefix>alembic_version``. Opening a store migrates an older database forward and
refuses one made by a newer casedu. A new database gets the tables as
:class:`casedu.store.tables.Tables` declares them and the newest revision at once (Alembic's
"create_all, then stamp"): the revisions after the first change existing databases only.
Alembic is imported only when there is something to do.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from casedu.errors import WorkspaceError

if TYPE_CHECKING:
    from casedu.store.sql import SqlStore

__all__ = ["HEAD", "REVISIONS", "current_revision", "upgrade"]

#: Every revision, oldest first (a test holds it equal to Alembic's script directory).
REVISIONS = ("0001", "0002", "0003", "0004")
#: The revision this casedu writes.
HEAD = REVISIONS[-1]


def current_revision(store: SqlStore) -> str | None:
    """The database's revision, or None when it holds no casedu tables."""
    import sqlalchemy as sa

    tables = store.tables
    version = tables.name("alembic_version")
    with store.engine.connect() as conn:
        inspector = sa.inspect(conn)
        if not inspector.has_table(version, schema=tables.schema):
            if inspector.has_table(tables.name("institutes"), schema=tables.schema):
                raise WorkspaceError(
                    f"{store.name} holds tables named like casedu's ({tables.name('institutes')}"
                    ", ...) but no casedu revision: choose another prefix or schema")
            return None
        table = sa.table(version, sa.column("version_num"), schema=tables.schema)
        found = conn.execute(sa.select(table.c.version_num)).scalars().all()
    if len(found) != 1:
        raise WorkspaceError(f"{store.name}: {version} holds {len(found)} revisions; the "
                             "database was changed outside casedu: restore its backup")
    return str(found[0])


def upgrade(store: SqlStore, *, create: bool) -> None:
    """Create casedu's tables (``create``, on a database without them) or bring them to
    :data:`HEAD`; refuse a database made by a newer casedu."""
    import sqlalchemy as sa

    from casedu.store.sql import reason

    try:
        current = current_revision(store)
    except sa.exc.SQLAlchemyError as error:
        raise WorkspaceError(f"{store.name}: cannot read it ({reason(error)})") from None
    if current is None and not create:
        raise WorkspaceError(f"{store.name} holds no casedu tables: make them with "
                             f"`casedu init {store.name} --from DATA`")
    if current is not None and create:
        raise WorkspaceError(f"{store.name} holds casedu's tables already: choose another "
                             "database, schema or prefix")
    if current == HEAD:
        return
    if current is not None and current not in REVISIONS:
        raise WorkspaceError(
            f"{store.name} has the revision {current[:40]!r}, which this casedu does not know "
            f"(it knows up to {HEAD}): it was made by a newer casedu (upgrade casedu to open "
            "it) or changed outside casedu (restore its backup)")
    _run(store, create=current is None)


def _run(store: SqlStore, *, create: bool) -> None:
    """Make the tables and stamp them with :data:`HEAD` (``create``), or upgrade them to it."""
    import sqlalchemy as sa
    from alembic import command
    from alembic.config import Config

    from casedu.store.sql import reason

    config = Config()
    config.set_main_option("script_location", "casedu.store:migrations")
    config.attributes["tables"] = store.tables
    try:
        with store.engine.connect().execution_options(casedu_write=True) as conn:
            config.attributes["connection"] = conn
            if create:
                store.tables.metadata.create_all(conn)
                command.stamp(config, HEAD)
            else:
                command.upgrade(config, HEAD)
            conn.commit()
    except sa.exc.SQLAlchemyError as error:
        raise WorkspaceError(f"{store.name}: the tables could not be made or migrated "
                             f"({reason(error)}); nothing was changed") from None

