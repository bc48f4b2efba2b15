"""casedu's tables in a database: made whole or not at all, recognised as casedu's own, and
migrated forward with Alembic.

casedu knows its tables by its revision table, ``<prefix>casedu_revision``, a name of its own
(a portal that uses Alembic keeps ``alembic_version`` for itself). A database is one of:

- **empty** of casedu's names: ``create`` makes the tables there;
- **casedu's**: the revision table holds one revision; an older one is migrated forward when
  the caller asks for it (``casedu migrate``, ``SqlStore(engine, migrate=True)``; a workspace
  file asks for it itself, after a backup) and is refused otherwise, saying the command that
  migrates it; one this casedu does not know (a newer casedu's) is refused;
- **unfinished**: the revision table holds no revision. Making a store writes its revision
  last (after the tables and their data), so this is a ``casedu init`` that was killed half-way
  on an engine whose DDL is not transactional (MariaDB): refused, with how to clean it up, and
  never taken for an empty store;
- **foreign**: tables under casedu's names that casedu did not make (no revision table):
  refused, naming them, and never touched;
- **casedu 0.2's**: its revision in ``<prefix>alembic_version`` beside its tables, moved to the
  revision table of its own (a rename) and migrated.

Alembic is imported only when there is something to migrate.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

from casedu.errors import WorkspaceError
from casedu.logs import logger
from casedu.store.revisions import (
    HEAD,
    OLD_REVISION_TABLE,
    OLD_REVISIONS,
    REVISION_TABLE,
    REVISIONS,
    revision_table_names,
)

if TYPE_CHECKING:
    from contextlib import AbstractContextManager

    import sqlalchemy as sa

    from casedu.store.tables import Tables


class SqlStore(Protocol):
    """What the making and migrating of tables takes of a store."""

    engine: sa.Engine
    tables: Tables
    name: str

    @property
    def dialect(self) -> str: ...

    def _errors(self) -> AbstractContextManager[None]: ...

__all__ = ["HEAD", "REVISIONS", "REVISION_TABLE", "SqlStore", "Survey", "current_revision",
           "migrate_command", "open_tables", "open_tables_refusal", "revision_table_names",
           "survey"]

_log = logger("store")

class Survey(NamedTuple):
    """What a database holds of casedu's: ``state`` is ``empty``, ``made``, ``unfinished``,
    ``old`` (casedu 0.2's revision table) or ``foreign``; ``tables`` are the tables under
    casedu's names found there."""

    state: str
    revision: str | None
    tables: tuple[str, ...]


def current_revision(store: SqlStore) -> str | None:
    """The revision of the store's tables (None when it holds none of casedu's)."""
    return survey(store.engine, store.tables, store.name).revision


def _revision_table(tables: Tables, name: str | None = None) -> sa.Table:
    import sqlalchemy as sa

    name = name or tables.name(REVISION_TABLE)
    return sa.Table(name, sa.MetaData(schema=tables.schema),
                    sa.Column("version_num", sa.String(32), nullable=False),
                    sa.PrimaryKeyConstraint("version_num", name=f"{name}_pkc"))


def survey(engine: sa.Engine, tables: Tables, name: str) -> Survey:
    """Look at the database ``name`` (through ``engine``), reading only: which of casedu's
    ``tables`` it holds, and whose."""
    import sqlalchemy as sa

    with engine.connect() as conn:
        inspector = sa.inspect(conn)
        present = {name.casefold(): name for name in
                   inspector.get_table_names(schema=tables.schema)}
        mine = tuple(present[table.name.casefold()] for table in tables.metadata.sorted_tables
                     if table.name.casefold() in present)
        version = tables.name(REVISION_TABLE)
        if version.casefold() in present:
            found = _revisions(conn, _revision_table(tables, present[version.casefold()]))
            if not found:
                return Survey("unfinished", None, mine)
            if len(found) > 1:
                raise WorkspaceError(
                    f"{name}: {version} holds {len(found)} revisions; the database was "
                    "changed outside casedu: restore its backup")
            return Survey("made", found[0], mine)
        old = tables.name(OLD_REVISION_TABLE)
        if old.casefold() in present and mine:
            found = _revisions(conn, _revision_table(tables, present[old.casefold()]))
            if len(found) == 1 and found[0] in OLD_REVISIONS and _are_casedus(
                    inspector, tables, found[0], present):
                return Survey("old", found[0], mine)
    return Survey("foreign" if mine else "empty", None, mine)


def _revisions(conn: sa.Connection, table: sa.Table) -> list[str]:
    import sqlalchemy as sa

    return [str(v) for v in conn.execute(sa.select(table.c.version_num)).scalars()]


def _are_casedus(inspector: Any, tables: Tables, revision: str,
                 present: dict[str, str]) -> bool:
    """Whether every table of casedu's ``revision`` is there with exactly its columns (a
    portal's ``alembic_version`` beside tables of casedu's names is no store of casedu's)."""
    from casedu.store.tables import Tables

    then = Tables(prefix=tables.prefix, schema=tables.schema, dialect=tables.dialect,
                  revision=revision)
    for table in then.metadata.sorted_tables:
        name = present.get(table.name.casefold())
        if name is None:
            return False
        columns = {c["name"] for c in inspector.get_columns(name, schema=tables.schema)}
        if columns != {c.name for c in table.columns}:
            return False
    return True


def open_tables(store: SqlStore, *, create: bool,
                fill: Callable[[sa.Connection], None] | None = None, migrate: bool = False,
                before_migrating: Callable[[str], None] | None = None) -> str | None:
    """Make casedu's tables (``create``: on a database without any table of casedu's names,
    filled by ``fill`` before the revision is written) or open them; an older revision is
    migrated forward with ``migrate`` (after ``before_migrating(revision)``: a workspace's
    backup) and refused without it, naming the command that migrates it. Anything else is
    refused, untouched. Returns the revision migrated from (None: nothing was migrated)."""
    import sqlalchemy as sa

    from casedu.store.engines import reason

    try:
        found = survey(store.engine, store.tables, store.name)
    except sa.exc.SQLAlchemyError as error:
        raise WorkspaceError(f"{store.name}: cannot read it ({reason(error)})") from None
    refused = open_tables_refusal(found, store.name, tables=store.tables,
                                  engine=store.engine, path=getattr(store, "path", None))
    if refused is not None:
        raise WorkspaceError(refused)
    if create:
        if found.state != "empty":
            raise WorkspaceError(f"{store.name} holds casedu's tables already: choose another "
                                 "database, schema or prefix")
        _create(store, fill)
        return None
    if found.state == "empty":
        raise WorkspaceError(f"{store.name} holds no casedu tables: make them with "
                             f"`casedu init {store.name} --from DATA`")
    current = found.revision
    if current not in REVISIONS:
        raise WorkspaceError(
            f"{store.name} has the revision {str(current)[:40]!r}, which this casedu does not "
            f"know (it knows up to {HEAD}): it was made by a newer casedu (upgrade casedu to "
            "open it) or changed outside casedu (restore its backup)")
    if current == HEAD and found.state != "old":
        return None
    assert current is not None
    if not migrate:
        raise WorkspaceError(
            f"{store.name} holds casedu's tables of revision {current}, and this casedu needs "
            f"{HEAD}: migrate them with `{migrate_command(store)}` (`--sql` prints the "
            "statements for review and runs nothing; docs/database.md)")
    if before_migrating is not None:
        before_migrating(current)
    started = time.perf_counter()
    _log.info("migrating %s from revision %s to %s", store.name, current, HEAD)
    _run(store, "head", move=found.state == "old")
    _log.info("migrated %s to revision %s in %.2f s", store.name, HEAD,
              time.perf_counter() - started)
    return current


def migrate_command(store: SqlStore) -> str:
    """The command that migrates ``store``: ``casedu migrate`` with its URL, prefix and
    schema."""
    options = "".join(f" --{k} {v}" for k, v in (("prefix", store.tables.prefix),
                                                 ("schema", store.tables.schema)) if v)
    return f"casedu migrate {store.name}{options}"


def open_tables_refusal(found: Survey, name: str, *, tables: Tables | None = None,
                        engine: sa.Engine | None = None, path: Any = None) -> str | None:
    """Why a database holding tables under casedu's names that are not a store of casedu's
    (``foreign``, ``unfinished``) is not opened, and what to do; None for any other."""
    named = sorted(found.tables)
    names = ", ".join(named[:6]) + (", ..." if len(named) > 6 else "")
    version = tables.name(REVISION_TABLE) if tables is not None else REVISION_TABLE
    if found.state == "foreign":
        return (f"{name} holds tables named as casedu's ({names}) that casedu did not make "
                f"(there is no {version}): casedu does not touch them; use another database, "
                "or give casedu a schema or table prefix of its own")
    if found.state != "unfinished":
        return None
    if path is not None or tables is None or engine is None:
        cleanup = f"remove the file {path or name}"
    else:
        quote = engine.dialect.identifier_preparer
        schema = f"{quote.quote(tables.schema)}." if tables.schema else ""
        cleanup = "remove them (" + "; ".join(
            f"DROP TABLE {schema}{quote.quote(table)}"
            for table in reversed([version, *found.tables])) + ")"
    return (f"{name} holds casedu's tables of a `casedu init` that did not finish ({version} "
            "holds no revision: the tables may be empty or half-filled); nothing was read or "
            f"changed: {cleanup} and run `casedu init` again")


def _create(store: SqlStore, fill: Callable[[sa.Connection], None] | None) -> None:
    """Make the revision table, the tables, their data (``fill``) and, last, the revision: in
    one transaction where the engine's DDL is transactional (SQLite, PostgreSQL); on MariaDB,
    whose DDL commits as it goes, the tables this run made are dropped again when anything
    fails, and a run killed half-way leaves a revision table without a revision."""
    tables = store.tables.checked()
    version = _revision_table(tables)
    ordered = [version, *tables.metadata.sorted_tables]
    with store._errors(), store.engine.connect().execution_options(casedu_write=True) as conn:
        if store.dialect not in ("mysql", "mariadb"):
            with conn.begin():
                for table in ordered:
                    table.create(conn)
                if fill is not None:
                    fill(conn)
                conn.execute(version.insert().values(version_num=HEAD))
            return
        made: list[Any] = []
        try:
            for table in ordered:
                with conn.begin():
                    table.create(conn)
                made.append(table)
            with conn.begin():
                if fill is not None:
                    fill(conn)
                conn.execute(version.insert().values(version_num=HEAD))
        except BaseException:
            _drop_made(conn, made)
            raise


def _drop_made(conn: sa.Connection, made: list[sa.Table]) -> None:
    """Drop the tables a failed run made (MariaDB), newest first, leaving everything else."""
    import sqlalchemy as sa

    if conn.in_transaction():
        conn.rollback()
    for table in reversed(made):
        try:
            with conn.begin():
                table.drop(conn)
        except sa.exc.SQLAlchemyError:  # the next open finds the revision table and says so
            return


def _move_revision(conn: sa.Connection, tables: Tables) -> None:
    """Give a store of casedu 0.2 its own revision table: ``<prefix>alembic_version`` renamed
    (with its key, whose name PostgreSQL keeps in the schema's namespace), in the migration's
    transaction (MariaDB: one statement)."""
    for statement in move_statements(conn.dialect, tables):
        conn.exec_driver_sql(statement)


def move_statements(dialect: sa.Dialect, tables: Tables) -> list[str]:
    """The statements of :func:`_move_revision` (``casedu migrate --sql`` prints them)."""
    quote = dialect.identifier_preparer
    schema = f"{quote.quote(tables.schema)}." if tables.schema else ""
    old, new = tables.name(OLD_REVISION_TABLE), tables.name(REVISION_TABLE)
    if dialect.name in ("mysql", "mariadb"):
        return [f"RENAME TABLE {schema}{quote.quote(old)} TO {schema}{quote.quote(new)}"]
    statements = [f"ALTER TABLE {schema}{quote.quote(old)} RENAME TO {quote.quote(new)}"]
    if dialect.name == "postgresql":
        statements.append(f"ALTER TABLE {schema}{quote.quote(new)} RENAME CONSTRAINT "
                          f"{quote.quote(old + '_pkc')} TO {quote.quote(new + '_pkc')}")
    return statements


def _run(store: SqlStore, target: str, *, move: bool) -> None:
    """Migrate the store to ``target`` in one transaction (MariaDB: step by step, each step
    safe to run again), its revision table moved first when ``move``."""
    import sqlalchemy as sa
    from alembic import command
    from alembic.config import Config

    from casedu.store.engines import reason
    from casedu.store.migrations.steps import refuse_broken_rows

    config = Config()
    config.set_main_option("script_location", "casedu.store:migrations")
    config.attributes["tables"] = store.tables
    sqlite = store.dialect == "sqlite"
    try:
        with store.engine.connect().execution_options(casedu_write=True) as conn:
            if sqlite:  # a table made again must not take its references with it (SQLite's
                # foreign keys are switched outside a transaction, and checked at its end)
                conn.connection.dbapi_connection.execute(  # type: ignore[union-attr]
                    "PRAGMA foreign_keys = OFF")
            try:
                config.attributes["connection"] = conn
                # a store of casedu 0.2 is migrated under its old revision table, then moved:
                # a migration refused moves nothing (MariaDB's rename commits at once)
                name = OLD_REVISION_TABLE if move else REVISION_TABLE
                config.attributes["version_table"] = store.tables.name(name)
                with conn.begin():
                    refuse_broken_rows(conn, store.tables, store.name)
                    command.upgrade(config, target)
                    if move:
                        _move_revision(conn, store.tables)
            finally:
                if sqlite:
                    conn.connection.dbapi_connection.execute(  # type: ignore[union-attr]
                        "PRAGMA foreign_keys = ON")
    except sa.exc.SQLAlchemyError as error:
        raise WorkspaceError(f"{store.name}: the tables could not be migrated "
                             f"({reason(error)}); nothing was changed") from None
